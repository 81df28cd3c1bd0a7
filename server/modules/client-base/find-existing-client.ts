import type { ExistingClientDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { normalizePhone } from '../../lib/phone.js';
import { findClientIdByEmail, findClientIdByPhone, getClientRow } from '../clients/clients.repo.js';
import { clientLeadLinks } from '../leads/client-leads.js';
import { clientVisibleTo } from './client-base.policy.js';

/**
 * The client a new lead typed by hand would join (the same phone rule and e-mail match as the lead writer), so the
 * form can warn before a second lead is made: null when none. A client the user may not see is only said to exist
 * (the lead would join it anyway and say so), without its name or leads.
 */
export async function findExistingClient(deps: Deps, user: SessionUser, q: { phone?: string; email?: string }): Promise<ExistingClientDto | null> {
  const { db, config } = deps;
  const phone = q.phone ? normalizePhone(q.phone, config.defaultCountry) : null;
  const clientId = (phone ? await findClientIdByPhone(db, phone) : null) ?? (q.email ? await findClientIdByEmail(db, q.email) : null);
  if (clientId === null) return null;
  if (!(await clientVisibleTo(deps, user, clientId))) return { clientId, visible: false, fullName: null, organization: null, leads: [] };
  const [row, leads] = await Promise.all([getClientRow(db, clientId), clientLeadLinks(db, user, clientId)]);
  return { clientId, visible: true, fullName: row?.full_name ?? null, organization: row?.organization ?? null, leads };
}

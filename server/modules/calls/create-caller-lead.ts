import type { Deps } from '../../deps.js';
import { normalizePhone } from '../../lib/phone.js';
import { createLead } from '../leads/create-lead.js';

/**
 * An unknown caller becomes a new lead (source `call`) in the department's curator inbox, through the leads'
 * own use case (history, `lead:created`). Returns its lead and client, or null when the caller ID is not a
 * phone number or no lead was created.
 */
export async function createCallerLead(deps: Deps, p: { departmentId: number; callerNumber: string }): Promise<{ leadId: number; clientId: number } | null> {
  const phone = normalizePhone(p.callerNumber, deps.config.defaultCountry);
  if (!phone) return null;
  const created = await createLead(deps, {
    departmentId: p.departmentId,
    siteId: null,
    source: 'call',
    createdBy: null,
    client: { phones: [phone], emails: [], fullName: null, organization: null },
    service: null,
    message: null, // the lead's source (a call) says it; the call itself is on the card
    pageUrl: null,
    utm: null,
    ownerId: null,
  });
  return created.kind === 'created' ? { leadId: created.result.leadId, clientId: created.result.clientId } : null;
}

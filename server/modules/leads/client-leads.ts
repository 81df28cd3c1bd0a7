import type { ClientLeadLinkDto, LeadStatus } from '../../api-types.js';
import { fromDbTime, type Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeLeads } from './leads.policy.js';

const MAX_OTHER_LEADS = 20;

/**
 * The client's leads that the user may see (the leads policy), but `exceptLeadId`, newest first, at most 20: the
 * links on a lead card and in the warning about an existing client. Read through the client_id index.
 */
export async function clientLeadLinks(db: Queryable, user: SessionUser, clientId: number, exceptLeadId?: number): Promise<ClientLeadLinkDto[]> {
  const qb = db('leads').leftJoin('users as owner', 'owner.id', 'leads.owner_id').where('leads.client_id', clientId);
  if (exceptLeadId !== undefined) void qb.whereNot('leads.id', exceptLeadId);
  const rows = await scopeLeads(qb, user)
    .orderBy([
      { column: 'leads.created_at', order: 'desc' },
      { column: 'leads.id', order: 'desc' },
    ])
    .limit(MAX_OTHER_LEADS)
    .select<{ id: number; status: string; service: string | null; owner_name: string | null; created_at: unknown }[]>('leads.id', 'leads.status', 'leads.service', 'owner.name as owner_name', 'leads.created_at');
  return rows.map((r) => ({ id: Number(r.id), status: r.status as LeadStatus, service: r.service, ownerName: r.owner_name, createdAt: fromDbTime(r.created_at) ?? '' }));
}

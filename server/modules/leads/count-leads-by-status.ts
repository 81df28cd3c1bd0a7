import type { LeadCountsDto, LeadStatus } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { filteredLeads, type LeadFilters } from './list-leads.js';

/**
 * The board's column heads (GET /api/leads/counts): how many leads the user may see match the list's filters, per
 * status, with the sum of their deal amounts per currency — the whole filtered set, not the cards loaded. One grouped
 * query over `leads` (its status and visibility indexes).
 */
export async function countLeadsByStatus(deps: Deps, user: SessionUser, f: LeadFilters): Promise<LeadCountsDto> {
  const query = await filteredLeads(deps, user, f, (db) => db('leads'));
  const rows = await query()
    .groupBy('leads.status', 'leads.currency')
    .select<{ status: string; currency: string | null; n: number | string; amount: number | string | null }[]>('leads.status', 'leads.currency', deps.db.raw('count(*) as n'), deps.db.raw('sum(leads.amount) as amount'));
  const byStatus: LeadCountsDto['byStatus'] = {};
  for (const r of rows) {
    const s = (byStatus[r.status as LeadStatus] ??= { count: 0, amounts: {} });
    s.count += Number(r.n);
    if (r.currency && r.amount !== null) s.amounts[r.currency] = Math.round((Number(s.amounts[r.currency] ?? 0) + Number(r.amount)) * 100) / 100;
  }
  return { byStatus };
}

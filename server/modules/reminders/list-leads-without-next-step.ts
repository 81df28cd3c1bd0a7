import { CLOSING_STATUSES, type LeadSummaryDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeLeads } from '../leads/leads.policy.js';
import { leadFor, toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadSummaryRows } from '../leads/leads.repo.js';

/** How many leads without a next step one answer holds (the ones untouched longest). */
export const WITHOUT_NEXT_STEP_LIMIT = 200;

/**
 * Leads the user may see that are being worked (an owner, not closed, not completed) and have no reminder waiting:
 * nobody will be reminded to do anything about them. Untouched longest first, at most WITHOUT_NEXT_STEP_LIMIT.
 */
export async function listLeadsWithoutNextStep(deps: Deps, user: SessionUser): Promise<LeadSummaryDto[]> {
  const { db } = deps;
  const ids = await scopeLeads(db('leads'), user)
    .whereNotNull('leads.owner_id')
    .whereNotIn('leads.status', [...CLOSING_STATUSES, 'completed'])
    .whereNotExists(db('reminders').select(db.raw('1')).whereRaw('reminders.lead_id = leads.id').whereNull('reminders.done_at'))
    .orderBy([{ column: 'leads.updated_at' }, { column: 'leads.id' }])
    .limit(WITHOUT_NEXT_STEP_LIMIT)
    .pluck<number[]>('leads.id');
  const rows = await findLeadSummaryRows(db, ids.map(Number));
  const order = new Map(ids.map((id, i) => [Number(id), i]));
  return rows
    .map((r) => leadFor(user, toLeadSummary(r)))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

import type { Deps } from '../../deps.js';
import { fieldError, ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import { writeAssignment } from '../leads/assign-lead.js';
import { leadAudience, visibleLeadRow } from '../leads/lead-access.js';
import { emitLeadAssigned } from '../leads/leads.events.js';
import { canAssignLead } from '../leads/leads.policy.js';
import { toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadSummaryRows } from '../leads/leads.repo.js';

export interface BulkAssignResult {
  /** Leads that now belong to the manager (one history row each). */
  assigned: number[];
  /** Leads left as they were: `stale` — changed since the curator saw them; `unchanged` — already the manager's. */
  skipped: { leadId: number; reason: 'stale' | 'unchanged' }[];
}

/**
 * A curator (or director) gives several leads to one manager at once: every lead is checked as a single assignment
 * would be (visible to the user, theirs to assign, the manager an active manager of the lead's department), all in one
 * transaction — one lead the user may not see or assign and nothing is written (404 / 403), a manager of another
 * department is a field error on `managerId`. A lead whose `version` moved on (someone else assigned it meanwhile) is
 * skipped, not taken over. Live `lead:assigned` after commit, one per lead.
 */
export async function assignLeads(deps: Deps, user: SessionUser, leads: { id: number; version?: number }[], managerId: number): Promise<BulkAssignResult> {
  const outcome = await deps.db.transaction(async (tx) => {
    const managers = new Map<number, { id: number; name: string } | undefined>();
    const result: BulkAssignResult & { previous: Map<number, number | null> } = { assigned: [], skipped: [], previous: new Map() };
    for (const wanted of leads) {
      const row = await visibleLeadRow(tx, user, wanted.id);
      if (!canAssignLead(user, leadAudience(row))) throw new ForbiddenError(text('error.assign_forbidden'));
      const departmentId = Number(row.department_id);
      if (!managers.has(departmentId)) {
        managers.set(
          departmentId,
          await tx('users').where({ id: managerId, role: 'manager', department_id: departmentId, active: true }).first<{ id: number; name: string } | undefined>('id', 'name'),
        );
      }
      const manager = managers.get(departmentId);
      if (!manager) throw fieldError('managerId', text('field.not_active_manager'));
      const previousOwnerId = row.owner_id === null ? null : Number(row.owner_id);
      if (wanted.version !== undefined && Number(row.version) !== wanted.version) result.skipped.push({ leadId: wanted.id, reason: 'stale' });
      else if (previousOwnerId === managerId) result.skipped.push({ leadId: wanted.id, reason: 'unchanged' });
      else if (!(await writeAssignment(tx, row, { id: Number(manager.id), name: manager.name }, user.id))) result.skipped.push({ leadId: wanted.id, reason: 'stale' });
      else {
        result.assigned.push(wanted.id);
        result.previous.set(wanted.id, previousOwnerId);
      }
    }
    return result;
  });
  const rows = outcome.assigned.length ? await findLeadSummaryRows(deps.db, outcome.assigned) : [];
  for (const row of rows) emitLeadAssigned(deps, toLeadSummary(row), outcome.previous.get(Number(row.id)) ?? null);
  return { assigned: outcome.assigned, skipped: outcome.skipped };
}

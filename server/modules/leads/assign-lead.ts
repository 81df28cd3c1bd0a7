import type { Deps } from '../../deps.js';
import { toDbTime, type Queryable } from '../../db/knex.js';
import { fieldError, ForbiddenError, NotFoundError, StaleVersionError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { emitLeadAssigned } from './leads.events.js';
import { recordHistory } from './lead-history.js';
import { leadAudience, visibleLeadRow } from './lead-access.js';
import { canAssignLead } from './leads.policy.js';
import { leadFor, toLeadFull, toLeadSummary, type LeadFullDto } from './leads.presenter.js';
import { findLeadSummaryRow, type LeadRow } from './leads.repo.js';
import { text } from '../../i18n/text.js';
import { scheduleInstantCallback } from '../callback/schedule-instant-callback.js';

/**
 * A curator (of the lead's department) or a director gives the lead to an active manager of that department.
 * The first assignment stamps assigned_at (speed to lead); the previous owner's screens drop the lead live; a new web
 * lead's instant callback starts (callback module).
 */
export async function assignLead(deps: Deps, user: SessionUser, leadId: number, managerId: number, version?: number): Promise<LeadFullDto> {
  const outcome = await deps.db.transaction(async (tx) => {
    const row = await visibleLeadRow(tx, user, leadId);
    if (!canAssignLead(user, leadAudience(row))) throw new ForbiddenError(text('error.assign_forbidden'));
    if (version !== undefined && Number(row.version) !== version) return { kind: 'stale' as const };
    const manager = await tx('users')
      .where({ id: managerId, role: 'manager', department_id: row.department_id, active: true })
      .first<{ id: number; name: string } | undefined>('id', 'name');
    if (!manager) throw fieldError('managerId', text('field.not_active_manager'));
    const previousOwnerId = row.owner_id === null ? null : Number(row.owner_id);
    if (previousOwnerId === managerId) return { kind: 'unchanged' as const };
    if (!(await writeAssignment(tx, row, manager, user.id))) return { kind: 'stale' as const };
    return { kind: 'assigned' as const, previousOwnerId };
  });
  const row = await findLeadSummaryRow(deps.db, leadId);
  if (!row) throw new NotFoundError('lead');
  if (outcome.kind === 'stale') throw new StaleVersionError(leadFor(user, toLeadFull(row)));
  if (outcome.kind === 'assigned') {
    emitLeadAssigned(deps, toLeadSummary(row), outcome.previousOwnerId);
    // Instant callback (the department's setting, within its window after arrival): rings the new owner's phone.
    void scheduleInstantCallback(deps, leadId, 'curator').catch((err: unknown) => deps.log.error({ err, leadId }, 'instant callback failed'));
  }
  return leadFor(user, toLeadFull(row));
}

/**
 * The assignment itself, inside the caller's transaction: the lead's new owner (the first assignment stamps
 * assigned_at) and its history row, by `actorId` (null: Leadline's automatic distribution). False when the lead's
 * version moved on meanwhile (nothing written).
 */
export async function writeAssignment(
  tx: Queryable,
  row: Pick<LeadRow, 'id' | 'version' | 'owner_id' | 'assigned_at'>,
  manager: { id: number; name: string },
  actorId: number | null,
): Promise<boolean> {
  const previous = row.owner_id === null ? undefined : await tx('users').where('id', row.owner_id).first<{ name: string } | undefined>('name');
  const now = toDbTime();
  const count = await tx('leads')
    .where({ id: row.id, version: row.version })
    .update({ owner_id: manager.id, assigned_at: row.assigned_at ?? now, updated_at: now, version: tx.raw('version + 1') });
  if (count !== 1) return false;
  await recordHistory(tx, [{ leadId: Number(row.id), actorId, action: 'assigned', field: 'owner', oldValue: previous?.name ?? null, newValue: manager.name }], now);
  return true;
}

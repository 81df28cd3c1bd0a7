import type { DistributionReasonDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { isWorkingTime } from '../../lib/working-time.js';
import { distributionOf, loadDistribution } from '../departments/distribution-settings.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { decide, type Decision } from '../distribution/decide.js';
import { recordDecision } from '../distribution/decisions.repo.js';
import { leadFactsOf } from '../distribution/lead-facts.js';
import { loadCandidates, saveTurn } from '../distribution/distribute-lead.js';
import { writeAssignment } from '../leads/assign-lead.js';
import { recordHistory } from '../leads/lead-history.js';
import { emitLeadAssigned } from '../leads/leads.events.js';
import { toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadRow, findLeadSummaryRow } from '../leads/leads.repo.js';
import { clientReached, insertAttempt, type AttemptRow } from './callback-attempts.repo.js';
import { ringCallbackAttempt } from './ring-callback-attempt.js';

/**
 * The manager of `missed` declined the callback, did not answer or could not take it: the lead goes, through the
 * department's distribution decision (decide.ts: rules, then the fair pool), to the next eligible manager who has a desk
 * phone, is not on a call nor being rung (skipped with the reason `on_call`) and was not rung for this lead before — recorded as a `callback` decision (reason
 * `callback_missed`), history by Leadline — and their phone rings at once (the next attempt). When nobody is left the
 * lead goes back to the curators' inbox (owner cleared, an `inbox` decision with the same reasons). Under the
 * department's distribution lock (as distributeLead), so simultaneous leads never pile on one manager. Nothing happens
 * when the lead changed hands, its client was talked to or it was closed meanwhile.
 */
export async function passCallbackOn(deps: Deps, missed: AttemptRow, now: Date): Promise<void> {
  const departmentId = missed.department_id;
  const moved = await deps.db.transaction(async (tx) => {
    const locked = await tx('department_distribution').where('department_id', departmentId).update({ turn: tx.raw('turn + 1') });
    const dept = locked ? await tx('department_distribution').where('department_id', departmentId).first<{ turn: number }>('turn') : undefined;
    const lead = await findLeadRow(tx, missed.lead_id);
    if (!lead || lead.owner_id === null || Number(lead.owner_id) !== missed.user_id || lead.closed_at !== null || (await clientReached(tx, missed.lead_id))) return null;
    const previous = await tx('users').where('id', missed.user_id).first<{ name: string }>('name');
    const [tried, phones] = await Promise.all([
      tx('callback_attempts').where('lead_id', missed.lead_id).whereNotNull('user_id').pluck('user_id'),
      tx('users').where({ department_id: departmentId, active: true }).whereNotNull('endpoint').pluck('id'),
    ]);
    // Someone on a call or being rung stays a candidate, so the decision names them as skipped ("on a call").
    const skip = new Set(tried.map(Number));
    const callable = new Set(phones.map(Number));
    const candidates = (await loadCandidates(deps, tx, departmentId)).filter((c) => callable.has(c.id) && !skip.has(c.id));
    const settings = distributionOf(await loadDistribution(tx, [departmentId]), departmentId);
    const hours = speedToLeadOf(await loadSpeedToLead(tx, [departmentId]), departmentId).workingHours;
    const lead0 = await leadFactsOf(tx, lead, deps.config.defaultCurrency);
    const picked = decide({ settings, candidates, lead: lead0, working: isWorkingTime(hours, now), now });
    const why: DistributionReasonDto = { code: 'callback_missed', params: { userId: missed.user_id, name: previous?.name ?? null } };
    const chosen = candidates.find((c) => c.id === picked.userId);
    const at = toDbTime(now);
    if (chosen) {
      if (!(await writeAssignment(tx, lead, chosen, null))) return null;
      if (dept) await saveTurn(tx, chosen.id, { pass: picked.nextPass ?? 0, last_turn: Number(dept.turn), last_lead_at: at });
      const decision: Decision = { ...picked, decision: 'callback', reasons: [why, ...picked.reasons] };
      await recordDecision(tx, missed.lead_id, decision, now);
      const next = await insertAttempt(tx, { leadId: missed.lead_id, attempt: missed.attempt + 1, departmentId, dueAt: now });
      return { previousOwnerId: missed.user_id, next };
    }
    const cleared = await tx('leads').where({ id: lead.id, version: lead.version }).update({ owner_id: null, updated_at: at, version: tx.raw('version + 1') });
    if (cleared !== 1) return null;
    await recordHistory(tx, [{ leadId: missed.lead_id, actorId: null, action: 'assigned', field: 'owner', oldValue: previous?.name ?? null, newValue: null }], at);
    await recordDecision(tx, missed.lead_id, { ...picked, decision: 'inbox', userId: null, reasons: [why, ...picked.reasons] }, now);
    return { previousOwnerId: missed.user_id, next: null };
  });
  if (!moved) return;
  const row = await findLeadSummaryRow(deps.db, missed.lead_id);
  if (row) emitLeadAssigned(deps, toLeadSummary(row), moved.previousOwnerId);
  if (moved.next !== null) await ringCallbackAttempt(deps, moved.next);
}

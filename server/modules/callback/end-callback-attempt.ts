import type { Deps } from '../../deps.js';
import { addWorkingTime } from '../../lib/working-time.js';
import { emitCallEnded } from '../calls/calls.events.js';
import { instantCallbackOf, loadInstantCallback } from '../departments/callback-settings.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { recordHistory } from '../leads/lead-history.js';
import { emitLeadUpdated } from '../leads/leads.events.js';
import { toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadRow, findLeadSummaryRow } from '../leads/leads.repo.js';
import { CLIENT_MISSED, clientReached, closeAttempt, findAttempt, insertAttempt, MANAGER_MISSED, type CallbackOutcome } from './callback-attempts.repo.js';
import { passCallbackOn } from './pass-callback-on.js';

/**
 * An attempt is over with `outcome` (once: the first caller closes it). In one transaction: the attempt's row, the
 * lead's history (`call` / `callback`: the manager rung and the outcome) and, for a busy or unanswered client, the next
 * attempt due `retryMinutes[n]` after now (n: the client's misses so far), moved to the start of the next working window
 * when that falls outside the working hours — with its moment on the history (`callback_retry`); nobody is called again
 * once the client was talked to or the lead closed. After commit the card is refreshed (`lead:updated`), and a manager who declined, did not answer
 * or could not take the call hands the lead on (pass-callback-on.ts).
 */
export async function endCallbackAttempt(deps: Deps, attemptId: number, outcome: CallbackOutcome, now: Date = new Date()): Promise<void> {
  const next = await deps.db.transaction(async (tx) => {
    if (!(await closeAttempt(tx, attemptId, outcome, now))) return null;
    const attempt = (await findAttempt(tx, attemptId))!;
    const lead = await findLeadRow(tx, attempt.lead_id);
    if (!lead) return null;
    const manager = attempt.user_id === null ? undefined : await tx('users').where('id', attempt.user_id).first<{ name: string } | undefined>('name');
    await recordHistory(tx, [{ leadId: attempt.lead_id, actorId: null, action: 'call', field: 'callback', oldValue: manager?.name ?? null, newValue: outcome }]);
    if (CLIENT_MISSED.includes(outcome) && lead.closed_at === null && !(await clientReached(tx, attempt.lead_id))) {
      const missed = await tx('callback_attempts').where('lead_id', attempt.lead_id).whereIn('outcome', CLIENT_MISSED).count<{ n: number }[]>('id as n');
      const settings = instantCallbackOf(await loadInstantCallback(tx, [attempt.department_id]), attempt.department_id);
      const minutes = settings.retryMinutes[Number(missed[0].n) - 1];
      const hours = speedToLeadOf(await loadSpeedToLead(tx, [attempt.department_id]), attempt.department_id).workingHours;
      const dueAt = minutes === undefined ? null : addWorkingTime(hours, new Date(now.getTime() + minutes * 60_000), 0);
      if (dueAt && (await insertAttempt(tx, { leadId: attempt.lead_id, attempt: attempt.attempt + 1, departmentId: attempt.department_id, dueAt }))) {
        await recordHistory(tx, [{ leadId: attempt.lead_id, actorId: null, action: 'call', field: 'callback_retry', newValue: dueAt.toISOString() }]);
      }
    }
    return attempt;
  });
  if (!next) return;
  // A call that was placed closed its pop itself (click-to-call's end); one refused before it rang closes it here.
  if (outcome === 'failed' && next.call_id !== null && next.user_id !== null) emitCallEnded(deps, [next.user_id], { callId: next.call_id, disposition: 'failed' });
  const row = await findLeadSummaryRow(deps.db, next.lead_id);
  if (row) emitLeadUpdated(deps, toLeadSummary(row));
  if (MANAGER_MISSED.includes(outcome)) await passCallbackOn(deps, next, now);
}

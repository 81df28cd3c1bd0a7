import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { addWorkingTime, isWorkingTime } from '../../lib/working-time.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { dueAttempts, strandedAttempts } from './callback-attempts.repo.js';
import { endCallbackAttempt } from './end-callback-attempt.js';
import { ringCallbackAttempt } from './ring-callback-attempt.js';

/** Attempts looked at per run, earliest first; the rest wait for the next run. */
const BATCH = 100;
/** How long after its call ended an attempt still `ringing` is taken for one its process left behind. */
export const STRANDED_AFTER_MS = 5 * 60_000;

/**
 * One pass at `now`: every callback attempt due by now rings (ring-callback-attempt.ts claims each one, so an attempt
 * rings once whatever instances or restarts there are) — the first attempts of leads that came outside the working
 * hours when the day starts, and the retries after a busy or unanswered client. An attempt whose department is not
 * working now (its hours changed since it was written) is moved to the start of its next working window. Attempts a
 * stopped process left `ringing` (strandedAttempts) are closed as `failed`, so the lead's history says so and the
 * lead is not waiting on a call nobody watches. Answers how many were rung.
 */
export async function ringDueCallbacks(deps: Deps, now: Date): Promise<number> {
  for (const id of await strandedAttempts(deps.db, now, STRANDED_AFTER_MS)) await endCallbackAttempt(deps, id, 'failed', now);
  const due = await dueAttempts(deps.db, now, BATCH);
  if (due.length === 0) return 0;
  const hours = await loadSpeedToLead(deps.db, [...new Set(due.map((a) => a.department_id))]);
  let rung = 0;
  for (const a of due) {
    const h = speedToLeadOf(hours, a.department_id).workingHours;
    if (!isWorkingTime(h, now)) {
      const later = addWorkingTime(h, now, 0);
      if (later) await deps.db('callback_attempts').where({ id: a.id, state: 'due' }).update({ due_at: toDbTime(later) });
      continue;
    }
    await ringCallbackAttempt(deps, a.id);
    rung += 1;
  }
  return rung;
}

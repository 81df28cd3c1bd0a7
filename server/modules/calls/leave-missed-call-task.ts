import type { CallDisposition } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { insertTasks } from '../reminders/reminders.repo.js';
import { fireDueReminders } from '../reminders/fire-due-reminders.js';
import { formatPhone } from '../../lib/phone-display.js';
import { text, type Text } from '../../i18n/text.js';

export interface MissedCall {
  /** How the call ended: `voicemail`, `failed` (cut off) or any other not-answered disposition. */
  disposition: Exclude<CallDisposition, 'answered'>;
  /** The caller ID to show (E.164 when it parses), or null when withheld. */
  callerNumber: string | null;
  leadId: number | null;
  /** The owner of the caller's lead, who gets the task first. */
  ownerId: number | null;
  departmentId: number | null;
}

/**
 * A call nobody took becomes a task, due now, for the owner (or the department's curators, or the directors
 * when there is no curator): never a silent loss. It pops up through the reminders' own firing path
 * (`reminder:due`). Does nothing when there is nobody at all to give it to.
 */
export async function leaveMissedCallTask(deps: Deps, call: MissedCall): Promise<void> {
  let userIds: number[] = call.ownerId !== null ? [call.ownerId] : [];
  if (userIds.length === 0 && call.departmentId !== null) {
    const curators = await deps.db('users').where({ role: 'curator', department_id: call.departmentId, active: true }).select('id');
    userIds = curators.map((r: { id: number }) => Number(r.id));
  }
  if (userIds.length === 0) {
    const directors = await deps.db('users').where({ role: 'director', active: true }).select('id');
    userIds = directors.map((r: { id: number }) => Number(r.id));
  }
  if (userIds.length === 0) return;
  const task = taskText(call);
  const now = toDbTime();
  await insertTasks(deps.db, { leadId: call.leadId, userIds, kind: 'missed_call', task, at: now });
  await fireDueReminders(deps);
}

/** The tasks a call nobody took leaves: `task.<kind>` with the caller's number, `task.<kind>_withheld` without. */
export const MISSED_CALL_TASKS = ['missed', 'voicemail', 'cut_off'] as const;

function taskText(call: MissedCall): Text {
  const params = call.callerNumber ? { number: formatPhone(call.callerNumber) } : undefined;
  const kind: (typeof MISSED_CALL_TASKS)[number] = call.disposition === 'voicemail' ? 'voicemail' : call.disposition === 'failed' ? 'cut_off' : 'missed';
  return text(`task.${kind}${params ? '' : '_withheld'}`, params);
}

import { userLocale } from '../../http/locale.js';
import type { ReminderDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { findReminder, toReminderDto, type ReminderRow } from './reminders.repo.js';

/** Mark one's own reminder done, or snooze it to a new moment (it will pop up again then). */
export async function updateReminder(deps: Deps, user: SessionUser, id: number, change: { done?: true; at?: Date }): Promise<ReminderDto> {
  const row = await findReminder(deps.db, id);
  if (!row || Number(row.user_id) !== user.id) throw new NotFoundError('reminder');
  const update: Partial<Record<keyof ReminderRow, string | null>> = {};
  if (change.at) Object.assign(update, { due_at: toDbTime(change.at), fired_at: null, done_at: null });
  if (change.done) update.done_at = toDbTime();
  await deps.db('reminders').where('id', id).update(update);
  return toReminderDto((await findReminder(deps.db, id)) as ReminderRow, userLocale(user, deps.config.defaultLocale));
}

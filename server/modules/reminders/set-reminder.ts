import { userLocale } from '../../http/locale.js';
import type { ReminderDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { recordHistory } from '../leads/lead-history.js';
import { visibleLeadRow } from '../leads/lead-access.js';
import { findReminder, toReminderDto, type ReminderRow } from './reminders.repo.js';

/** A callback reminder on a lead; it belongs to whoever sets it and pops up on their screen when due. */
export async function setReminder(deps: Deps, user: SessionUser, leadId: number, at: Date, text: string): Promise<ReminderDto> {
  const id = await deps.db.transaction(async (tx) => {
    await visibleLeadRow(tx, user, leadId);
    const now = toDbTime();
    const [rid] = await tx('reminders').insert({
      lead_id: leadId,
      user_id: user.id,
      kind: 'callback',
      due_at: toDbTime(at),
      text,
      created_by: user.id,
      created_at: now,
    });
    await recordHistory(tx, [{ leadId, actorId: user.id, action: 'reminder', field: 'due_at', newValue: `${at.toISOString()} ${text}` }], now);
    return Number(rid);
  });
  return toReminderDto((await findReminder(deps.db, id)) as ReminderRow, userLocale(user, deps.config.defaultLocale));
}

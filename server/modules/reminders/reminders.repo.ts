import type { Locale, ReminderDto } from '../../api-types.js';
import { text, type Text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';
import type { Queryable } from '../../db/knex.js';
import { fromDbTime } from '../../db/knex.js';

export interface ReminderRow {
  id: number;
  lead_id: number | null;
  user_id: number;
  kind: string;
  due_at: string;
  text: string;
  /** A task the system wrote: its text as a catalogue key and values (`text` is then the English fallback). */
  text_key: string | null;
  text_params: string | null;
  created_by: number | null;
  created_at: string;
  fired_at: string | null;
  done_at: string | null;
}

/** A reminder as `locale`'s reader sees it: a task the system wrote is translated for them. */
export function toReminderDto(r: ReminderRow, locale: Locale): ReminderDto {
  return {
    id: Number(r.id),
    leadId: r.lead_id === null ? null : Number(r.lead_id),
    userId: Number(r.user_id),
    kind: r.kind as ReminderDto['kind'],
    dueAt: fromDbTime(r.due_at) ?? '',
    text: r.text_key ? translate(locale, text(r.text_key, r.text_params ? (JSON.parse(r.text_params) as Record<string, string>) : undefined)) : r.text,
    firedAt: fromDbTime(r.fired_at),
    doneAt: fromDbTime(r.done_at),
    createdAt: fromDbTime(r.created_at) ?? '',
  };
}

export async function findReminder(db: Queryable, id: number): Promise<ReminderRow | undefined> {
  return db('reminders').where('id', id).first<ReminderRow | undefined>();
}

export async function listRemindersOfLead(db: Queryable, leadId: number, locale: Locale): Promise<ReminderDto[]> {
  const rows: ReminderRow[] = await db('reminders').where('lead_id', leadId).orderBy([{ column: 'due_at' }, { column: 'id' }]);
  return rows.map((r) => toReminderDto(r, locale));
}

/** A user's reminders still to act on (waiting, or fired and not yet done), soonest first. */
export async function listOpenRemindersOf(db: Queryable, userId: number, locale: Locale): Promise<ReminderDto[]> {
  const rows: ReminderRow[] = await db('reminders').where('user_id', userId).whereNull('done_at').orderBy([{ column: 'due_at' }, { column: 'id' }]).limit(500);
  return rows.map((r) => toReminderDto(r, locale));
}

/**
 * Tasks the system leaves for people about a lead (a missed call, a speed-to-lead alarm, a re-distribution), due
 * `at`: one row per user, the text kept as its catalogue key and values so each reader sees it in their own
 * language (toReminderDto), with the English text as the stored fallback. Inside the caller's transaction when `q` is one.
 */
export async function insertTasks(q: Queryable, t: { leadId: number | null; userIds: number[]; kind: string; task: Text; at: string }): Promise<void> {
  if (t.userIds.length === 0) return;
  await q('reminders').insert(
    t.userIds.map((userId) => ({
      lead_id: t.leadId,
      user_id: userId,
      kind: t.kind,
      due_at: t.at,
      text: translate('en', t.task),
      text_key: t.task.key,
      text_params: t.task.params ? JSON.stringify(t.task.params) : null,
      created_by: null,
      created_at: t.at,
    })),
  );
}

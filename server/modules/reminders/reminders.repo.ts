import type { ReminderDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { fromDbTime } from '../../db/knex.js';

export interface ReminderRow {
  id: number;
  lead_id: number | null;
  user_id: number;
  kind: string;
  due_at: string;
  text: string;
  created_by: number | null;
  created_at: string;
  fired_at: string | null;
  done_at: string | null;
}

export function toReminderDto(r: ReminderRow): ReminderDto {
  return {
    id: Number(r.id),
    leadId: r.lead_id === null ? null : Number(r.lead_id),
    userId: Number(r.user_id),
    kind: r.kind as ReminderDto['kind'],
    dueAt: fromDbTime(r.due_at) ?? '',
    text: r.text,
    firedAt: fromDbTime(r.fired_at),
    doneAt: fromDbTime(r.done_at),
    createdAt: fromDbTime(r.created_at) ?? '',
  };
}

export async function findReminder(db: Queryable, id: number): Promise<ReminderRow | undefined> {
  return db('reminders').where('id', id).first<ReminderRow | undefined>();
}

export async function listRemindersOfLead(db: Queryable, leadId: number): Promise<ReminderDto[]> {
  const rows: ReminderRow[] = await db('reminders').where('lead_id', leadId).orderBy([{ column: 'due_at' }, { column: 'id' }]);
  return rows.map(toReminderDto);
}

/** A user's reminders still to act on (waiting, or fired and not yet done), soonest first. */
export async function listOpenRemindersOf(db: Queryable, userId: number): Promise<ReminderDto[]> {
  const rows: ReminderRow[] = await db('reminders').where('user_id', userId).whereNull('done_at').orderBy([{ column: 'due_at' }, { column: 'id' }]).limit(500);
  return rows.map(toReminderDto);
}

import type { ClickToCallOutcome } from '../../deps.js';
import { isUniqueViolation, toDbTime, type Queryable } from '../../db/knex.js';

/**
 * What became of one attempt: the call's outcome (ClickToCallOutcome), or `manager_unavailable` (the manager had no
 * phone, was away or already on a call: nothing rang) and `cancelled` (the lead was contacted, closed or given up
 * meanwhile: nothing rang).
 */
export type CallbackOutcome = ClickToCallOutcome | 'manager_unavailable' | 'cancelled';

/** Outcomes after which the client is tried again (retryMinutes). */
export const CLIENT_MISSED: CallbackOutcome[] = ['client_busy', 'client_no_answer'];
/** Outcomes after which the next eligible manager is tried at once. */
export const MANAGER_MISSED: CallbackOutcome[] = ['manager_declined', 'manager_no_answer', 'manager_unavailable'];

export interface AttemptRow {
  id: number;
  lead_id: number;
  attempt: number;
  department_id: number;
  due_at: string;
  state: 'due' | 'ringing' | 'done';
  user_id: number | null;
  call_id: number | null;
  outcome: CallbackOutcome | null;
}

/**
 * Writes attempt `attempt` of the lead, due at `dueAt`. Answers its id, or null when that attempt already exists
 * (another instance, or a second assignment at once, wrote it first).
 */
export async function insertAttempt(db: Queryable, a: { leadId: number; attempt: number; departmentId: number; dueAt: Date }): Promise<number | null> {
  try {
    const [id] = await db('callback_attempts').insert({ lead_id: a.leadId, attempt: a.attempt, department_id: a.departmentId, due_at: toDbTime(a.dueAt), state: 'due' });
    return Number(id);
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** The claim: `due` → `ringing`, one conditional UPDATE. True for the one caller that moved it. */
export async function claimAttempt(db: Queryable, id: number): Promise<boolean> {
  return (await db('callback_attempts').where({ id, state: 'due' }).update({ state: 'ringing' })) === 1;
}

/** `ringing` → `done` with its outcome. True for the one caller that closed it (the call's end is told once, a failure twice). */
export async function closeAttempt(db: Queryable, id: number, outcome: CallbackOutcome, at: Date): Promise<boolean> {
  return (await db('callback_attempts').where({ id, state: 'ringing' }).update({ state: 'done', outcome, ended_at: toDbTime(at) })) === 1;
}

export async function findAttempt(db: Queryable, id: number): Promise<AttemptRow | undefined> {
  const row = await db('callback_attempts').where('id', id).first<AttemptRow | undefined>();
  return row ? { ...row, id: Number(row.id), lead_id: Number(row.lead_id), attempt: Number(row.attempt), department_id: Number(row.department_id) } : undefined;
}

/** Attempts of the lead, oldest first. */
export async function attemptsOf(db: Queryable, leadId: number): Promise<AttemptRow[]> {
  return db('callback_attempts').where('lead_id', leadId).orderBy('attempt').select<AttemptRow[]>('*');
}

/** Attempts due at `now`, earliest first (at most `limit`). */
export async function dueAttempts(db: Queryable, now: Date, limit: number): Promise<AttemptRow[]> {
  const rows = await db('callback_attempts').where('state', 'due').where('due_at', '<=', toDbTime(now)).orderBy('due_at').limit(limit).select<AttemptRow[]>('*');
  return rows.map((r) => ({ ...r, id: Number(r.id), lead_id: Number(r.lead_id), attempt: Number(r.attempt), department_id: Number(r.department_id) }));
}

/**
 * Whether someone has talked to the lead's client already (a call of the lead answered, either direction): then no
 * callback is needed any more. (Dialling the client is the lead's first contact even when nobody answers, so
 * `leads.first_contact_at` cannot tell.)
 */
export async function clientReached(db: Queryable, leadId: number): Promise<boolean> {
  return Boolean(await db('calls').where('lead_id', leadId).whereNotNull('answered_at').first('id'));
}

import type { Knex } from 'knex';
import type { ActivityKind } from '../../api-types.js';
import { fromDbTime, type Queryable } from '../../db/knex.js';

/** One line of the feed before it is presented; `rank` orders lines of the same moment (history, calls, reminders). */
export interface ActivityRow {
  at: string;
  rank: number;
  id: number;
  kind: ActivityKind;
  leadId: number | null;
  leadName: string | null;
  detail: string | null;
}

/** Where the feed resumes: after the line at (`at`, `rank`, `id`), in the order at ↓, rank ↓, id ↓. */
export interface FeedPosition {
  at: string;
  rank: number;
  id: number;
}

export interface FeedWindow {
  userId: number;
  kinds: ReadonlySet<ActivityKind>;
  /** Stored-time bounds, half-open [from, to). */
  from?: string;
  to?: string;
  after?: FeedPosition;
  limit: number;
}

/** Keeps the rows of one source (of rank `rank`, time column `at`, id column `id`) that come after the position. */
function resume(qb: Knex.QueryBuilder, rank: number, at: string, id: string, after?: FeedPosition): void {
  if (!after) return;
  if (rank < after.rank) void qb.where(at, '<=', after.at);
  else if (rank > after.rank) void qb.where(at, '<', after.at);
  else void qb.where((w) => void w.where(at, '<', after.at).orWhere((x) => void x.where(at, after.at).andWhere(id, '<', after.id)));
}

function within(qb: Knex.QueryBuilder, at: string, w: FeedWindow): void {
  if (w.from) void qb.where(at, '>=', w.from);
  if (w.to) void qb.where(at, '<', w.to);
}

const HISTORY_KINDS: Partial<Record<ActivityKind, string[]>> = {
  created: ['created'],
  assigned: ['assigned'],
  status: ['status'],
  edited: ['field', 'client'],
  comment: ['comment'],
  attachment: ['attachment'],
  reminder_set: ['reminder'],
};
const KIND_OF_ACTION = new Map(Object.entries(HISTORY_KINDS).flatMap(([kind, actions]) => actions.map((a) => [a, kind as ActivityKind])));

interface NameColumns {
  full_name: string | null;
  organization: string | null;
}
const leadName = (r: NameColumns) => r.full_name ?? r.organization ?? null;

interface HistoryLine extends NameColumns {
  id: number;
  created_at: string;
  action: string;
  field: string | null;
  new_value: string | null;
  lead_id: number;
}
interface CallLine extends NameColumns {
  id: number;
  started_at: string;
  direction: string;
  disposition: string | null;
  client_number: string | null;
  lead_id: number | null;
}
interface ReminderLine extends NameColumns {
  id: number;
  done_at: string;
  text: string | null;
  lead_id: number | null;
}

/** What the person did to leads (the lead history, by actor): newest first, at most `limit` lines. */
async function fromHistory(db: Queryable, w: FeedWindow): Promise<ActivityRow[]> {
  const actions = [...w.kinds].flatMap((k) => HISTORY_KINDS[k] ?? []);
  if (actions.length === 0) return [];
  const qb = db('lead_history as h')
    .join('leads as l', 'l.id', 'h.lead_id')
    .join('clients as c', 'c.id', 'l.client_id')
    .where('h.actor_id', w.userId)
    .whereIn('h.action', actions);
  within(qb, 'h.created_at', w);
  resume(qb, 2, 'h.created_at', 'h.id', w.after);
  const rows: HistoryLine[] = await qb
    .orderBy([{ column: 'h.created_at', order: 'desc' }, { column: 'h.id', order: 'desc' }])
    .limit(w.limit)
    .select('h.id', 'h.created_at', 'h.action', 'h.field', 'h.new_value', 'h.lead_id', 'c.full_name', 'c.organization');
  return rows.map((r) => {
    const kind = KIND_OF_ACTION.get(r.action)!;
    const value = r.new_value === null ? null : String(r.new_value);
    return {
      at: String(r.created_at),
      rank: 2,
      id: Number(r.id),
      kind,
      leadId: Number(r.lead_id),
      leadName: leadName(r),
      detail: kind === 'edited' ? (r.field ?? null) : kind === 'comment' && value ? value.slice(0, 200) : value,
    };
  });
}

/** Calls the person placed (`called`) or answered (`answered`): newest first, at most `limit` lines. */
async function fromCalls(db: Queryable, w: FeedWindow): Promise<ActivityRow[]> {
  const called = w.kinds.has('called');
  const answered = w.kinds.has('answered');
  if (!called && !answered) return [];
  const qb = db('calls as k')
    .leftJoin('leads as l', 'l.id', 'k.lead_id')
    .joinRaw('left join clients c on c.id = coalesce(l.client_id, k.client_id)')
    .where('k.user_id', w.userId)
    .where((x) => {
      if (called) void x.orWhere('k.direction', 'outbound');
      if (answered) void x.orWhere((y) => void y.where('k.direction', 'inbound').andWhere('k.disposition', 'answered'));
    });
  within(qb, 'k.started_at', w);
  resume(qb, 1, 'k.started_at', 'k.id', w.after);
  const rows: CallLine[] = await qb
    .orderBy([{ column: 'k.started_at', order: 'desc' }, { column: 'k.id', order: 'desc' }])
    .limit(w.limit)
    .select('k.id', 'k.started_at', 'k.direction', 'k.disposition', 'k.client_number', 'k.lead_id', 'c.full_name', 'c.organization');
  return rows.map((r): ActivityRow => ({
    at: String(r.started_at),
    rank: 1,
    id: Number(r.id),
    kind: r.direction === 'outbound' ? 'called' : 'answered',
    leadId: r.lead_id === null ? null : Number(r.lead_id),
    leadName: leadName(r),
    detail: r.direction === 'outbound' ? (r.disposition ?? null) : (r.client_number ?? null),
  }));
}

/** Reminders and tasks the person marked done: newest first, at most `limit` lines. */
async function fromReminders(db: Queryable, w: FeedWindow): Promise<ActivityRow[]> {
  if (!w.kinds.has('reminder_done')) return [];
  const qb = db('reminders as r')
    .leftJoin('leads as l', 'l.id', 'r.lead_id')
    .leftJoin('clients as c', 'c.id', 'l.client_id')
    .where('r.user_id', w.userId)
    .whereNotNull('r.done_at');
  within(qb, 'r.done_at', w);
  resume(qb, 0, 'r.done_at', 'r.id', w.after);
  const rows: ReminderLine[] = await qb
    .orderBy([{ column: 'r.done_at', order: 'desc' }, { column: 'r.id', order: 'desc' }])
    .limit(w.limit)
    .select('r.id', 'r.done_at', 'r.text', 'r.lead_id', 'c.full_name', 'c.organization');
  return rows.map((r): ActivityRow => ({
    at: String(r.done_at),
    rank: 0,
    id: Number(r.id),
    kind: 'reminder_done',
    leadId: r.lead_id === null ? null : Number(r.lead_id),
    leadName: leadName(r),
    detail: r.text ?? null,
  }));
}

const stored = (v: string): string => (fromDbTime(v) ?? v).replace('T', ' ').replace('Z', '');

/**
 * Up to `limit` lines of a person's activity after the position, newest first, merged from the lead history,
 * calls and done reminders (each read by its own index, at most `limit` rows each).
 */
export async function readActivity(db: Queryable, w: FeedWindow): Promise<ActivityRow[]> {
  const parts = await Promise.all([fromHistory(db, w), fromCalls(db, w), fromReminders(db, w)]);
  return parts
    .flat()
    .map((r) => ({ ...r, at: stored(r.at) }))
    .sort((a, b) => (a.at === b.at ? (a.rank === b.rank ? b.id - a.id : b.rank - a.rank) : a.at < b.at ? 1 : -1))
    .slice(0, w.limit);
}

import type { Knex } from 'knex';
import { CLOSING_STATUSES, LEAD_STATUSES, type ClosingStatus } from '../../api-types.js';
import { isSqlite, type Queryable } from '../../db/knex.js';
import type { Period } from './period.js';
import type { ReportScope } from './stats.policy.js';
import { percentilesByGroup, type Percentiles } from './percentiles.js';

/** The first pipeline step that counts as won: `contract_signed`. */
export const WON_STEP = LEAD_STATUSES.indexOf('contract_signed');

export interface ManagerRow {
  id: number;
  name: string;
  departmentId: number | null;
  active: boolean;
}

/** The managers a report lists (role manager), by name; the manager's own row for a manager's scope. */
export async function managersOf(db: Queryable, scope: ReportScope): Promise<ManagerRow[]> {
  const qb = db('users').where('role', 'manager').orderBy([{ column: 'name' }, { column: 'id' }]).select('id', 'name', 'department_id', 'active');
  if (scope.kind === 'department') void qb.where('department_id', scope.departmentId);
  if (scope.kind === 'manager') void qb.where('id', scope.managerId);
  const rows: { id: number; name: string; department_id: number | null; active: number | boolean }[] = await qb;
  return rows.map((r) => ({ id: Number(r.id), name: r.name, departmentId: r.department_id === null ? null : Number(r.department_id), active: Boolean(r.active) }));
}

/** What the leads first assigned in a period say about one owner. */
export interface CohortCounts {
  assigned: number;
  won: number;
  lost: Record<ClosingStatus, number>;
}

/** Counts of the leads whose first assignment fell in the period, by current owner (the index `leads_owner_assigned`). */
export async function cohortCounts(db: Queryable, period: Period, ownerIds: number[]): Promise<Map<number, CohortCounts>> {
  if (ownerIds.length === 0) return new Map();
  const lostColumns = CLOSING_STATUSES.map((s) => db.raw(`sum(case when status = ? then 1 else 0 end) as ??`, [s, `lost_${s}`]));
  const rows: Record<string, unknown>[] = await assignedIn(db('leads'), period, ownerIds)
    .groupBy('owner_id')
    .select('owner_id', db.raw('count(*) as assigned'), db.raw('sum(case when furthest_step >= ? then 1 else 0 end) as won', [WON_STEP]), ...lostColumns);
  return new Map(
    rows.map((r) => [
      Number(r.owner_id),
      {
        assigned: Number(r.assigned),
        won: Number(r.won ?? 0),
        lost: Object.fromEntries(CLOSING_STATUSES.map((s) => [s, Number(r[`lost_${s}`] ?? 0)])) as Record<ClosingStatus, number>,
      },
    ]),
  );
}

function assignedIn(qb: Knex.QueryBuilder, period: Period, ownerIds: number[]): Knex.QueryBuilder {
  return qb.where('assigned_at', '>=', period.fromDb).where('assigned_at', '<', period.toDb).whereIn('owner_id', ownerIds);
}

/** Speed to lead of the leads first assigned in a period, by owner: median and p90 in seconds, per owner and overall. */
export interface SpeedFigures {
  /** Arrival → first assignment (`leads.assign_ms`). */
  assign: { byGroup: Map<number, Percentiles>; all: Percentiles };
  /** First assignment → first contact, of the leads that had one (`leads.first_contact_ms`). */
  firstContact: { byGroup: Map<number, Percentiles>; all: Percentiles };
}

/**
 * Reads each lead's two durations (integers, from the index `leads_owner_assigned`), one list per owner and duration
 * joined by the database (a few rows instead of one per lead: reading 100k rows one by one costs more than the
 * ranking), and ranks them.
 */
export async function speedFigures(db: Queryable, period: Period, ownerIds: number[]): Promise<SpeedFigures> {
  const assign = new Map<number, Float64Array>();
  const firstContact = new Map<number, Float64Array>();
  if (ownerIds.length > 0) {
    // One list per owner and duration (MariaDB/MySQL: group_concat_max_len is lifted on each connection, db/knex.ts).
    const rows: { owner_id: number; a: string | null; c: string | null }[] = await assignedIn(db('leads'), period, ownerIds)
      .groupBy('owner_id')
      .select('owner_id', db.raw('group_concat(assign_ms) as a'), db.raw('group_concat(first_contact_ms) as c'));
    const list = (s: string | null) => (s ? integerList(s) : new Float64Array(0));
    for (const r of rows) {
      const owner = Number(r.owner_id);
      const a = list(r.a);
      const c = list(r.c);
      if (a.length) assign.set(owner, a);
      if (c.length) firstContact.set(owner, c);
    }
  }
  return { assign: percentilesByGroup(assign), firstContact: percentilesByGroup(firstContact) };
}

/** The integers of a comma-separated list (`group_concat` of integer columns), without splitting it into strings. */
function integerList(s: string): Float64Array {
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 44) n++;
  const out = new Float64Array(n);
  let k = 0;
  let v = 0;
  let negative = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 44;
    if (c === 44) {
      out[k++] = negative ? -v : v;
      v = 0;
      negative = false;
    } else if (c === 45) negative = true;
    else v = v * 10 + (c - 48);
  }
  return out;
}

export interface CallCounts {
  made: number;
  answered: number;
  talkSeconds: number;
  conversations: number;
  missed: number;
}

/**
 * Calls begun in the period, per person: outbound ones they placed, inbound ones they answered, their talk time
 * and the calls with any talk; and the inbound calls nobody answered on the leads they own.
 */
export async function callCounts(db: Queryable, period: Period, userIds: number[]): Promise<Map<number, CallCounts>> {
  const out = new Map<number, CallCounts>();
  if (userIds.length === 0) return out;
  const of = (id: number) => {
    let c = out.get(id);
    if (!c) out.set(id, (c = { made: 0, answered: 0, talkSeconds: 0, conversations: 0, missed: 0 }));
    return c;
  };
  const taken: Record<string, unknown>[] = await db('calls')
    .whereIn('user_id', userIds)
    .where('started_at', '>=', period.fromDb)
    .where('started_at', '<', period.toDb)
    .groupBy('user_id')
    .select(
      'user_id',
      db.raw(`sum(case when direction = 'outbound' then 1 else 0 end) as made`),
      db.raw(`sum(case when direction = 'inbound' and disposition = 'answered' then 1 else 0 end) as answered`),
      db.raw('sum(coalesce(talk_seconds, 0)) as talk'),
      db.raw('sum(case when talk_seconds > 0 then 1 else 0 end) as conversations'),
    );
  for (const r of taken) {
    const c = of(Number(r.user_id));
    c.made = Number(r.made ?? 0);
    c.answered = Number(r.answered ?? 0);
    c.talkSeconds = Number(r.talk ?? 0);
    c.conversations = Number(r.conversations ?? 0);
  }
  // Calls of the period first, then their leads (`cross join` on SQLite, `straight_join` on MariaDB/MySQL keep
  // that order) instead of every lead the owners ever had, then their calls.
  const missed: Record<string, unknown>[] = await db
    .from(db.raw(isSqlite(db) ? 'calls cross join leads' : 'calls straight_join leads'))
    .whereRaw('leads.id = calls.lead_id')
    .where('calls.started_at', '>=', period.fromDb)
    .where('calls.started_at', '<', period.toDb)
    .where('calls.direction', 'inbound')
    .whereNotNull('calls.disposition')
    .whereNot('calls.disposition', 'answered')
    .whereIn('leads.owner_id', userIds)
    .groupBy('leads.owner_id')
    .select('leads.owner_id', db.raw('count(*) as missed'));
  for (const r of missed) of(Number(r.owner_id)).missed = Number(r.missed);
  return out;
}

/** Status changes each person made in the period (the index `lead_history_actor_action`). */
export async function statusChanges(db: Queryable, period: Period, userIds: number[]): Promise<Map<number, number>> {
  if (userIds.length === 0) return new Map();
  const rows: { actor_id: number; n: unknown }[] = await db('lead_history')
    .whereIn('actor_id', userIds)
    .where('action', 'status')
    .where('created_at', '>=', period.fromDb)
    .where('created_at', '<', period.toDb)
    .groupBy('actor_id')
    .select('actor_id', db.raw('count(*) as n'));
  return new Map(rows.map((r) => [Number(r.actor_id), Number(r.n)]));
}

/** What a funnel counts: leads that reached each step or a later one (`reached[step]`), and are closed now by reason. */
export interface FunnelCounts {
  reached: number[];
  lost: Record<ClosingStatus, number>;
}

/**
 * Leads that arrived in the period, read from the leads themselves: how many reached each pipeline step or a later
 * one (`reached[step]`, by `leads.furthest_step`) and how many are closed now, by reason. One pass over the index
 * `leads_created_report` with a sum per step and reason (no grouping: a sort of every lead costs more than the sums).
 */
export async function funnelFromRows(
  db: Queryable,
  period: Period,
  filter: { departmentId?: number; ownerId?: number },
): Promise<FunnelCounts> {
  const qb = db('leads').where('created_at', '>=', period.fromDb).where('created_at', '<', period.toDb);
  if (filter.departmentId !== undefined) void qb.where('department_id', filter.departmentId);
  if (filter.ownerId !== undefined) void qb.where('owner_id', filter.ownerId);
  const reached = LEAD_STATUSES.map((_, step) => (step === 0 ? db.raw('count(*) as reached_0') : db.raw(`sum(case when furthest_step >= ? then 1 else 0 end) as ??`, [step, `reached_${step}`])));
  const lost = CLOSING_STATUSES.map((s) => db.raw(`sum(case when status = ? then 1 else 0 end) as ??`, [s, `lost_${s}`]));
  const [row]: Record<string, unknown>[] = await qb.select(...reached, ...lost);
  return {
    reached: LEAD_STATUSES.map((_, step) => Number(row?.[`reached_${step}`] ?? 0)),
    lost: Object.fromEntries(CLOSING_STATUSES.map((s) => [s, Number(row?.[`lost_${s}`] ?? 0)])) as Record<ClosingStatus, number>,
  };
}

import type { RoutingStep, Presence } from '../api-types.js';
import { ROUTING_STEPS } from '../api-types.js';
import type { Config } from '../config.js';
import Database, { type Statement } from 'better-sqlite3';
import type { Queryable } from '../db/knex.js';
import { digitsOnly } from '../lib/phone.js';
import type { PresenceService } from '../modules/presence/presence.service.js';

/**
 * Where an inbound call goes: the department from the dialled number, the caller's manager from their phone,
 * then the department's chain of steps (owner → owner's mobile → department group → voicemail by default).
 * The caller lookup has a hard deadline: a slow or failing database sends the call to the department.
 */

export interface DepartmentRouting {
  id: number;
  name: string;
  ringTimeoutSec: number;
  chain: RoutingStep[];
}

export interface StaffRow {
  id: number;
  name: string;
  email: string;
  role: 'director' | 'curator' | 'manager' | 'assistant';
  department_id: number | null;
  assists_user_id: number | null;
  endpoint: string | null;
  mobile: string | null;
  presence: Presence;
  active: boolean | number;
}

export interface CallerMatch {
  clientId: number;
  leadId: number | null;
  owner: StaffRow | null;
}

export type LookupResult = { kind: 'known'; match: CallerMatch } | { kind: 'unknown' } | { kind: 'timeout' } | { kind: 'error'; error: unknown };

export interface RoutingPlan {
  department: DepartmentRouting;
  match: CallerMatch | null;
  /** Why the call goes where it goes, stored on the call. */
  note: string;
}

export interface RingTarget {
  step: RoutingStep;
  user: StaffRow | null;
  endpoint: string;
}

export interface SkippedTarget {
  step: RoutingStep;
  user: StaffRow | null;
  target: string | null;
  why: string;
}

const STAFF_COLUMNS = ['id', 'name', 'email', 'role', 'department_id', 'assists_user_id', 'endpoint', 'mobile', 'presence', 'active'];

const DEPARTMENT_CACHE_MS = 2000;
const departmentCache = new WeakMap<object, Map<string, { at: number; value: DepartmentRouting | null }>>();

/** The department of a dialled number if it was looked up in the last two seconds (undefined when not). */
export function cachedDepartmentForDnis(db: Queryable, dnis: string): DepartmentRouting | null | undefined {
  const hit = departmentCache.get(db)?.get(digitsOnly(dnis));
  return hit && Date.now() - hit.at < DEPARTMENT_CACHE_MS ? hit.value : undefined;
}

/**
 * The department of a dialled number from the database, remembered for two seconds (a call must not wait on
 * settings): a call asks cachedDepartmentForDnis first and comes here only when it has nothing.
 */
export async function departmentForDnis(db: Queryable, dnis: string, config: Config['telephony']): Promise<DepartmentRouting | null> {
  const number = digitsOnly(dnis);
  const row = await db('department_numbers')
    .join('departments', 'departments.id', 'department_numbers.department_id')
    .where('department_numbers.number', number)
    .first<{ id: number; name: string; ring_timeout_sec: number | null; routing_chain: string | null } | undefined>(
      'departments.id',
      'departments.name',
      'departments.ring_timeout_sec',
      'departments.routing_chain',
    );
  let value: DepartmentRouting | null = null;
  if (row) {
    const chain = (row.routing_chain ? row.routing_chain.split(',') : config.routingChain)
      .map((s) => s.trim())
      .filter((s): s is RoutingStep => (ROUTING_STEPS as readonly string[]).includes(s));
    value = { id: Number(row.id), name: row.name, ringTimeoutSec: Number(row.ring_timeout_sec ?? config.ringTimeoutSec), chain };
  }
  let cache = departmentCache.get(db);
  if (!cache) departmentCache.set(db, (cache = new Map()));
  if (cache.size > 1000) cache.clear();
  cache.set(number, { at: Date.now(), value });
  return value;
}

type MatchRow = StaffRow & { client_id: number; lead_id: number | null; owner_id: number | null; closed_at: unknown; created_at: unknown };

/**
 * The client's rows, one per lead (usually a handful): the latest open lead wins, else the latest lead. Chosen
 * here rather than by ORDER BY, which makes SQLite build a temporary b-tree for every call (5× the lookup).
 */
function toMatch(rows: MatchRow[]): CallerMatch | null {
  let row: MatchRow | undefined;
  for (const r of rows) if (!row || laterLead(r, row)) row = r;
  if (!row) return null;
  const owner: StaffRow | null = row.owner_id !== null && row.id !== null && Boolean(row.active) ? { ...row, id: Number(row.id) } : null;
  return { clientId: Number(row.client_id), leadId: row.lead_id === null ? null : Number(row.lead_id), owner };
}

function laterLead(a: MatchRow, b: MatchRow): boolean {
  const openA = a.closed_at === null;
  if (openA !== (b.closed_at === null)) return openA;
  const at = String(a.created_at ?? '');
  const bt = String(b.created_at ?? '');
  if (at !== bt) return at > bt;
  return Number(a.lead_id ?? 0) > Number(b.lead_id ?? 0);
}

/**
 * Finds the client with a phone, and the owner of their latest open lead (else latest lead): one query over the
 * unique phone index and the leads' client index, whatever the number of clients. On SQLite it reads through its
 * own read-only connection with the statement prepared once, so the answer is synchronous (tens of microseconds)
 * and never queues behind a write holding the pool's one connection. On MySQL/MariaDB it goes through the pool.
 */
export class CallerDirectory {
  private reader?: { stmt: Statement; conn: Database.Database };

  constructor(
    private readonly db: Queryable,
    private readonly database: Config['database'],
  ) {}

  /** The match, synchronously where the database allows it (SQLite), else as a promise. */
  find(e164: string): CallerMatch | null | Promise<CallerMatch | null> {
    const { sql, bindings } = matchSql(this.db);
    const values = bindings.map((b) => (b === PHONE_SLOT ? e164 : b));
    const reader = this.sqliteReader(sql);
    if (reader) return toMatch(reader.stmt.all(...values) as MatchRow[]);
    return this.db.raw(sql, values).then((raw: unknown) => {
      const rows = (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as MatchRow[]; // mysql2 answers [rows, fields]
      return toMatch(rows);
    });
  }

  close(): void {
    this.reader?.conn.close();
    this.reader = undefined;
  }

  private sqliteReader(sql: string): { stmt: Statement } | null {
    if (this.database.client !== 'sqlite' || this.database.filename === ':memory:') return null;
    if (!this.reader) {
      const conn = new Database(this.database.filename, { readonly: true, fileMustExist: true });
      this.reader = { conn, stmt: conn.prepare(sql) };
    }
    return this.reader;
  }
}

/** The lookup's SQL, built once per database dialect: a call should not pay for query building. */
const PHONE_SLOT = '\u0000phone';
const matchSqlCache = new Map<string, { sql: string; bindings: readonly (string | number)[] }>();
function matchSql(db: Queryable): { sql: string; bindings: readonly (string | number)[] } {
  const dialect = String(db.client.config.client);
  let sql = matchSqlCache.get(dialect);
  if (!sql) {
    const built = db('client_phones')
      .leftJoin('leads', 'leads.client_id', 'client_phones.client_id')
      .leftJoin('users', 'users.id', 'leads.owner_id')
      .where('client_phones.phone', PHONE_SLOT)
      .select('client_phones.client_id', 'leads.id as lead_id', 'leads.owner_id', 'leads.closed_at', 'leads.created_at', ...STAFF_COLUMNS.map((c) => `users.${c}`))
      .toSQL();
    sql = { sql: built.sql, bindings: built.bindings as (string | number)[] };
    matchSqlCache.set(dialect, sql);
  }
  return sql;
}

/** A lookup that has answered, as the routing plan takes it. */
export function lookupResult(match: CallerMatch | null): LookupResult {
  return match ? { kind: 'known', match } : { kind: 'unknown' };
}

/** Settles within `ms` whatever the lookup does: its answer, or timeout / error. */
export function lookupWithDeadline(lookup: Promise<CallerMatch | null>, ms: number): Promise<LookupResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), ms);
    lookup.then(
      (match) => {
        clearTimeout(timer);
        resolve(lookupResult(match));
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'error', error });
      },
    );
  });
}

export function planFor(department: DepartmentRouting, result: LookupResult): RoutingPlan {
  switch (result.kind) {
    case 'known':
      return {
        department,
        match: result.match,
        note: result.match.owner ? `known client ${result.match.clientId}: owner ${result.match.owner.name}` : `known client ${result.match.clientId}, no active owner`,
      };
    case 'unknown':
      return { department, match: null, note: 'unknown caller: department group' };
    case 'timeout':
      return { department, match: null, note: 'caller lookup missed its deadline: department group' };
    case 'error':
      return { department, match: null, note: 'caller lookup failed: department group' };
  }
}

/** Why a person's phone should not ring now, or null when it may. */
function unreachableBecause(presence: PresenceService, u: StaffRow, forMobile = false): string | null {
  if (!u.active) return 'inactive';
  if (presence.isOnCall(u.id)) return 'on_call';
  if (forMobile) return u.presence === 'dnd' ? 'dnd' : null; // a mobile is for when they are away from the desk
  const effective = presence.effectiveOf(u.id, u.presence);
  return effective === 'available' ? null : effective;
}

export function trunkEndpoint(template: string, number: string): string {
  return template.replace('{number}', number);
}

/** Who rings at this step of the chain; everyone passed over is returned with the reason. */
export async function resolveStep(
  db: Queryable,
  presence: PresenceService,
  config: Config['telephony'],
  plan: RoutingPlan,
  step: RoutingStep,
  alreadyRung: ReadonlySet<number>,
): Promise<{ targets: RingTarget[]; skipped: SkippedTarget[] }> {
  const targets: RingTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const owner = plan.match?.owner ?? null;
  switch (step) {
    case 'owner': {
      if (!owner) break;
      if (!owner.endpoint) skipped.push({ step, user: owner, target: null, why: 'no_phone' });
      else {
        const why = unreachableBecause(presence, owner);
        if (why) skipped.push({ step, user: owner, target: owner.endpoint, why });
        else targets.push({ step, user: owner, endpoint: owner.endpoint });
      }
      break;
    }
    case 'owner_mobile': {
      if (!owner) break;
      if (!owner.mobile) {
        skipped.push({ step, user: owner, target: null, why: 'no_mobile' });
        break;
      }
      const endpoint = trunkEndpoint(config.trunkDialTemplate, owner.mobile);
      const why = unreachableBecause(presence, owner, true);
      if (why) skipped.push({ step, user: owner, target: endpoint, why });
      else targets.push({ step, user: owner, endpoint });
      break;
    }
    case 'ring_group': {
      const members = await db('users')
        .where({ department_id: plan.department.id, role: 'manager', active: true })
        .whereNotNull('endpoint')
        .orderBy('id')
        .select<StaffRow[]>(STAFF_COLUMNS);
      for (const m of members) {
        if (alreadyRung.has(m.id)) continue;
        const why = unreachableBecause(presence, m);
        if (why) skipped.push({ step, user: m, target: m.endpoint, why });
        else targets.push({ step, user: m, endpoint: m.endpoint as string });
      }
      break;
    }
    case 'voicemail':
      break;
  }
  return { targets, skipped };
}

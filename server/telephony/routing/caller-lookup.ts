import Database, { type Statement } from 'better-sqlite3';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/knex.js';
import { normalizePhone } from '../../lib/phone.js';
import { STAFF_COLUMNS, type StaffRow } from './staff-row.js';

/** A caller the directory knows: their client, the lead that decides the owner, and that owner if active. */

/** Knobs tests turn to make the world slow; never set in production. */
export interface TelephonyTestHooks {
  /** Added before the caller lookup answers (to prove the routing deadline). */
  lookupDelayMs: number;
}
export interface CallerMatch {
  clientId: number;
  leadId: number | null;
  owner: StaffRow | null;
}

/**
 * What the caller lookup answered within its deadline. On `timeout`, `late` is the lookup still running: it
 * settles with its match (null on error or no match) whenever the database answers, and never rejects.
 */
export type LookupResult =
  | { kind: 'known'; match: CallerMatch }
  | { kind: 'unknown' }
  | { kind: 'timeout'; late: Promise<CallerMatch | null> }
  | { kind: 'error'; error: unknown };

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The caller ID (ANI) of an inbound call, as the trunk sent it (`+79001234567`, `89001234567`, `9001234567`:
 * TELEPHONY.md "How a call reaches Leadline") and in E.164, parsed only when first asked for: libphonenumber
 * takes longer than the whole lookup, and a trunk that already sends E.164 never needs it before the dial.
 */
export class CallerNumber {
  private parsed?: string | null;

  constructor(
    /** The caller ID as received, '' when withheld. */
    readonly asSent: string,
    private readonly defaultCountry: string,
  ) {}

  /** The number in E.164, as clients' phones are stored; null when it is not a phone number. */
  get e164(): string | null {
    if (this.parsed === undefined) this.parsed = this.asSent ? normalizePhone(this.asSent, this.defaultCountry) : null;
    return this.parsed;
  }

  /** True when the trunk sent something shaped like E.164 (it can be looked up as sent). */
  get looksE164(): boolean {
    return E164.test(this.asSent);
  }

  /** What to show and store: E.164 when it parses, else the raw caller ID, else null (withheld). */
  get display(): string | null {
    return this.e164 ?? (this.asSent || null);
  }
}

type MatchRow = StaffRow & { client_id: number; lead_id: number | null; lead_department_id: number | null; owner_id: number | null; closed_at: unknown; created_at: unknown };

/**
 * Finds the client with a phone, and the owner of their latest open lead (else latest lead) in the dialled
 * department — a client known to two departments who calls one of them is that department's client: one query over the
 * unique phone index and the leads' client index, whatever the number of clients. On SQLite it reads through its
 * own read-only connection with the statement prepared once, so the answer is synchronous (tens of microseconds)
 * and never queues behind a write holding the pool's one connection. On MySQL/MariaDB it goes through the pool
 * and is raced against the routing deadline (TELEPHONY.md "Numbers worth knowing": a lookup must never block a
 * call).
 */
export class CallerDirectory {
  private reader?: { stmt: Statement; conn: Database.Database };

  constructor(
    private readonly db: Queryable,
    private readonly database: Config['database'],
    /** The routing deadline (ms) and the test hooks (a delay added before the lookup answers). */
    private readonly opts: { deadlineMs: number; hooks: TelephonyTestHooks },
  ) {}

  /**
   * Looks the caller up within the routing deadline; never rejects. A caller ID that looks like E.164 is
   * looked up as sent, without parsing; only when that finds nothing is it parsed (libphonenumber may read it
   * differently) and looked up once more. A synchronous SQLite answer resolves at once, with no timer.
   * `departmentId` is the dialled department: only its leads decide the owner (a client with none there is known,
   * without a lead). `deadlineMs` is what is left of the routing deadline (default: all of it).
   */
  lookup(caller: CallerNumber, departmentId: number, deadlineMs = this.opts.deadlineMs): Promise<LookupResult> {
    let found: CallerMatch | null | Promise<CallerMatch | null>;
    try {
      const delayMs = this.opts.hooks.lookupDelayMs;
      found = delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)).then(() => this.findCaller(caller, departmentId)) : this.findCaller(caller, departmentId);
    } catch (error) {
      return Promise.resolve({ kind: 'error', error });
    }
    if (!(found instanceof Promise)) return Promise.resolve(answered(found));
    return withDeadline(found, Math.max(0, deadlineMs));
  }

  /** Closes the SQLite reader (telephony stops). */
  close(): void {
    this.reader?.conn.close();
    this.reader = undefined;
  }

  private findCaller(caller: CallerNumber, departmentId: number): CallerMatch | null | Promise<CallerMatch | null> {
    if (!caller.looksE164) return caller.e164 ? this.find(caller.e164, departmentId) : null;
    const orParsed = (match: CallerMatch | null) => (match || !caller.e164 || caller.e164 === caller.asSent ? match : this.find(caller.e164, departmentId));
    const found = this.find(caller.asSent, departmentId);
    return found instanceof Promise ? found.then(orParsed) : orParsed(found);
  }

  /** The match of one E.164 number, synchronously where the database allows it (SQLite), else as a promise. */
  private find(e164: string, departmentId: number): CallerMatch | null | Promise<CallerMatch | null> {
    const { sql, bindings } = matchSql(this.db);
    const values = bindings.map((b) => (b === PHONE_SLOT ? e164 : b));
    const reader = this.sqliteReader(sql);
    if (reader) return toMatch(reader.stmt.all(...values) as MatchRow[], departmentId);
    return this.db.raw(sql, values).then((raw: unknown) => {
      const rows = (Array.isArray(raw) && Array.isArray(raw[0]) ? raw[0] : raw) as MatchRow[]; // mysql2 answers [rows, fields]
      return toMatch(rows, departmentId);
    });
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

function answered(match: CallerMatch | null): LookupResult {
  return match ? { kind: 'known', match } : { kind: 'unknown' };
}

/** Settles within `ms` whatever the lookup does: its answer, or timeout (with the lookup going on) / error. */
function withDeadline(lookup: Promise<CallerMatch | null>, ms: number): Promise<LookupResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout', late: lookup.catch(() => null) }), ms);
    lookup.then(
      (match) => {
        clearTimeout(timer);
        resolve(answered(match));
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'error', error });
      },
    );
  });
}

/**
 * The client's rows, one per lead (usually a handful): of the leads in the dialled department, the latest open
 * lead wins, else the latest lead; a client with no lead there is known, with no lead and no owner (the call goes
 * to the department, and nobody there is pointed at a lead they cannot open). Chosen here rather than by ORDER BY,
 * which makes SQLite build a temporary b-tree for every call (5× the lookup).
 */
function toMatch(rows: MatchRow[], departmentId: number): CallerMatch | null {
  if (rows.length === 0) return null;
  let row: MatchRow | undefined;
  for (const r of rows) if (r.lead_id !== null && Number(r.lead_department_id) === departmentId && (!row || laterLead(r, row))) row = r;
  if (!row) return { clientId: Number(rows[0].client_id), leadId: null, owner: null };
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
      .select('client_phones.client_id', 'leads.id as lead_id', 'leads.department_id as lead_department_id', 'leads.owner_id', 'leads.closed_at', 'leads.created_at', ...STAFF_COLUMNS.map((c) => `users.${c}`))
      .toSQL();
    sql = { sql: built.sql, bindings: built.bindings as (string | number)[] };
    matchSqlCache.set(dialect, sql);
  }
  return sql;
}

import type { Database } from 'better-sqlite3';
import type { Knex } from 'knex';
import { CLOSING_STATUSES, LEAD_STATUSES } from '../server/api-types.js';
import { isSqlite } from '../server/db/knex.js';
import { mulberry32 } from '../server/demo/random.js';
import { fillStatsHourly, statsHourlyTriggers } from '../migrations/20261208000401_stats_hourly.js';

/**
 * Two years of a busy sales floor for the reports' benchmark: `leads` leads (a client each) spread evenly up to
 * now, about ten history events per lead (created, assigned, each status step, a closing, comments and edits),
 * and about one call per lead (placed, answered, missed). Bulk inserts in transactions: prepared statements with
 * the pragmas of a bulk load on SQLite, multi-row INSERTs without key checks on MariaDB/MySQL.
 */
export interface StatsSeedPeople {
  departments: { id: number; curatorId: number; managerIds: number[] }[];
}

type Value = string | number | null;
type Row = Value[];

const LEAD_COLUMNS = ['id', 'client_id', 'department_id', 'owner_id', 'source', 'status', 'furthest_step', 'version', 'created_at', 'updated_at', 'assigned_at', 'first_contact_at', 'status_changed_at', 'closed_at'];
const TABLES = {
  clients: ['id', 'full_name', 'search_text', 'version', 'created_at', 'updated_at'],
  // SQLite's duration columns are kept by triggers, dropped for the load: the seeder writes them (MariaDB computes them).
  leads: [...LEAD_COLUMNS, 'assign_ms', 'first_contact_ms'],
  lead_history: ['lead_id', 'actor_id', 'action', 'field', 'new_value', 'created_at'],
  calls: ['direction', 'client_number', 'department_id', 'lead_id', 'client_id', 'user_id', 'status', 'disposition', 'started_at', 'answered_at', 'ended_at', 'talk_seconds'],
};
type Table = keyof typeof TABLES;
/** The tables whose indexes and triggers wait until the rows are in (built by a sort, not row by row). */
const DEFERRED = ['leads', 'lead_history', 'calls'];

const NAMES = ['Иванов Иван', 'Петрова Анна', 'Сидоров Пётр', 'Смирнова Мария', 'Кузнецов Сергей', 'Попова Ольга', 'Васильев Дмитрий', 'Соколова Елена'];
const COMMENT = 'Перезвонить, уточнить объём работ';
const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

/** Writes one lead's rows at a time; `flush` ends a batch (a transaction, or a few big INSERTs). */
interface Sink {
  add(table: Table, row: Row): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

async function sqliteSink(knex: Knex): Promise<Sink> {
  const conn = (await knex.client.acquireConnection()) as Database;
  for (const p of ['synchronous = OFF', 'foreign_keys = OFF', 'cache_size = -1048576', 'temp_store = MEMORY']) conn.pragma(p);
  // Indexes and triggers of the big tables go for the load and come back after it, as they were.
  const deferred = conn
    .prepare(`select type, name, sql from sqlite_master where type in ('index', 'trigger') and sql is not null and tbl_name in (${DEFERRED.map(() => '?').join(', ')})`)
    .all(...DEFERRED) as { type: string; name: string; sql: string }[];
  for (const d of deferred) conn.exec(`drop ${d.type} ${d.name}`);
  const statements = Object.fromEntries(
    Object.entries(TABLES).map(([t, cols]) => [t, conn.prepare(`insert into ${t} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`)]),
  ) as Record<Table, ReturnType<Database['prepare']>>;
  let pending: [Table, Row][] = [];
  const write = conn.transaction((rows: [Table, Row][]) => {
    for (const [t, r] of rows) statements[t].run(r);
  });
  return {
    add: (t, r) => void pending.push([t, r]),
    async flush() {
      write(pending);
      pending = [];
    },
    async close() {
      for (const d of [...deferred].sort((a, b) => (a.type === b.type ? 0 : a.type === 'index' ? -1 : 1))) conn.exec(d.sql);
      conn.pragma('synchronous = NORMAL');
      conn.pragma('foreign_keys = ON');
      conn.pragma('optimize');
      await knex.client.releaseConnection(conn);
      await fillStatsHourly(knex);
    },
  };
}

const sqlValue = (v: Value): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/[\\']/g, '\\$&')}'`);

async function mysqlSink(knex: Knex): Promise<Sink> {
  const pending: Record<Table, string[]> = { clients: [], leads: [], lead_history: [], calls: [] };
  // The rollup's triggers wait for the end of the load (then the rollup is filled in one pass per source).
  const triggers = statsHourlyTriggers(knex);
  for (const t of triggers) await knex.raw(`drop trigger if exists ${t.name}`);
  return {
    add: (t, r) => void pending[t].push(`(${r.map(sqlValue).join(',')})`),
    async flush() {
      await knex.transaction(async (tx) => {
        await tx.raw('set foreign_key_checks = 0, unique_checks = 0');
        for (const t of Object.keys(TABLES) as Table[]) {
          const rows = pending[t];
          // Statements under max_allowed_packet (16 MB by default).
          const columns = t === 'leads' ? LEAD_COLUMNS : TABLES[t];
          for (let i = 0; i < rows.length; i += 4000) await tx.raw(`insert into ${t} (${columns.join(', ')}) values ${rows.slice(i, i + 4000).join(',')}`);
          pending[t] = [];
        }
      });
    },
    async close() {
      await fillStatsHourly(knex);
      for (const t of triggers) await knex.raw(t.sql);
    },
  };
}

/** Seeds the reports' data; resolves with the counts written. Deterministic: the same database every run. */
export async function seedStatsData(knex: Knex, people: StatsSeedPeople, leads: number, now = Date.now()): Promise<{ leads: number; history: number; calls: number }> {
  const sqlite = isSqlite(knex);
  const sink = sqlite ? await sqliteSink(knex) : await mysqlSink(knex);
  const random = mulberry32(12);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
  const expo = (mean: number) => -Math.log(1 - random()) * mean;
  const span = 730 * 86_400_000;
  const start = now - span;
  const batch = sqlite ? 50_000 : 20_000;
  let history = 0;
  let calls = 0;
  try {
    for (let id = 1; id <= leads; id++) {
      const dept = people.departments[id % people.departments.length];
      const created = start + (span * (id - 0.5)) / leads;
      const name = pick(NAMES);
      sink.add('clients', [id, name, name.toLowerCase(), 1, stamp(created), stamp(created)]);
      const events: Row[] = [[id, null, 'created', null, 'site', stamp(created)]];
      const later = (t: number) => Math.min(now - 1, t);
      let owner: number | null = null;
      let assigned: number | null = null;
      let contact: number | null = null;
      let status: string = 'new';
      let furthest = 0;
      let changed: number | null = null;
      let closed: number | null = null;
      if (random() < 0.95 && created + 60_000 < now) {
        owner = pick(dept.managerIds);
        assigned = later(created + expo(10 * 60_000));
        events.push([id, dept.curatorId, 'assigned', 'owner', 'Manager', stamp(assigned)]);
        let t = assigned;
        if (random() < 0.85) contact = t = later(t + expo(30 * 60_000));
        const steps = contact === null ? 0 : Math.min(LEAD_STATUSES.length - 1, Math.floor(expo(2.2)));
        for (let s = 1; s <= steps; s++) {
          t = later(t + expo(2 * 86_400_000));
          status = LEAD_STATUSES[s];
          furthest = s;
          changed = t;
          events.push([id, owner, 'status', 'status', status, stamp(t)]);
        }
        if (contact !== null && status !== 'completed' && random() < 0.35) {
          t = later(t + expo(3 * 86_400_000));
          status = pick(CLOSING_STATUSES);
          changed = closed = t;
          events.push([id, owner, 'status', 'status', status, stamp(t)]);
        }
        // Comments and edits up to about ten events a lead.
        const extra = Math.max(0, 5 + Math.floor(random() * 9) - events.length + 2);
        for (let c = 0; c < extra; c++) {
          t = later(t + expo(86_400_000));
          events.push(c % 3 === 2 ? [id, owner, 'field', 'colour', 'green', stamp(t)] : [id, owner, 'comment', null, COMMENT, stamp(t)]);
        }
        const callAt = later((contact ?? assigned) + 1000);
        const kind = random();
        const talk = Math.floor(expo(180));
        const number = `+7916${String(id).padStart(7, '0')}`;
        if (kind < 0.6) sink.add('calls', ['outbound', number, dept.id, id, id, owner, 'ended', random() < 0.7 ? 'answered' : 'busy', stamp(callAt), stamp(callAt), stamp(callAt + talk * 1000), talk]);
        else if (kind < 0.85) sink.add('calls', ['inbound', number, dept.id, id, id, owner, 'ended', 'answered', stamp(callAt), stamp(callAt), stamp(callAt + talk * 1000), talk]);
        else sink.add('calls', ['inbound', number, dept.id, id, id, null, 'ended', 'missed', stamp(callAt), null, stamp(callAt + 20_000), null]);
        calls += 1;
      }
      const updated = Math.max(created, ...events.map((e) => Date.parse(`${String(e[5]).replace(' ', 'T')}Z`)));
      const durations = sqlite ? [assigned && Math.trunc(assigned) - Math.trunc(created), assigned && contact && Math.trunc(contact) - Math.trunc(assigned)] : [];
      sink.add('leads', [id, id, dept.id, owner, 'site', status, furthest, events.length, stamp(created), stamp(updated), assigned && stamp(assigned), contact && stamp(contact), changed && stamp(changed), closed && stamp(closed), ...durations]);
      for (const e of events) sink.add('lead_history', e);
      history += events.length;
      if (id % batch === 0 || id === leads) await sink.flush();
    }
  } finally {
    await sink.close();
  }
  return { leads, history, calls };
}

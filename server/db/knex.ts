import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { migrations } from '../../migrations/index.js';
import type { Config } from '../config.js';
import { retryTransactionsOnLockConflict } from './lock-retry.js';
import { burstLogOf } from '../lib/burst-log.js';

export type Db = Knex;
export type Tx = Knex.Transaction;
/** Either the pool or an open transaction: repositories accept both. */
export type Queryable = Knex | Knex.Transaction;

type Log = Record<'error' | 'warn', (obj: object, msg: string) => void>;

/**
 * The database of Config, its transactions retried on deadlocks and lock-wait timeouts (lock-retry.ts). knex's own
 * warnings (a lost connection, one that cannot be made) go to `log` once per burst, not to the console per query.
 */
export function createDb(database: Config['database'], log?: Log): Db {
  const knexLog = (level: 'warn' | 'error') => (message: unknown) => {
    if (log) burstLogOf(log)(`knex_${level}`, level, { detail: String(message) }, 'database driver: ' + level);
  };
  const db = connect(database, { warn: knexLog('warn'), error: knexLog('error'), deprecate: knexLog('warn'), debug: () => {} });
  retryTransactionsOnLockConflict(db);
  return db;
}

function connect(database: Config['database'], log: Knex.Config['log']): Db {
  if (database.client === 'sqlite') {
    if (database.filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(database.filename)), { recursive: true });
    return knexFactory({
      client: 'better-sqlite3',
      log,
      connection: { filename: database.filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: { pragma(s: string): unknown }, done: (err: Error | null, conn: unknown) => void) {
          // WAL keeps readers off the writer's back; a committed lead survives a process crash.
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          // Statement journals (savepoints) in memory rather than in temporary files.
          conn.pragma('temp_store = MEMORY');
          // 64 MiB of pages for the one connection (the default is 2 MiB): a search checks a word per lead in an
          // index of millions of rows, and each page missing here is a system call.
          conn.pragma('cache_size = -65536');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    });
  }
  return knexFactory({
    client: 'mysql2',
    log,
    connection: { uri: database.url, timezone: 'Z', dateStrings: true, charset: 'utf8mb4' } as unknown as Knex.ConnectionConfig,
    pool: {
      min: 0,
      max: 10,
      // Reports join a period's durations per owner with group_concat, which the 1 MB default would cut short.
      afterCreate(conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        conn.query('set session group_concat_max_len = 1073741824', (err) => done(err, conn));
      },
    },
  });
}

export function isSqlite(db: Queryable): boolean {
  return db.client.config.client === 'better-sqlite3';
}

const staticMigrations: Knex.MigrationSource<[string, Knex.Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

export async function migrate(db: Db): Promise<void> {
  await db.migrate.latest({ migrationSource: staticMigrations });
}

/** UTC timestamp in the format both databases store and compare lexically: `YYYY-MM-DD HH:MM:SS.mmm`. */
export function toDbTime(d: Date = new Date()): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Reads a stored timestamp (string from either driver) as an ISO-8601 UTC string for the API. */
export function fromDbTime(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return new Date(s.includes('T') ? s : `${s.replace(' ', 'T')}Z`).toISOString();
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; errno?: number };
  return e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

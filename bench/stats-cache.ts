import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { pendingMigrations, seedKey } from './seed-cache.js';
import type { Org } from './list-seed.js';

/**
 * The stats benchmark's seeded database, kept between runs: a SQLite data dir under the system temp dir, or a
 * MariaDB/MySQL database next to the one of the URL, named after the number of leads and the seeder's source
 * (`seed-cache.ts`): a run with the same two skips the seeding, a changed seeder seeds afresh, and a new migration
 * (a new rollup, say) is applied to the kept copy by the bench server's start. Only the latest copy of each size is
 * kept (a small one for trying a change leaves the million-lead copy alone).
 */
export interface SeededInfo {
  org: Org;
  directorId: number;
  counts: { leads: number; history: number; calls: number };
  seedMs: number;
  /** The moment the seeded two years end (ms). */
  now: number;
  /** MariaDB/MySQL: the seeder's key the copy was made with. */
  seedKey?: string;
}

export interface SeedCache {
  /** SQLite: the data dir to run on; MariaDB: the URL of the database. */
  where: string;
  /** What the seeding wrote, when it was done before. */
  cached: SeededInfo | null;
  /** How many of this build's migrations the kept copy lacks: the bench server's start applies them. */
  pending: number;
  /** Marks the seeding done. */
  save(info: SeededInfo): Promise<void>;
}

function keyOf(leads: number): string {
  return `${leads}_${seedKey(['stats-seed.ts'])}`;
}

const MARK = 'seeded.json';

export async function sqliteSeedCache(leads: number): Promise<SeedCache> {
  const root = path.join(os.tmpdir(), 'leadline-stats-bench');
  const key = keyOf(leads);
  const dir = path.join(root, key);
  fs.mkdirSync(root, { recursive: true });
  for (const old of fs.readdirSync(root)) if (old !== key && old.startsWith(`${leads}_`)) fs.rmSync(path.join(root, old), { recursive: true, force: true });
  const mark = path.join(dir, MARK);
  let cached = fs.existsSync(mark) ? (JSON.parse(fs.readFileSync(mark, 'utf8')) as SeededInfo) : null;
  let pending: number | null = 0;
  if (cached) {
    const db = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'leadline.sqlite') }, useNullAsDefault: true });
    pending = await pendingMigrations(db).finally(() => db.destroy());
    if (pending === null) cached = null;
  }
  if (!cached) {
    fs.rmSync(dir, { recursive: true, force: true }); // a seeding that did not finish
    fs.mkdirSync(dir);
  }
  return { where: dir, cached, pending: pending ?? 0, save: async (info) => fs.writeFileSync(mark, JSON.stringify(info)) };
}

export async function mysqlSeedCache(url: string, leads: number): Promise<SeedCache> {
  const base = url.replace(/\/[^/]*$/, '');
  const key = keyOf(leads);
  const admin = knexFactory({ client: 'mysql2', connection: `${base}/` });
  let name: string | null = null;
  let cached: SeededInfo | null = null;
  let pending: number | null = 0;
  try {
    // The kept copy is the one whose mark carries this seeder's key (its name may come from an older scheme).
    const [dbs] = (await admin.raw(`show databases like 'leadline\\_stats\\_%'`)) as [Record<string, string>[]];
    for (const row of dbs) {
      const db = Object.values(row)[0]!;
      if (!db.startsWith(`leadline_stats_${leads}_`)) continue; // another size's copy
      const info: SeededInfo | null = name ? null : await markOf(admin, db);
      if (info?.seedKey === key) [name, cached] = [db, info];
      else await admin.raw(`drop database \`${db}\``);
    }
    if (name && cached) {
      const db = knexFactory({ client: 'mysql2', connection: `${base}/${name}` });
      pending = await pendingMigrations(db).finally(() => db.destroy());
      if (pending === null) cached = null;
    }
    if (!cached) {
      name = `leadline_stats_${key}`;
      await admin.raw(`drop database if exists \`${name}\``);
      await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
    }
  } finally {
    await admin.destroy();
  }
  const where = `${base}/${name}`;
  return {
    where,
    cached,
    pending: pending ?? 0,
    async save(info) {
      const db = knexFactory({ client: 'mysql2', connection: where });
      try {
        await db.raw('create table bench_seeded (info longtext not null)');
        await db.raw('insert into bench_seeded (info) values (?)', [JSON.stringify({ ...info, seedKey: key })]);
      } finally {
        await db.destroy();
      }
    },
  };
}

async function markOf(admin: Knex, db: string): Promise<SeededInfo | null> {
  const [marks] = (await admin.raw(`select table_name from information_schema.tables where table_schema = ? and table_name = 'bench_seeded'`, [db])) as [unknown[]];
  if (marks.length === 0) return null;
  const [rows] = (await admin.raw(`select info from \`${db}\`.bench_seeded`)) as [{ info: string }[]];
  return rows[0] ? (JSON.parse(rows[0].info) as SeededInfo) : null;
}

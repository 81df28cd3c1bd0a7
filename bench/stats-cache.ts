import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { migrations } from '../migrations/index.js';
import { benchDir } from './lib.js';
import type { Org } from './list-seed.js';

/**
 * The stats benchmark's seeded database, kept between runs: a SQLite data dir under the system temp dir, or a
 * MariaDB/MySQL database next to the one of the URL, named after the number of leads, the migrations and the
 * seeder's source, so that a run with the same three skips the seeding and any change seeds afresh. Only the
 * latest one is kept (older ones are removed).
 */
export interface SeededInfo {
  org: Org;
  directorId: number;
  counts: { leads: number; history: number; calls: number };
  seedMs: number;
  /** The moment the seeded two years end (ms). */
  now: number;
}

export interface SeedCache {
  /** SQLite: the data dir to run on; MariaDB: the URL of the database. */
  where: string;
  /** What the seeding wrote, when it was done before. */
  cached: SeededInfo | null;
  /** Marks the seeding done. */
  save(info: SeededInfo): Promise<void>;
}

function keyOf(leads: number): string {
  const h = crypto.createHash('sha256');
  h.update(String(leads));
  for (const [name] of migrations) h.update(name);
  for (const file of ['stats-seed.ts', 'stats-cache.ts']) h.update(fs.readFileSync(path.join(benchDir, file)));
  return h.digest('hex').slice(0, 12);
}

const MARK = 'seeded.json';

export function sqliteSeedCache(leads: number): SeedCache {
  const root = path.join(os.tmpdir(), 'leadline-stats-bench');
  const key = `${leads}-${keyOf(leads)}`;
  const dir = path.join(root, key);
  fs.mkdirSync(root, { recursive: true });
  for (const old of fs.readdirSync(root)) if (old !== key) fs.rmSync(path.join(root, old), { recursive: true, force: true });
  const mark = path.join(dir, MARK);
  const cached = fs.existsSync(mark) ? (JSON.parse(fs.readFileSync(mark, 'utf8')) as SeededInfo) : null;
  if (!cached) {
    fs.rmSync(dir, { recursive: true, force: true }); // a seeding that did not finish
    fs.mkdirSync(dir);
  }
  return { where: dir, cached, save: async (info) => fs.writeFileSync(mark, JSON.stringify(info)) };
}

export async function mysqlSeedCache(url: string, leads: number): Promise<SeedCache> {
  const base = url.replace(/\/[^/]*$/, '');
  const name = `leadline_stats_${leads}_${keyOf(leads)}`;
  const admin = knexFactory({ client: 'mysql2', connection: `${base}/` });
  let cached: SeededInfo | null = null;
  try {
    const [dbs] = (await admin.raw(`show databases like 'leadline\\_stats\\_%'`)) as [Record<string, string>[]];
    for (const row of dbs) {
      const db = Object.values(row)[0]!;
      if (db !== name) await admin.raw(`drop database \`${db}\``);
    }
    const [marks] = (await admin.raw(`select table_name from information_schema.tables where table_schema = ? and table_name = 'bench_seeded'`, [name])) as [unknown[]];
    if (marks.length > 0) {
      const [rows] = (await admin.raw(`select info from \`${name}\`.bench_seeded`)) as [{ info: string }[]];
      if (rows[0]) cached = JSON.parse(rows[0].info) as SeededInfo;
    }
    if (!cached) {
      await admin.raw(`drop database if exists \`${name}\``);
      await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
    }
  } finally {
    await admin.destroy();
  }
  return {
    where: `${base}/${name}`,
    cached,
    async save(info) {
      const db = knexFactory({ client: 'mysql2', connection: `${base}/${name}` });
      try {
        await db.raw('create table bench_seeded (info longtext not null)');
        await db.raw('insert into bench_seeded (info) values (?)', [JSON.stringify(info)]);
      } finally {
        await db.destroy();
      }
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { pendingMigrations, seedKey } from './seed-cache.js';

/**
 * The list bench's seeded databases, kept between runs so that a re-run only times queries: a SQLite file under
 * /tmp/leadline-list-bench, or a MariaDB/MySQL database `leadline_list_<leads>_<key>` next to the given URL. The key
 * is a hash of the seed's source (`seed-cache.ts`): a changed seed seeds again and removes the older copies of that
 * size; a new migration (a new search index, say) is applied to the kept copy by the bench server's start, and its
 * time printed. A copy counts only once its seed finished (its `.json` beside it). LIST_BENCH_FRESH=1 seeds again.
 */

export interface SeedInfo {
  seedMs: number;
  indexMs: number;
  sizeWithout: number;
  sizeWith: number;
  sample: { phone: string; email: string };
  /** MariaDB/MySQL: the kept database's name. */
  database?: string;
}

export interface BenchDatabase {
  database: 'sqlite' | 'mariadb';
  /** The bench server's environment: where its database is. */
  env: Record<string, string>;
  /** What the seed that made it measured; null when it is to be seeded now. */
  seeded: SeedInfo | null;
  /** How many of this build's migrations the kept copy lacks: the bench server's start applies them. */
  pending: number;
  /** Marks the database seeded (after the seed and the index). */
  save(info: SeedInfo): void;
}

const CACHE_DIR = '/tmp/leadline-list-bench';

export async function benchDatabase(leads: number, mysqlUrl: string | undefined): Promise<BenchDatabase> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const key = seedKey(['list-seed.ts']);
  const fresh = Boolean(process.env.LIST_BENCH_FRESH);
  const kind = mysqlUrl ? 'mariadb' : 'sqlite';
  const infoFile = path.join(CACHE_DIR, `${kind}-${leads}-${key}.json`);
  const read = (): SeedInfo | null => (!fresh && fs.existsSync(infoFile) ? (JSON.parse(fs.readFileSync(infoFile, 'utf8')) as SeedInfo) : null);
  const save = (info: SeedInfo) => fs.writeFileSync(infoFile, JSON.stringify(info));
  const stale = (f: string) => f.startsWith(`${kind}-${leads}-`) && !f.includes(key);
  for (const f of fs.readdirSync(CACHE_DIR)) if (stale(f)) fs.rmSync(path.join(CACHE_DIR, f), { force: true });
  if (!mysqlUrl) {
    const file = path.join(CACHE_DIR, `sqlite-${leads}-${key}.sqlite`);
    let seeded = read();
    let pending: number | null = 0;
    if (seeded && fs.existsSync(file)) {
      const db = knexFactory({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
      pending = await pendingMigrations(db).finally(() => db.destroy());
    }
    if (!seeded || !fs.existsSync(file) || pending === null) {
      seeded = null;
      for (const f of [infoFile, file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
    return { database: 'sqlite', env: { DATABASE_URL: `sqlite:${file}` }, seeded, pending: pending ?? 0, save };
  }
  const base = mysqlUrl.replace(/\/[^/]*$/, '');
  const name = read()?.database ?? `leadline_list_${leads}_${key}`;
  const admin = knexFactory({ client: 'mysql2', connection: `${base}/` });
  try {
    const [schemas] = (await admin.raw('select schema_name as name from information_schema.schemata where schema_name like ?', [`leadline\\_list\\_${leads}\\_%`])) as [{ name: string }[]];
    for (const s of schemas) if (s.name !== name) await admin.raw(`drop database \`${s.name}\``);
    let seeded = read();
    let pending: number | null = 0;
    if (seeded && schemas.some((s) => s.name === name)) {
      const db = knexFactory({ client: 'mysql2', connection: `${base}/${name}` });
      pending = await pendingMigrations(db).finally(() => db.destroy());
    }
    if (!seeded || !schemas.some((s) => s.name === name) || pending === null) {
      seeded = null;
      fs.rmSync(infoFile, { force: true });
      await admin.raw(`drop database if exists \`${name}\``);
      await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
    }
    const saveNamed = (info: SeedInfo) => save({ ...info, database: name });
    return { database: 'mariadb', env: { DATABASE_URL: `${base}/${name}` }, seeded, pending: seeded ? (pending ?? 0) : 0, save: saveNamed };
  } finally {
    await admin.destroy();
  }
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { migrations } from '../migrations/index.js';
import { benchDir } from './lib.js';

/**
 * The list bench's seeded databases, kept between runs so that a re-run only times queries: a SQLite file under
 * /tmp/leadline-list-bench, or a MariaDB/MySQL database `leadline_list_<leads>_<key>` next to the given URL. The key
 * is the number of leads and a hash of the schema (every migration's name), of the seed's source and of the search
 * index's (client-search.repo.ts): a new migration, a changed seed or index seeds again, and the older copies of that size are removed. A copy counts only once
 * its seed finished (its `.json` beside it). LIST_BENCH_FRESH=1 seeds again regardless.
 */

export interface SeedInfo {
  seedMs: number;
  indexMs: number;
  sizeWithout: number;
  sizeWith: number;
  sample: { phone: string; email: string };
}

export interface BenchDatabase {
  database: 'sqlite' | 'mariadb';
  /** The bench server's environment: where its database is. */
  env: Record<string, string>;
  /** What the seed that made it measured; null when it is to be seeded now. */
  seeded: SeedInfo | null;
  /** Marks the database seeded (after the seed and the index). */
  save(info: SeedInfo): void;
}

const CACHE_DIR = '/tmp/leadline-list-bench';

function cacheKey(): string {
  const h = crypto.createHash('sha256');
  h.update(migrations.map(([name]) => name).join('\n'));
  for (const file of ['list-seed.ts', 'list-cache.ts', '../server/modules/clients/client-search.repo.ts']) h.update(fs.readFileSync(path.join(benchDir, file)));
  return h.digest('hex').slice(0, 10);
}

export async function benchDatabase(leads: number, mysqlUrl: string | undefined): Promise<BenchDatabase> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const key = cacheKey();
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
    if (!seeded || !fs.existsSync(file)) {
      seeded = null;
      for (const f of [infoFile, file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
    return { database: 'sqlite', env: { DATABASE_URL: `sqlite:${file}` }, seeded, save };
  }
  const base = mysqlUrl.replace(/\/[^/]*$/, '');
  const name = `leadline_list_${leads}_${key}`;
  const admin = knexFactory({ client: 'mysql2', connection: `${base}/` });
  try {
    const [schemas] = (await admin.raw('select schema_name as name from information_schema.schemata where schema_name like ?', [`leadline\\_list\\_${leads}\\_%`])) as [{ name: string }[]];
    for (const s of schemas) if (s.name !== name) await admin.raw(`drop database \`${s.name}\``);
    let seeded = read();
    if (!seeded || !schemas.some((s) => s.name === name)) {
      seeded = null;
      fs.rmSync(infoFile, { force: true });
      await admin.raw(`drop database if exists \`${name}\``);
      await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
    }
    return { database: 'mariadb', env: { DATABASE_URL: `${base}/${name}` }, seeded, save };
  } finally {
    await admin.destroy();
  }
}

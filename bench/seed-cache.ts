import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { migrations } from '../migrations/index.js';
import { benchDir } from './lib.js';

/**
 * What the seeded bench databases (list, stats) have in common. A seeded copy is keyed by the number of rows and the
 * source of the seeder only, not by the schema: a copy seeded under older migrations is brought up to date by the
 * bench server's own start (`migrate.latest`), as an installation's upgrade would be — so a new migration is timed
 * on a million rows instead of forcing a new seed. A copy is dropped when it has applied a migration this build does
 * not ship (a branch's, or a renamed one): knex would refuse to start on it.
 */

/** A short hash (10 hex digits) of the given files under bench/. */
export function seedKey(files: string[]): string {
  const h = crypto.createHash('sha256');
  for (const file of files) h.update(fs.readFileSync(path.join(benchDir, file)));
  return h.digest('hex').slice(0, 10);
}

/**
 * Whether the database can be migrated forward by this build: it has a schema and every migration it applied is one
 * of this build's. Returns the number of this build's migrations it lacks (0: up to date), or null when it cannot.
 */
export async function pendingMigrations(db: Knex): Promise<number | null> {
  if (!(await db.schema.hasTable('knex_migrations'))) return null;
  const applied = (await db('knex_migrations').select('name')) as { name: string }[];
  const shipped = new Set(migrations.map(([name]) => name));
  if (!applied.every((row) => shipped.has(row.name))) return null;
  return shipped.size - new Set(applied.map((row) => row.name)).size;
}

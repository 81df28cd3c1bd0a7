import type { Queryable } from '../db/knex.js';
import { isUniqueViolation, toDbTime } from '../db/knex.js';

/**
 * Takes the lease of job `name` for `holder` until `now + ttlMs`, when it is free (never taken, expired, or
 * already this holder's): one atomic UPDATE, or an INSERT for a job never leased before (a unique violation there
 * means another instance took it first). Answers whether `holder` holds it now. Several Leadline instances on one
 * MySQL/MariaDB (or one SQLite file) never both hold it.
 */
export async function takeLease(db: Queryable, name: string, holder: string, ttlMs: number, now: Date = new Date()): Promise<boolean> {
  const until = toDbTime(new Date(now.getTime() + ttlMs));
  const taken = await db('job_leases')
    .where('name', name)
    .andWhere((w) => void w.where('expires_at', '<=', toDbTime(now)).orWhere('holder', holder))
    .update({ holder, expires_at: until });
  if (taken === 1) return true;
  if (await db('job_leases').where('name', name).first('name')) return false;
  try {
    await db('job_leases').insert({ name, holder, expires_at: until });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Gives the lease back early (only its holder can), so the next run may start on any instance at once. */
export async function releaseLease(db: Queryable, name: string, holder: string, now: Date = new Date()): Promise<void> {
  await db('job_leases').where({ name, holder }).update({ expires_at: toDbTime(now) });
}

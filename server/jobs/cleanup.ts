import type { Db } from '../db/knex.js';
import { toDbTime } from '../db/knex.js';
import type { JobDefinition } from './registry.js';

/** How long a website's Idempotency-Key is remembered: a resend of the same form within this is the same lead. */
export const IDEMPOTENCY_KEY_DAYS = 7;

/** At most this many rows go per table and run (the rest at the next run), so no delete holds locks for long. */
const BATCH = 5_000;

/** Sessions whose end (`expires_at`) is at or before `now`. Answers how many went. */
async function deleteEndedSessions(db: Db, now: Date): Promise<number> {
  const ids = await db('sessions').where('expires_at', '<=', toDbTime(now)).limit(BATCH).pluck('id');
  return ids.length ? db('sessions').whereIn('id', ids).delete() : 0;
}

/** Idempotency keys stored before `before`. Answers how many went. */
async function deleteOldIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const keys: { site_id: number; key: string }[] = await db('idempotency_keys').where('created_at', '<', toDbTime(before)).limit(BATCH).select('site_id', 'key');
  if (keys.length === 0) return 0;
  return db('idempotency_keys')
    .whereIn(['site_id', 'key'], keys.map((k) => [k.site_id, k.key]))
    .delete();
}

/**
 * Deletes what nobody can use any more: sessions past their end, and idempotency keys older than
 * IDEMPOTENCY_KEY_DAYS. Every ten minutes, on one instance at a time (its lease).
 */
export const cleanupJob: JobDefinition = {
  name: 'cleanup',
  schedule: '0 */10 * * * *',
  leaseMs: 5 * 60_000,
  async run(deps, now) {
    const sessions = await deleteEndedSessions(deps.db, now);
    const keys = await deleteOldIdempotencyKeys(deps.db, new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000));
    if (sessions || keys) deps.log.info({ sessions, idempotencyKeys: keys }, 'cleanup: ended sessions and old idempotency keys deleted');
  },
};

import type { Db, Tx } from '../../db/knex.js';
import { isUniqueViolation } from '../../db/knex.js';

function isDeadlock(err: unknown): boolean {
  return (err as { code?: string })?.code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs a transaction, and runs it again when it lost a race: two requests from the same new phone at once both
 * find no client and both insert it; the loser's unique violation means "look again, it exists now".
 * `onConflict` may settle the outcome instead (e.g. an idempotency key the winner stored).
 */
export async function transactionWithContactRetry<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  onConflict: () => Promise<T | undefined> = async () => undefined,
  attempts = 4,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (!isUniqueViolation(err) && !isDeadlock(err)) throw err;
      const settled = await onConflict();
      if (settled !== undefined) return settled;
      if (attempt >= attempts) throw err;
    }
  }
}

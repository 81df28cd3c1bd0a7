import type { Knex } from 'knex';
import { isLockConflict } from './db-errors.js';

/** How often a transaction that lost a lock race runs again, and the first pause (doubled each time, ± half). */
export const LOCK_RETRY = { attempts: 5, firstDelayMs: 15 } as const;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again when the database rolled it back on a deadlock or a lock-wait timeout (isLockConflict), at
 * most `LOCK_RETRY.attempts` times in all, with a growing random pause so the racers part; any other error, or the
 * last conflict, is thrown as it came. `work` must be a whole transaction (nothing of it stays after a rollback).
 */
export async function retryOnLockConflict<T>(work: () => Promise<T>, attempts: number = LOCK_RETRY.attempts): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isLockConflict(err)) throw err;
      const base = LOCK_RETRY.firstDelayMs * 2 ** (attempt - 1);
      await pause(base / 2 + Math.random() * base);
    }
  }
}

/**
 * Makes `db.transaction(async (tx) => …)` retry on lock conflicts for every caller at once (the write paths need no
 * change). Only the callback form is wrapped: `db.transaction()` without one hands out a transaction the caller
 * drives, which cannot be replayed.
 */
export function retryTransactionsOnLockConflict(db: Knex): void {
  const original = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  const transaction = (container?: unknown, config?: unknown): Promise<unknown> => {
    if (typeof container !== 'function') return config === undefined ? original(container) : original(container, config);
    return retryOnLockConflict(() => (config === undefined ? original(container) : original(container, config)));
  };
  Object.defineProperty(db, 'transaction', { value: transaction, configurable: true });
}

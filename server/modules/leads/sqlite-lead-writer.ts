import type { Database } from 'better-sqlite3';
import type { Db } from '../../db/knex.js';
import { isUniqueViolation } from '../../db/knex.js';
import { sqliteLeadStore } from './sqlite-lead-store.js';
import { writeLead, type Idempotency, type LeadStore, type NewLead, type WriteOutcome } from './write-lead.js';

const MAX_BATCH = 100;
const MAX_ATTEMPTS = 3;

interface Job {
  input: NewLead;
  idem?: Idempotency;
  attempts: number;
  resolve(o: WriteOutcome): void;
  reject(err: unknown): void;
}

interface Settled {
  outcomes: Map<Job, WriteOutcome>;
  /** Lost a race to another process (the same phone or key): looked at again in the next batch. */
  retry: Job[];
  failed: Map<Job, unknown>;
}

/**
 * The SQLite engine. SQLite has one writer, and a commit costs far more than the rows in it; so leads arriving
 * together are written together: one transaction per batch on the connection held from the pool, through
 * statements prepared once. Should one of them fail, the batch is written again with each lead in its own savepoint,
 * so one bad request cannot sink the others. Every caller is answered only after the batch has committed: a lead
 * acknowledged is a lead on disk, exactly as with one transaction per lead.
 *
 * The rules (write-lead.ts) are async, and better-sqlite3's transaction() takes only synchronous functions, so the
 * transaction is begun and ended here by hand. The store's promises are already settled, so only microtasks run
 * between two statements, and the connection is held: nothing else can interleave.
 */
export class SqliteLeadWriter {
  private queue: Job[] = [];
  private flushing = false;
  private stores = new WeakMap<Database, LeadStore>();

  constructor(private readonly db: Db) {}

  /** Queues the lead for the next batch; resolves after that batch's commit, rejects with this lead's own error. */
  write(input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, idem, attempts: 0, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const jobs = this.queue.splice(0, MAX_BATCH);
      let settled: Settled;
      let conn: Database | undefined;
      try {
        conn = (await this.db.client.acquireConnection()) as Database;
        const c = conn;
        let store = this.stores.get(c);
        if (!store) this.stores.set(c, (store = sqliteLeadStore(c)));
        // Nearly every batch is all good requests: written straight through in one transaction.
        settled = await writeTogether(c, store, jobs).catch(() => writeApart(c, store, jobs));
      } catch (err) {
        settled = { outcomes: new Map(), retry: [], failed: new Map(jobs.map((job) => [job, err])) };
      } finally {
        if (conn) await this.db.client.releaseConnection(conn);
      }
      for (const [job, outcome] of settled.outcomes) job.resolve(outcome);
      for (const [job, err] of settled.failed) job.reject(err);
      this.queue.unshift(...settled.retry);
    }
    this.flushing = false;
  }
}

/** The batch in one transaction; any failure rolls all of it back and rejects. */
async function writeTogether(conn: Database, store: LeadStore, jobs: Job[]): Promise<Settled> {
  return inTransaction(conn, async () => {
    const outcomes = new Map<Job, WriteOutcome>();
    for (const job of jobs) outcomes.set(job, await writeLead(store, job.input, job.idem));
    return { outcomes, retry: [], failed: new Map() };
  });
}

/** The batch in one transaction, each lead in its own savepoint: a lead that fails is undone alone. */
async function writeApart(conn: Database, store: LeadStore, jobs: Job[]): Promise<Settled> {
  return inTransaction(conn, async () => {
    const settled: Settled = { outcomes: new Map(), retry: [], failed: new Map() };
    for (const job of jobs) {
      conn.exec('SAVEPOINT lead');
      try {
        settled.outcomes.set(job, await writeLead(store, job.input, job.idem));
        conn.exec('RELEASE lead');
      } catch (err) {
        conn.exec('ROLLBACK TO lead');
        conn.exec('RELEASE lead');
        if (isUniqueViolation(err) && ++job.attempts < MAX_ATTEMPTS) settled.retry.push(job);
        else settled.failed.set(job, err);
      }
    }
    return settled;
  });
}

async function inTransaction<T>(conn: Database, work: () => Promise<T>): Promise<T> {
  conn.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    conn.exec('COMMIT');
    return result;
  } catch (err) {
    // Some errors (a full disk, say) have already ended the transaction.
    if (conn.inTransaction) conn.exec('ROLLBACK');
    throw err;
  }
}

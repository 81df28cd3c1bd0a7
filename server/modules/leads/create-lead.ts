import type { Deps } from '../../deps.js';
import { isSqlite, type Db } from '../../db/knex.js';
import { writeLeadWithKnex } from './knex-lead-store.js';
import { emitLeadCreated } from './leads.events.js';
import { SqliteLeadWriter } from './sqlite-lead-writer.js';
import type { Idempotency, NewLead, WriteOutcome } from './write-lead.js';

export type { CreatedLead, Idempotency, NewLead, WriteOutcome } from './write-lead.js';

/** How leads are written: `knex` on any database, `sqlite` batched on a better-sqlite3 connection. */
export type LeadEngine = 'knex' | 'sqlite';

export interface LeadWriter {
  /** Writes the lead (or replays its key's answer); resolves once it is committed. Announces nothing. */
  write(input: NewLead, idem?: Idempotency): Promise<WriteOutcome>;
}

const writers = new WeakMap<Db, Partial<Record<LeadEngine, LeadWriter>>>();

/**
 * The lead writer of a database, one per database and engine: by default the batching SQLite engine on SQLite and
 * knex elsewhere. Naming the engine is for tests, which run both on SQLite; `sqlite` on another database throws.
 */
export function leadWriterFor(db: Db, engine: LeadEngine = isSqlite(db) ? 'sqlite' : 'knex'): LeadWriter {
  let ofDb = writers.get(db);
  if (!ofDb) writers.set(db, (ofDb = {}));
  let writer = ofDb[engine];
  if (!writer) {
    if (engine === 'sqlite' && !isSqlite(db)) throw new Error('the sqlite lead engine needs a better-sqlite3 database');
    writer = engine === 'sqlite' ? new SqliteLeadWriter(db) : { write: (input, idem) => writeLeadWithKnex(db, input, idem) };
    ofDb[engine] = writer;
  }
  return writer;
}

/**
 * Creates a lead (and its client, or joins a known one) with its history and, for a site, its idempotency key,
 * committed before anyone is told; then the lead's audience hears about it live (`lead:created`, and
 * `lead:assigned` when it has an owner from the start). A replayed key announces nothing.
 */
export async function createLead(deps: Deps, input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
  const outcome = await leadWriterFor(deps.db).write(input, idem);
  if (outcome.kind === 'created') emitLeadCreated(deps, outcome.lead);
  return outcome;
}

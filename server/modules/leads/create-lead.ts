import type { Deps } from '../../deps.js';
import { isSqlite, type Db } from '../../db/knex.js';
import { emitLeadCreated } from './leads.events.js';
import { SqliteLeadWriter } from './sqlite-lead-writer.js';
import { writeLeadWithKnex, type Idempotency, type NewLead, type WriteOutcome } from './write-lead.js';

export { findIdempotentResponse, type CreatedLead, type Idempotency, type NewLead, type WriteOutcome } from './write-lead.js';

const sqliteWriters = new WeakMap<Db, SqliteLeadWriter>();

/**
 * Creates a lead (and its client, or joins a known one) with its history and, for a site, its idempotency key,
 * committed before anyone is told; then the lead's audience hears about it live.
 */
export async function createLead(deps: Deps, input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
  const { db } = deps;
  let outcome: WriteOutcome;
  if (isSqlite(db)) {
    let writer = sqliteWriters.get(db);
    if (!writer) sqliteWriters.set(db, (writer = new SqliteLeadWriter(db)));
    outcome = await writer.write(input, idem);
  } else {
    outcome = await writeLeadWithKnex(db, input, idem);
  }
  if (outcome.kind === 'created') emitLeadCreated(deps, outcome.lead);
  return outcome;
}

import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { recordHistory } from '../leads/lead-history.js';
import { emitLeadUpdated, loadSummary } from '../leads/leads.events.js';

/**
 * A conversation with the client took place or was tried (an inbound call answered, a click-to-call dialling the
 * client — a first outbound call attempt counts as first contact whether or not the client picks up):
 * the lead's first contact is set if it was not yet, and a `call` history row says which way and with which number
 * (field `inbound`/`outbound`, the client's number as the value; who talked is its actor), in one transaction; then
 * `lead:updated` goes to the lead's audience. The web app words it in the reader's language.
 */
export async function recordConversation(
  deps: Deps,
  p: { leadId: number; userId: number | null; direction: 'inbound' | 'outbound'; clientNumber: string | null },
): Promise<void> {
  const now = toDbTime();
  await deps.db.transaction(async (tx) => {
    await tx('leads').where('id', p.leadId).whereNull('first_contact_at').update({ first_contact_at: now });
    await recordHistory(tx, [{ leadId: p.leadId, actorId: p.userId, action: 'call', field: p.direction, newValue: p.clientNumber }], now);
  });
  const lead = await loadSummary(deps.db, p.leadId);
  if (lead) emitLeadUpdated(deps, lead);
}

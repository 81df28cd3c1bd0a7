import type { Queryable } from '../../db/knex.js';
import { toDbTime } from '../../db/knex.js';
import {
  buildSearchText,
  contactsOwnedElsewhere,
  findClientIdByContacts,
  getClientRow,
  getContacts,
  insertClient,
  insertContacts,
  type ClientContacts,
} from './clients.repo.js';
import type { IncomingClient } from './clients.schema.js';


/** The client as a lead summary shows it (name, organization, first phone and e-mail). */
export interface ClientSummary {
  fullName: string | null;
  organization: string | null;
  phone: string | null;
  email: string | null;
}

export interface FoundClient {
  clientId: number;
  existed: boolean;
  summary: ClientSummary;
}

export function newClientSummary(c: IncomingClient): ClientSummary {
  return { fullName: c.fullName, organization: c.organization, phone: c.phones[0] ?? null, email: c.emails[0] ?? null };
}

/**
 * What a request teaches a known client: contacts it lacked (unless another client owns them) and a name or
 * organization it had none of. Pure, so that every database path joins clients the same way.
 */
export const enrichment = {
  candidates(known: ClientContacts, incoming: IncomingClient): ClientContacts {
    return { phones: incoming.phones.filter((p) => !known.phones.includes(p)), emails: incoming.emails.filter((e) => !known.emails.includes(e)) };
  },
  apply(row: { full_name: string | null; organization: string | null }, known: ClientContacts, incoming: IncomingClient, added: ClientContacts) {
    const fullName = row.full_name ?? incoming.fullName ?? null;
    const organization = row.organization ?? incoming.organization ?? null;
    const phones = [...known.phones, ...added.phones];
    const emails = [...known.emails, ...added.emails];
    const changed = added.phones.length > 0 || added.emails.length > 0 || fullName !== row.full_name || organization !== row.organization;
    return {
      changed,
      fullName,
      organization,
      searchText: buildSearchText({ fullName, organization, phones, emails }),
      summary: { fullName, organization, phone: phones[0] ?? null, email: emails[0] ?? null } as ClientSummary,
    };
  },
};

/**
 * A request from a known phone or e-mail joins that client (and teaches it what was new); otherwise a new client
 * is made. Runs inside the caller's transaction; a concurrent insert of the same new phone surfaces as a unique
 * violation, which the caller answers by retrying the transaction.
 */
export async function findOrCreateClient(tx: Queryable, incoming: IncomingClient, departmentId: number | null): Promise<FoundClient> {
  const existingId = await findClientIdByContacts(tx, incoming);
  if (existingId === null) {
    return { clientId: await insertClient(tx, { ...incoming, departmentId }), existed: false, summary: newClientSummary(incoming) };
  }
  const [row, known] = await Promise.all([getClientRow(tx, existingId), getContacts(tx, existingId)]);
  if (!row) throw new Error(`client ${existingId} vanished inside a transaction`);
  const candidates = enrichment.candidates(known, incoming);
  // A contact that belongs to another client stays with that client.
  const taken = candidates.phones.length || candidates.emails.length ? await contactsOwnedElsewhere(tx, existingId, candidates) : { phones: [], emails: [] };
  const added = { phones: candidates.phones.filter((p) => !taken.phones.includes(p)), emails: candidates.emails.filter((e) => !taken.emails.includes(e)) };
  const next = enrichment.apply(row, known, incoming, added);
  if (next.changed) {
    await insertContacts(tx, existingId, added);
    await tx('clients')
      .where('id', existingId)
      .update({ full_name: next.fullName, organization: next.organization, search_text: next.searchText, version: tx.raw('version + 1'), updated_at: toDbTime() });
  }
  return { clientId: existingId, existed: true, summary: next.summary };
}

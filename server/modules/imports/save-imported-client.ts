import type { Queryable } from '../../db/knex.js';
import { clientSearchDocument } from '../clients/client-search-text.js';
import { writeClientSearch } from '../clients/client-search.repo.js';
import { contactsOwnedElsewhere, getClientRow, getContacts, insertContacts, type ClientRow } from '../clients/clients.repo.js';
import type { ImportedClient } from './read-row.js';

/** How an import line changes the base: a new client, an update by external ID, or joining a client known by a contact. */
export type ImportedClientWrite =
  | { action: 'create'; client: ImportedClient; departmentId: number; ownerId: number | null }
  | { action: 'update' | 'join'; clientId: number; client: ImportedClient; departmentId: number; ownerId: number | null };

type Details = Pick<ClientRow, 'full_name' | 'organization' | 'address' | 'birthday' | 'first_order_at' | 'last_order_at' | 'needs'> & {
  external_id: string | null;
  owner_id: number | null;
  orders_count: number | null;
  orders_amount: number | null;
};

function detailsOf(c: ImportedClient, ownerId: number | null): Details {
  return {
    external_id: c.externalId,
    full_name: c.fullName,
    organization: c.organization,
    address: c.address,
    birthday: c.birthday,
    first_order_at: c.firstOrderAt,
    last_order_at: c.lastOrderAt,
    needs: c.needs,
    owner_id: ownerId,
    orders_count: c.ordersCount,
    orders_amount: c.ordersAmount,
  };
}

/**
 * Writes one import line, inside the caller's transaction `q`; answers the client's id. The one place an import
 * writes a client (hook here to follow imported clients). A new client gets the line's details and contacts. An
 * update by external ID takes every value the line has (the file is the other system's truth) and keeps the rest.
 * Joining a client known by a phone or e-mail fills only what the client lacks, as a website's request does. Either
 * way the client learns the line's phones and e-mails that no other client owns (none is ever removed) and its
 * search index entry follows; its version goes up by one.
 */
export async function saveImportedClient(q: Queryable, w: ImportedClientWrite, at: string): Promise<number> {
  const incoming = detailsOf(w.client, w.ownerId);
  if (w.action === 'create') {
    const [id] = await q('clients').insert({
      ...incoming,
      department_id: w.departmentId,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await insertContacts(q, Number(id), { phones: w.client.phones, emails: w.client.emails });
    await writeClientSearch(q, Number(id), clientSearchDocument(w.client));
    return Number(id);
  }
  const [row, contacts] = await Promise.all([getClientRow(q, w.clientId), getContacts(q, w.clientId)]);
  if (!row) throw new Error(`client ${w.clientId} vanished during an import`);
  const current = row as unknown as Details;
  const next: Partial<Details> = {};
  for (const key of Object.keys(incoming) as (keyof Details)[]) {
    const value = incoming[key];
    if (value === null) continue;
    // A client's external ID is theirs within their department; joining never moves it.
    if (key === 'external_id' && (current.external_id !== null || Number(row.department_id) !== w.departmentId)) continue;
    if (w.action === 'update' || current[key] === null || current[key] === undefined) (next as Record<string, unknown>)[key] = value;
  }
  const candidates = { phones: w.client.phones.filter((p) => !contacts.phones.includes(p)), emails: w.client.emails.filter((e) => !contacts.emails.includes(e)) };
  const taken = candidates.phones.length || candidates.emails.length ? await contactsOwnedElsewhere(q, w.clientId, candidates) : candidates;
  const added = { phones: candidates.phones.filter((p) => !taken.phones.includes(p)), emails: candidates.emails.filter((e) => !taken.emails.includes(e)) };
  await insertContacts(q, w.clientId, added);
  const fullName = next.full_name ?? row.full_name;
  const organization = next.organization ?? row.organization;
  await q('clients')
    .where('id', w.clientId)
    .update({
      ...next,
      version: q.raw('version + 1'),
      updated_at: at,
    });
  const address = next.address ?? row.address;
  await writeClientSearch(q, w.clientId, clientSearchDocument({ fullName, organization, address, phones: [...contacts.phones, ...added.phones], emails: [...contacts.emails, ...added.emails] }));
  return w.clientId;
}

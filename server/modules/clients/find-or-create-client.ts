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
  type SearchableClient,
} from './clients.repo.js';

export interface IncomingContact extends SearchableClient {
  /** Already normalized: phones E.164, e-mails lower-cased. */
  phones: string[];
  emails: string[];
}

/**
 * A request from a known phone or e-mail joins that client (and teaches it what was new: a second phone, a
 * name it lacked); otherwise a new client is made. Runs inside the caller's transaction; a concurrent insert of
 * the same new phone surfaces as a unique violation, which the caller answers by retrying the transaction.
 */
export async function findOrCreateClient(
  tx: Queryable,
  contact: IncomingContact,
  departmentId: number | null,
): Promise<{ clientId: number; existed: boolean }> {
  const existingId = await findClientIdByContacts(tx, contact);
  if (existingId === null) {
    return { clientId: await insertClient(tx, { ...contact, departmentId }), existed: false };
  }
  await enrichClient(tx, existingId, contact);
  return { clientId: existingId, existed: true };
}

async function enrichClient(tx: Queryable, clientId: number, contact: IncomingContact): Promise<void> {
  const [row, known] = await Promise.all([getClientRow(tx, clientId), getContacts(tx, clientId)]);
  if (!row) return;
  const newPhones = contact.phones.filter((p) => !known.phones.includes(p));
  const newEmails = contact.emails.filter((e) => !known.emails.includes(e));
  const fullName = row.full_name ?? contact.fullName ?? null;
  const organization = row.organization ?? contact.organization ?? null;
  if (!newPhones.length && !newEmails.length && fullName === row.full_name && organization === row.organization) return;
  // A contact that belongs to another client stays with that client.
  const taken = newPhones.length || newEmails.length ? await contactsOwnedElsewhere(tx, clientId, { phones: newPhones, emails: newEmails }) : { phones: [], emails: [] };
  const addPhones = newPhones.filter((p) => !taken.phones.includes(p));
  const addEmails = newEmails.filter((e) => !taken.emails.includes(e));
  await insertContacts(tx, clientId, { phones: addPhones, emails: addEmails });
  await tx('clients')
    .where('id', clientId)
    .update({
      full_name: fullName,
      organization,
      search_text: buildSearchText({ fullName, organization, phones: [...known.phones, ...addPhones], emails: [...known.emails, ...addEmails] }),
      version: tx.raw('version + 1'),
      updated_at: toDbTime(),
    });
}

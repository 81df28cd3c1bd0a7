import type { ClientDto, ClientTag } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { ClientSearchDocument } from './client-search-text.js';
import { writeClientSearch } from './client-search.repo.js';

export interface ClientRow {
  id: number;
  full_name: string | null;
  organization: string | null;
  address: string | null;
  birthday: string | null;
  first_order_at: string | null;
  last_order_at: string | null;
  needs: string | null;
  /** The manual segment (CLIENT_TAGS), or null. */
  tag: string | null;
  department_id: number | null;
  search_text: string;
  version: number;
}

export interface ClientContacts {
  phones: string[];
  emails: string[];
}

/** What a lead's request knows of a client, and what the search index is built from. */
export interface SearchableClient extends ClientContacts {
  fullName: string | null;
  organization: string | null;
  address?: string | null;
}

/** Date columns come back as `YYYY-MM-DD` strings (MySQL dateStrings) or whatever SQLite stored. */
function dateOnly(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

/** A client's row and contacts as the API shows them; dates as `YYYY-MM-DD`. */
export function toClientDto(row: ClientRow, contacts: ClientContacts): ClientDto {
  return {
    id: row.id,
    fullName: row.full_name,
    organization: row.organization,
    phones: contacts.phones,
    emails: contacts.emails,
    address: row.address,
    birthday: dateOnly(row.birthday),
    firstOrderAt: dateOnly(row.first_order_at),
    lastOrderAt: dateOnly(row.last_order_at),
    needs: row.needs,
    tag: (row.tag as ClientTag | null) ?? null,
    version: Number(row.version),
  };
}

/** The client an E.164 phone belongs to, or null. */
export async function findClientIdByPhone(db: Queryable, phone: string): Promise<number | null> {
  const row = await db('client_phones').where('phone', phone).first<{ client_id: number } | undefined>('client_id');
  return row ? Number(row.client_id) : null;
}

/** The client a lower-cased e-mail belongs to, or null. */
export async function findClientIdByEmail(db: Queryable, email: string): Promise<number | null> {
  const row = await db('client_emails').where('email', email).first<{ client_id: number } | undefined>('client_id');
  return row ? Number(row.client_id) : null;
}

/** A client's row, or undefined when there is none. */
export async function getClientRow(db: Queryable, id: number): Promise<ClientRow | undefined> {
  return db('clients').where('id', id).first<ClientRow | undefined>();
}

/** A client's phones (E.164) and e-mails, each list oldest first. */
export async function getContacts(db: Queryable, clientId: number): Promise<ClientContacts> {
  const [phones, emails] = await Promise.all([
    db('client_phones').where('client_id', clientId).orderBy('id').pluck('phone') as Promise<string[]>,
    db('client_emails').where('client_id', clientId).orderBy('id').pluck('email') as Promise<string[]>,
  ]);
  return { phones, emails };
}

/** A client as the API shows it, or null when there is none. */
export async function loadClient(db: Queryable, id: number): Promise<ClientDto | null> {
  const row = await getClientRow(db, id);
  if (!row) return null;
  return toClientDto(row, await getContacts(db, id));
}

/**
 * A new client (version 1) created and updated `at` (a `toDbTime` string), without contacts, and its row of the
 * search index (`search`: the client with the contacts about to be added); answers its id.
 */
export async function insertClient(
  db: Queryable,
  c: { fullName: string | null; organization: string | null; departmentId: number | null; search: ClientSearchDocument },
  at: string,
): Promise<number> {
  const [id] = await db('clients').insert({
    full_name: c.fullName,
    organization: c.organization,
    department_id: c.departmentId,
    version: 1,
    created_at: at,
    updated_at: at,
  });
  await writeClientSearch(db, Number(id), c.search);
  return Number(id);
}

/** New details of a client as a request taught them: a version more, updated `at`, its search row rewritten. */
export async function updateClientDetails(
  db: Queryable,
  clientId: number,
  d: { fullName: string | null; organization: string | null; search: ClientSearchDocument },
  at: string,
): Promise<void> {
  await db('clients').where('id', clientId).update({ full_name: d.fullName, organization: d.organization, version: db.raw('version + 1'), updated_at: at });
  await writeClientSearch(db, clientId, d.search);
}

/** Adds phones and e-mails to a client; one that belongs to any client already is a unique violation. */
export async function insertContacts(db: Queryable, clientId: number, c: ClientContacts): Promise<void> {
  if (c.phones.length) await db('client_phones').insert(c.phones.map((phone) => ({ client_id: clientId, phone })));
  if (c.emails.length) await db('client_emails').insert(c.emails.map((email) => ({ client_id: clientId, email })));
}

/** Which of these contacts already belong to some other client (so they cannot be added to this one). */
export async function contactsOwnedElsewhere(db: Queryable, clientId: number, c: ClientContacts): Promise<ClientContacts> {
  const [phones, emails] = await Promise.all([
    c.phones.length ? (db('client_phones').whereIn('phone', c.phones).whereNot('client_id', clientId).pluck('phone') as Promise<string[]>) : [],
    c.emails.length ? (db('client_emails').whereIn('email', c.emails).whereNot('client_id', clientId).pluck('email') as Promise<string[]>) : [],
  ]);
  return { phones, emails };
}

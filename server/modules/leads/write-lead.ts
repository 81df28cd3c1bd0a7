import { toDbTime } from '../../db/knex.js';
import { type ClientContacts, type SearchableClient } from '../clients/clients.repo.js';
import { clientSearchDocument, type ClientSearchDocument } from '../clients/client-search-text.js';
import type { IncomingClient } from '../clients/clients.schema.js';
import type { HistoryChange } from './lead-history.js';
import { toLeadSummary, type LeadSummary } from './leads.presenter.js';
import type { LatestOwner } from './leads.repo.js';

/**
 * The rules of writing a new lead, once for every database: the idempotency key, which client the request is from
 * (and what it teaches a known one), who owns the lead from the start, its columns and its creation history. They
 * run against a LeadStore, inside a transaction the caller holds; the engines are knex-lead-store.ts (any knex
 * database) and sqlite-lead-store.ts (prepared statements, batched by sqlite-lead-writer.ts).
 */

export interface NewLead {
  departmentId: number;
  siteId: number | null;
  source: 'site' | 'manual' | 'call';
  /** Who made it by hand; null for a website or the phone. */
  createdBy: number | null;
  client: IncomingClient;
  service: string | null;
  message: string | null;
  pageUrl: string | null;
  utm: Record<string, string> | null;
  /** A website's form fields that have no column, as the intake bounded them (none from other doors). */
  otherFields?: Record<string, string> | null;
  /** The client's language as the request gives it (ISO 639-1, `ru`), or none. */
  language?: string | null;
  /** The amount the client named at intake (main units, with its ISO 4217 currency): not the deal amount. */
  requested?: { amount: number; currency: string } | null;
  /** An owner chosen up front (already checked); undefined: a returning client goes to their manager, if active. */
  ownerId?: number | null;
  /** When the lead arrived (default: now): the demo's leads of the past 60 days are written at their moment. */
  at?: Date;
  /** A website's post: the same post again within SAME_POST_WINDOW_MS answers the first lead (firstSamePost). */
  collapseSamePost?: boolean;
}

export interface CreatedLead {
  leadId: number;
  clientId: number;
  returningClient: boolean;
}

/** A site's request key: the stored answer is replayed verbatim for the same Idempotency-Key. */
export interface Idempotency {
  siteId: number;
  key: string;
}

export type WriteOutcome = { kind: 'created'; result: CreatedLead; lead: LeadSummary } | { kind: 'replayed'; response: string };

/** The row of a new lead, as both engines insert it. Times are `toDbTime` strings (UTC). */
export interface LeadColumns {
  client_id: number;
  department_id: number;
  site_id: number | null;
  owner_id: number | null;
  source: NewLead['source'];
  status: 'new';
  flagged: 0;
  colour: null;
  service: string | null;
  message: string | null;
  page_url: string | null;
  /** The UTM fields as a JSON object, or null when there are none. */
  utm: string | null;
  /** The other form fields as a JSON object, or null. */
  other_fields: string | null;
  language: string | null;
  requested_amount: number | null;
  requested_currency: string | null;
  returning_client: 0 | 1;
  created_by: number | null;
  version: 1;
  created_at: string;
  updated_at: string;
  assigned_at: string | null;
}


/**
 * What writing a lead needs from a database: small reads and inserts, each inside the caller's transaction.
 * `at` is the lead's moment as a `toDbTime` string. A unique violation (a phone, an e-mail or an idempotency key
 * another transaction stored first) is thrown as the driver's error: the engine decides whether to write again.
 */
export interface LeadStore {
  /** The answer stored for this key, or null. */
  findIdempotentResponse(idem: Idempotency): Promise<string | null>;
  storeIdempotentResponse(idem: Idempotency, response: string, at: string): Promise<void>;
  /** The client this E.164 phone belongs to, or null. */
  clientIdByPhone(phone: string): Promise<number | null>;
  /** The client this (lower-cased) e-mail belongs to, or null. */
  clientIdByEmail(email: string): Promise<number | null>;
  /** A client's name, organization, address, phones and e-mails (each list oldest first), or null when there is none. */
  loadClient(clientId: number): Promise<SearchableClient | null>;
  /** Which of these contacts belong to a client other than `clientId`. */
  contactsOwnedElsewhere(clientId: number, contacts: ClientContacts): Promise<ClientContacts>;
  /** A new client (version 1, created and updated `at`) without contacts, with its search index row; answers its id. */
  insertClient(client: { fullName: string | null; organization: string | null; departmentId: number; search: ClientSearchDocument }, at: string): Promise<number>;
  insertContacts(clientId: number, contacts: ClientContacts): Promise<void>;
  /** New details of a known client: a version more, updated `at`, its search index row rewritten. */
  updateClient(clientId: number, details: { fullName: string | null; organization: string | null; search: ClientSearchDocument }, at: string): Promise<void>;
  /** The owner of the client's latest lead (by creation moment, then id) among its leads that have one. */
  latestOwner(clientId: number): Promise<LatestOwner | null>;
  userName(userId: number): Promise<string | null>;
  /** The first lead of this client from this site since `since` (a `toDbTime` string) with this very text, or null. */
  firstSamePost(post: SamePost): Promise<number | null>;
  /** Inserts the lead; answers its id. */
  insertLead(columns: LeadColumns): Promise<number>;
  insertHistory(changes: HistoryChange[], at: string): Promise<void>;
}

/** What makes two posts of a website the same request (a double click, a resent form). */
export interface SamePost {
  clientId: number;
  siteId: number;
  service: string | null;
  message: string | null;
  since: string;
}

/** Posts of one site with the same contact and text this close together (ms) are one request: the first lead. */
export const SAME_POST_WINDOW_MS = 60_000;

/** The client as a lead summary shows it (name, organization, first phone and e-mail). */
interface ClientSummary {
  fullName: string | null;
  organization: string | null;
  phone: string | null;
  email: string | null;
}

interface FoundClient {
  clientId: number;
  existed: boolean;
  summary: ClientSummary;
}

/**
 * Writes a new lead through `store`, or answers the stored response of an idempotency key already used. Run it
 * inside one transaction: the lead, its client, its history and its key are written together or not at all.
 */
export async function writeLead(store: LeadStore, input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
  if (idem) {
    const response = await store.findIdempotentResponse(idem);
    if (response !== null) return { kind: 'replayed', response };
  }
  const at = toDbTime(input.at);
  const same = await firstSamePost(store, input);
  if (same) return { kind: 'replayed', response: JSON.stringify(same) };
  const client = await findOrCreateClient(store, input.client, input.departmentId, at);
  const owner = await firstOwner(store, input, client);
  const columns = leadColumns(input, client, owner?.id ?? null, at);
  const leadId = await store.insertLead(columns);
  await store.insertHistory(creationHistory(leadId, input, owner), at);
  const result: CreatedLead = { leadId, clientId: client.clientId, returningClient: client.existed };
  if (idem) await store.storeIdempotentResponse(idem, JSON.stringify(result), at);
  return { kind: 'created', result, lead: newLeadSummary(leadId, columns, client.summary, owner?.name ?? null) };
}

/** A website's post that repeats one of the last minute (same site, contact, service and text): that lead. */
async function firstSamePost(store: LeadStore, input: NewLead): Promise<CreatedLead | null> {
  if (!input.collapseSamePost || input.siteId === null) return null;
  const clientId = await findClientId(store, input.client);
  if (clientId === null) return null;
  const since = toDbTime(new Date((input.at ?? new Date()).getTime() - SAME_POST_WINDOW_MS));
  const leadId = await store.firstSamePost({ clientId, siteId: input.siteId, service: input.service, message: input.message, since });
  return leadId === null ? null : { leadId, clientId, returningClient: true };
}

/**
 * A request from a known phone (first) or e-mail joins that client, and teaches it the contacts it lacked (unless
 * another client owns them) and a name or organization it had none of; otherwise a new client is made. Two
 * requests from the same new phone at once: the second insert is a unique violation, and the engine writes again.
 */
async function findOrCreateClient(store: LeadStore, incoming: IncomingClient, departmentId: number, at: string): Promise<FoundClient> {
  const existingId = await findClientId(store, incoming);
  if (existingId === null) {
    const clientId = await store.insertClient({ fullName: incoming.fullName, organization: incoming.organization, departmentId, search: clientSearchDocument(incoming) }, at);
    await store.insertContacts(clientId, incoming);
    return { clientId, existed: false, summary: summaryOf(incoming) };
  }
  const known = await store.loadClient(existingId);
  if (!known) throw new Error(`client ${existingId} vanished inside a transaction`);
  const candidates = { phones: incoming.phones.filter((p) => !known.phones.includes(p)), emails: incoming.emails.filter((e) => !known.emails.includes(e)) };
  // A contact that belongs to another client stays with that client.
  const taken = candidates.phones.length || candidates.emails.length ? await store.contactsOwnedElsewhere(existingId, candidates) : candidates;
  const added = { phones: candidates.phones.filter((p) => !taken.phones.includes(p)), emails: candidates.emails.filter((e) => !taken.emails.includes(e)) };
  const next: SearchableClient = {
    fullName: known.fullName ?? incoming.fullName ?? null,
    organization: known.organization ?? incoming.organization ?? null,
    address: known.address,
    phones: [...known.phones, ...added.phones],
    emails: [...known.emails, ...added.emails],
  };
  if (added.phones.length || added.emails.length || next.fullName !== known.fullName || next.organization !== known.organization) {
    await store.insertContacts(existingId, added);
    await store.updateClient(existingId, { fullName: next.fullName, organization: next.organization, search: clientSearchDocument(next) }, at);
  }
  return { clientId: existingId, existed: true, summary: summaryOf(next) };
}

async function findClientId(store: LeadStore, incoming: IncomingClient): Promise<number | null> {
  for (const phone of incoming.phones) {
    const id = await store.clientIdByPhone(phone);
    if (id !== null) return id;
  }
  for (const email of incoming.emails) {
    const id = await store.clientIdByEmail(email);
    if (id !== null) return id;
  }
  return null;
}

function summaryOf(c: SearchableClient): ClientSummary {
  return { fullName: c.fullName, organization: c.organization, phone: c.phones[0] ?? null, email: c.emails[0] ?? null };
}

/** The owner chosen up front; else, for a returning client, the owner of their latest lead if still eligible. */
async function firstOwner(store: LeadStore, input: NewLead, client: FoundClient): Promise<{ id: number; name: string | null } | null> {
  if (input.ownerId !== undefined) return input.ownerId === null ? null : { id: input.ownerId, name: await store.userName(input.ownerId) };
  if (!client.existed) return null;
  const previous = await store.latestOwner(client.clientId);
  return previous && isEligibleOwner(previous, input.departmentId) ? { id: Number(previous.id), name: previous.name } : null;
}

/** A returning client goes back to their manager only if that manager still works leads of this department. */
function isEligibleOwner(u: Pick<LatestOwner, 'role' | 'active' | 'departmentId'>, departmentId: number): boolean {
  return u.role === 'manager' && Boolean(u.active) && Number(u.departmentId) === departmentId;
}

function leadColumns(input: NewLead, client: FoundClient, ownerId: number | null, at: string): LeadColumns {
  return {
    client_id: client.clientId,
    department_id: input.departmentId,
    site_id: input.siteId,
    owner_id: ownerId,
    source: input.source,
    status: 'new',
    flagged: 0,
    colour: null,
    service: input.service,
    message: input.message,
    page_url: input.pageUrl,
    utm: input.utm && Object.keys(input.utm).length ? JSON.stringify(input.utm) : null,
    other_fields: input.otherFields && Object.keys(input.otherFields).length ? JSON.stringify(input.otherFields) : null,
    language: input.language ?? null,
    requested_amount: input.requested?.amount ?? null,
    requested_currency: input.requested?.currency ?? null,
    returning_client: client.existed ? 1 : 0,
    created_by: input.createdBy,
    version: 1,
    created_at: at,
    updated_at: at,
    assigned_at: ownerId !== null ? at : null,
  };
}

/** The history of a new lead: created, and assigned when it has an owner from the start. */
function creationHistory(leadId: number, input: NewLead, owner: { id: number; name: string | null } | null): HistoryChange[] {
  const history: HistoryChange[] = [{ leadId, actorId: input.createdBy, action: 'created', newValue: input.source }];
  if (owner) history.push({ leadId, actorId: input.createdBy, action: 'assigned', field: 'owner', oldValue: null, newValue: owner.name ?? String(owner.id) });
  return history;
}

/** The new lead as lists and live events show it, without reading it back. */
function newLeadSummary(leadId: number, columns: LeadColumns, client: ClientSummary, ownerName: string | null): LeadSummary {
  return toLeadSummary({
    id: leadId,
    ...columns,
    first_contact_at: null,
    furthest_step: 0,
    amount: null,
    currency: null,
    won_at: null,
    status_changed_at: null,
    closed_at: null,
    owner_name: ownerName,
    client_full_name: client.fullName,
    client_organization: client.organization,
    client_phone: client.phone,
    client_email: client.email,
  });
}

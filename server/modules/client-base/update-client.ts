import type { ClientDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { isUniqueViolation, toDbTime } from '../../db/knex.js';
import { fieldError, NotFoundError, StaleVersionError, ValidationError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import type { SessionUser } from '../../http/session-user.js';
import { emitLeadsUpdated } from '../leads/leads.events.js';
import { recordHistory, type HistoryChange } from '../leads/lead-history.js';
import { clientVisibleTo } from './client-base.policy.js';
import { contactsOwnedElsewhere, getClientRow, getContacts, loadClient, toClientDto, type ClientRow } from '../clients/clients.repo.js';
import type { ClientPatch } from './client-base.schema.js';
import { clientSearchDocument } from '../clients/client-search-text.js';
import { writeClientSearch } from '../clients/client-search.repo.js';
import { text, type Text } from '../../i18n/text.js';

const COLUMNS = {
  fullName: 'full_name',
  organization: 'organization',
  address: 'address',
  birthday: 'birthday',
  firstOrderAt: 'first_order_at',
  lastOrderAt: 'last_order_at',
  needs: 'needs',
  tag: 'tag',
} as const satisfies Record<string, keyof ClientRow>;

function normalizePhones(raw: string[], country: string): string[] {
  const out: string[] = [];
  raw.forEach((p, i) => {
    if (p.trim() === '') return;
    const e164 = normalizePhone(p, country);
    if (!e164) throw fieldError(`phones.${i}`, text('field.phone_invalid'));
    if (!out.includes(e164)) out.push(e164);
  });
  return out;
}

/**
 * Edits a client's details (same version or 409). Phones and e-mails replace the lists; one already belonging
 * to another client is refused by name. Every change is written to the history of each of the client's leads.
 */
export async function updateClient(deps: Deps, user: SessionUser, clientId: number, patch: ClientPatch): Promise<ClientDto> {
  if (!(await clientVisibleTo(deps, user, clientId))) throw new NotFoundError('client');
  const phones = patch.phones === undefined ? undefined : normalizePhones(patch.phones, deps.config.defaultCountry);
  const emails = patch.emails === undefined ? undefined : [...new Set(patch.emails)];
  let leadIds: number[] = [];
  let outcome: 'stale' | 'changed' | 'unchanged';
  try {
    outcome = await deps.db.transaction(async (tx) => {
      const row = await getClientRow(tx, clientId);
      if (!row) throw new NotFoundError('client');
      if (Number(row.version) !== patch.version) return 'stale' as const;
      const contacts = await getContacts(tx, clientId);
      const before = toClientDto(row, contacts);
      const update: Record<string, unknown> = {};
      const changes: { field: string; oldValue: unknown; newValue: unknown }[] = [];
      for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
        const next = patch[field];
        if (next === undefined || next === before[field]) continue;
        update[column] = next;
        changes.push({ field, oldValue: before[field], newValue: next });
      }
      const nextPhones = phones ?? contacts.phones;
      const nextEmails = emails ?? contacts.emails;
      const phonesChanged = nextPhones.join() !== contacts.phones.join();
      const emailsChanged = nextEmails.join() !== contacts.emails.join();
      if (phonesChanged || emailsChanged) {
        const taken = await contactsOwnedElsewhere(tx, clientId, { phones: nextPhones, emails: nextEmails });
        const fields: Record<string, Text> = {};
        for (const p of taken.phones) fields[`phones.${nextPhones.indexOf(p)}`] = text('field.contact_taken');
        for (const e of taken.emails) fields[`emails.${nextEmails.indexOf(e)}`] = text('field.contact_taken');
        if (Object.keys(fields).length) throw new ValidationError(text('error.contact_taken'), fields);
      }
      if (phonesChanged) {
        await tx('client_phones').where('client_id', clientId).delete();
        if (nextPhones.length) await tx('client_phones').insert(nextPhones.map((phone) => ({ client_id: clientId, phone })));
        changes.push({ field: 'phones', oldValue: contacts.phones, newValue: nextPhones });
      }
      if (emailsChanged) {
        await tx('client_emails').where('client_id', clientId).delete();
        if (nextEmails.length) await tx('client_emails').insert(nextEmails.map((email) => ({ client_id: clientId, email })));
        changes.push({ field: 'emails', oldValue: contacts.emails, newValue: nextEmails });
      }
      if (changes.length === 0) return 'unchanged' as const;
      const now = toDbTime();
      const fullName = 'full_name' in update ? (update.full_name as string | null) : row.full_name;
      const organization = 'organization' in update ? (update.organization as string | null) : row.organization;
      const address = 'address' in update ? (update.address as string | null) : row.address;
      const count = await tx('clients')
        .where({ id: clientId, version: patch.version })
        .update({ ...update, version: tx.raw('version + 1'), updated_at: now });
      if (count !== 1) return 'stale' as const;
      await writeClientSearch(tx, clientId, clientSearchDocument({ fullName, organization, address, phones: nextPhones, emails: nextEmails }));
      leadIds = (await tx('leads').where('client_id', clientId).pluck('id')).map(Number);
      const history: HistoryChange[] = leadIds.flatMap((leadId) => changes.map((c) => ({ leadId, actorId: user.id, action: 'client' as const, ...c })));
      await recordHistory(tx, history, now);
      return 'changed' as const;
    });
  } catch (err) {
    // Another client took the phone or e-mail between our check and our insert.
    if (isUniqueViolation(err)) throw new ValidationError(text('error.contact_taken'), { phones: text('field.contact_taken') });
    throw err;
  }
  const client = (await loadClient(deps.db, clientId)) as ClientDto;
  if (outcome === 'stale') throw new StaleVersionError(client, 'client');
  if (outcome === 'changed') await emitLeadsUpdated(deps, leadIds);
  return client;
}

import type { Db, Queryable } from '../../db/knex.js';
import { contactsOwnedElsewhere, findClientIdByEmail, findClientIdByPhone, getClientRow, getContacts, insertClient, insertContacts, updateClientDetails } from '../clients/clients.repo.js';
import { transactionWithContactRetry } from '../clients/retry-on-contact-race.js';
import { recordHistory } from './lead-history.js';
import { latestLeadOwner } from './leads.repo.js';
import { writeLead, type Idempotency, type LeadStore, type NewLead, type WriteOutcome } from './write-lead.js';

/** The lead store over knex, on the pool or (as the writer uses it) inside a transaction: any knex database. */
export function knexLeadStore(q: Queryable): LeadStore {
  return {
    findIdempotentResponse: (idem) => findIdempotentResponse(q, idem),
    async storeIdempotentResponse(idem, response, at) {
      await q('idempotency_keys').insert({ site_id: idem.siteId, key: idem.key, response, created_at: at });
    },
    clientIdByPhone: (phone) => findClientIdByPhone(q, phone),
    clientIdByEmail: (email) => findClientIdByEmail(q, email),
    async loadClient(clientId) {
      const [row, contacts] = await Promise.all([getClientRow(q, clientId), getContacts(q, clientId)]);
      return row ? { fullName: row.full_name, organization: row.organization, address: row.address, ...contacts } : null;
    },
    contactsOwnedElsewhere: (clientId, contacts) => contactsOwnedElsewhere(q, clientId, contacts),
    insertClient: (client, at) => insertClient(q, client, at),
    insertContacts: (clientId, contacts) => insertContacts(q, clientId, contacts),
    updateClient: (clientId, details, at) => updateClientDetails(q, clientId, details, at),
    latestOwner: (clientId) => latestLeadOwner(q, clientId),
    async userName(userId) {
      const row = await q('users').where('id', userId).first<{ name: string } | undefined>('name');
      return row?.name ?? null;
    },
    async firstSamePost(post) {
      const row = await q('leads')
        .where({ client_id: post.clientId, site_id: post.siteId })
        .andWhere('created_at', '>=', post.since)
        .andWhere((w) => void (post.service === null ? w.whereNull('service') : w.where('service', post.service)))
        .andWhere((w) => void (post.message === null ? w.whereNull('message') : w.where('message', post.message)))
        .orderBy('id')
        .first<{ id: number } | undefined>('id');
      return row ? Number(row.id) : null;
    },
    async insertLead(columns) {
      const [id] = await q('leads').insert(columns);
      return Number(id);
    },
    insertHistory: (changes, at) => recordHistory(q, changes, at),
  };
}

/**
 * The knex engine (MySQL/MariaDB in production): each lead in its own transaction, written again when it lost a
 * race (the same new phone or e-mail at once); the same idempotency key at once is answered with the winner's
 * stored answer. Resolves after the commit.
 */
export function writeLeadWithKnex(db: Db, input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
  return transactionWithContactRetry<WriteOutcome>(
    db,
    (tx) => writeLead(knexLeadStore(tx), input, idem),
    async () => {
      const response = idem ? await findIdempotentResponse(db, idem) : null;
      return response === null ? undefined : { kind: 'replayed', response };
    },
  );
}

async function findIdempotentResponse(q: Queryable, idem: Idempotency): Promise<string | null> {
  const row = await q('idempotency_keys').where({ site_id: idem.siteId, key: idem.key }).first<{ response: string } | undefined>('response');
  return row?.response ?? null;
}

import type { Database } from 'better-sqlite3';
import type { ClientSearchDocument } from '../clients/client-search-text.js';
import { clientNamePairRows, clientWordRows, SQLITE_SEARCH_SQL } from '../clients/client-search.repo.js';
import { historyRow } from './lead-history.js';
import type { LatestOwner } from './leads.repo.js';
import type { LeadStore } from './write-lead.js';

/**
 * The lead store on a raw better-sqlite3 connection: statements prepared once, run synchronously, answered as
 * already-settled promises (so a batch written through it runs without giving the event loop away). Use it only
 * while holding the connection, inside a transaction of your own (sqlite-lead-writer.ts).
 */
export function sqliteLeadStore(conn: Database): LeadStore {
  const s = {
    findIdem: conn.prepare<[number, string], string>('select response from idempotency_keys where site_id = ? and "key" = ?').pluck(),
    insertIdem: conn.prepare('insert into idempotency_keys (site_id, "key", response, created_at) values (?, ?, ?, ?)'),
    // One indexed get per contact rather than one UNION … ORDER BY: the sort costs SQLite a temporary b-tree.
    clientByPhone: conn.prepare<[string], number>('select client_id from client_phones where phone = ?').pluck(),
    clientByEmail: conn.prepare<[string], number>('select client_id from client_emails where email = ?').pluck(),
    clientRow: conn.prepare<[number], { full_name: string | null; organization: string | null; address: string | null }>('select full_name, organization, address from clients where id = ?'),
    phonesOf: conn.prepare<[number], string>('select phone from client_phones where client_id = ? order by id').pluck(),
    emailsOf: conn.prepare<[number], string>('select email from client_emails where client_id = ? order by id').pluck(),
    phoneElsewhere: conn.prepare<[string, number], number>('select 1 from client_phones where phone = ? and client_id <> ?').pluck(),
    emailElsewhere: conn.prepare<[string, number], number>('select 1 from client_emails where email = ? and client_id <> ?').pluck(),
    insertClient: conn.prepare('insert into clients (full_name, organization, department_id, version, created_at, updated_at) values (?, ?, ?, 1, ?, ?)'),
    deleteWords: conn.prepare(SQLITE_SEARCH_SQL.deleteWords),
    insertWord: conn.prepare(SQLITE_SEARCH_SQL.insertWord),
    deletePairs: conn.prepare(SQLITE_SEARCH_SQL.deletePairs),
    insertPair: conn.prepare(SQLITE_SEARCH_SQL.insertPair),
    deletePhones: conn.prepare(SQLITE_SEARCH_SQL.deletePhones),
    insertPhones: conn.prepare(SQLITE_SEARCH_SQL.insertPhones),
    insertPhone: conn.prepare('insert into client_phones (client_id, phone) values (?, ?)'),
    insertEmail: conn.prepare('insert into client_emails (client_id, email) values (?, ?)'),
    updateClient: conn.prepare('update clients set full_name = ?, organization = ?, version = version + 1, updated_at = ? where id = ?'),
    // The latest moment first, then the highest id at that moment: both read in index order, where an ORDER BY
    // created_at would sort the client's leads in a temporary b-tree.
    latestOwner: conn.prepare<{ clientId: number }, LatestOwner>(
      `select leads.owner_id as id, users.name, users.role, users.active, users.department_id as departmentId
       from leads join users on users.id = leads.owner_id
       where leads.client_id = @clientId
         and leads.created_at = (select max(created_at) from leads where client_id = @clientId and owner_id is not null)
       order by leads.id desc limit 1`,
    ),
    userName: conn.prepare<[number], string>('select name from users where id = ?').pluck(),
    firstSamePost: conn
      .prepare<[number, number, string, string | null, string | null], number>(
        'select id from leads where client_id = ? and site_id = ? and created_at >= ? and service is ? and message is ? order by id limit 1',
      )
      .pluck(),
    insertLead: conn.prepare(
      `insert into leads (client_id, department_id, site_id, owner_id, source, status, flagged, colour, service, message, page_url, utm, other_fields, language, requested_amount, requested_currency,
        returning_client, created_by, version, created_at, updated_at, assigned_at)
       values (@client_id, @department_id, @site_id, @owner_id, @source, @status, @flagged, @colour, @service, @message, @page_url, @utm, @other_fields, @language, @requested_amount, @requested_currency,
        @returning_client, @created_by, @version, @created_at, @updated_at, @assigned_at)`,
    ),
    insertHistory: conn.prepare(
      `insert into lead_history (lead_id, actor_id, action, field, old_value, new_value, created_at)
       values (@lead_id, @actor_id, @action, @field, @old_value, @new_value, @created_at)`,
    ),
  };
  const writeSearch = (clientId: number, doc: ClientSearchDocument) => {
    s.deleteWords.run(clientId);
    for (const w of clientWordRows(clientId, doc)) s.insertWord.run(w.word, w.client_id, w.in_name);
    s.deletePairs.run(clientId);
    for (const p of clientNamePairRows(clientId, doc)) s.insertPair.run(p.pair, p.client_id);
    s.deletePhones.run(clientId);
    s.insertPhones.run(clientId, doc.phones.join(' '));
  };
  const settled = <T>(value: T): Promise<T> => Promise.resolve(value);
  const done = settled(undefined);
  return {
    findIdempotentResponse: (idem) => settled(s.findIdem.get(idem.siteId, idem.key) ?? null),
    storeIdempotentResponse(idem, response, at) {
      s.insertIdem.run(idem.siteId, idem.key, response, at);
      return done;
    },
    clientIdByPhone: (phone) => settled(s.clientByPhone.get(phone) ?? null),
    clientIdByEmail: (email) => settled(s.clientByEmail.get(email) ?? null),
    loadClient(clientId) {
      const row = s.clientRow.get(clientId);
      return settled(row ? { fullName: row.full_name, organization: row.organization, address: row.address, phones: s.phonesOf.all(clientId), emails: s.emailsOf.all(clientId) } : null);
    },
    contactsOwnedElsewhere: (clientId, c) =>
      settled({ phones: c.phones.filter((p) => s.phoneElsewhere.get(p, clientId)), emails: c.emails.filter((e) => s.emailElsewhere.get(e, clientId)) }),
    insertClient(c, at) {
      const clientId = Number(s.insertClient.run(c.fullName, c.organization, c.departmentId, at, at).lastInsertRowid);
      writeSearch(clientId, c.search);
      return settled(clientId);
    },
    insertContacts(clientId, c) {
      for (const p of c.phones) s.insertPhone.run(clientId, p);
      for (const e of c.emails) s.insertEmail.run(clientId, e);
      return done;
    },
    updateClient(clientId, d, at) {
      s.updateClient.run(d.fullName, d.organization, at, clientId);
      writeSearch(clientId, d.search);
      return done;
    },
    latestOwner: (clientId) => settled(s.latestOwner.get({ clientId }) ?? null),
    userName: (userId) => settled(s.userName.get(userId) ?? null),
    firstSamePost: (p) => settled(s.firstSamePost.get(p.clientId, p.siteId, p.since, p.service, p.message) ?? null),
    insertLead: (columns) => settled(Number(s.insertLead.run(columns).lastInsertRowid)),
    insertHistory(changes, at) {
      for (const c of changes) s.insertHistory.run(historyRow(c, at));
      return done;
    },
  };
}

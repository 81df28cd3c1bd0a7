import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { clientSearchDocument, MIN_PHONE_DIGITS, type ClientSearchDocument } from './client-search-text.js';
import { CLIENT_NAME_PAIRS, CLIENT_WORDS_BY_PLACE, createNamePairs, namePairRows, rebuildNamePairs, writeNamePairs } from './client-name-pairs.js';

/**
 * The client search index, written in the same transaction as the client and its contacts.
 *
 * Words — the same on SQLite and MariaDB: a plain B-tree table `client_words (word, client_id, in_name)`, primary
 * key (word, client_id), a second index (client_id, word, in_name). A typed word is a prefix range of the first
 * (`word >= 'иванов' and word < 'иваноз'`), and "does this client have a word starting with …" is one seek in the
 * second: what lets a search walk the visible leads newest first and check each lead's client as it goes, or read
 * a rare word's few clients and check the other words per client. Why not the text indexes: InnoDB FULLTEXT reads
 * a word's whole list on every query (1.3–1.8 s for a common surname at a million leads) and FTS5 cannot join its
 * matches to the visible leads in their order (59–179 ms at a million leads for a surname or a name pair). Word
 * columns compare by code point (SQLite BINARY, MariaDB utf8mb4_bin), so a range is exactly the prefix.
 *
 * Name pairs — `client_name_pairs` and an (in_name, word) index of `client_words`, written with the words: a name
 * search of several words reads one key range instead of intersecting whole ranges (client-name-pairs.ts).
 *
 * Phones — each database's own: on SQLite an FTS5 table with the `trigram` tokenizer (`"4832719"`: any substring
 * of 3 or more); on MariaDB a FULLTEXT column of each phone's 4-digit windows written as words (MariaDB has no
 * n-gram parser): a typed run of ≥ 4 digits holds only windows its phone holds, so its last window finds every
 * candidate through the index, and a LIKE on the few candidates' digits keeps only real substrings. A window is
 * rare (10,000 of them), so its list stays short (~300 clients at a million leads); a B-tree of windows would add
 * 8 rows per phone (7 million at a million leads) for lists no shorter. Not measured side by side: the phone
 * searches were the ones within reach of the target (bench/README.md).
 */

export const CLIENT_WORDS = 'client_words';
export const CLIENT_PHONE_SEARCH = 'client_phone_search';
/** The index before words had their own table (one row per client): dropped. */
const LEGACY_CLIENT_SEARCH = 'client_search';
/** The longest word stored, in characters: a longer word is stored cut (its prefixes up to that length still match). */
export const MAX_WORD = 64;

/** The 4-digit windows of phone digits, each once: what MariaDB's FULLTEXT indexes for a phone. */
export function digitGrams(digits: string): string[] {
  const grams = new Set<string>();
  for (let i = 0; i + MIN_PHONE_DIGITS <= digits.length; i++) grams.add(digits.slice(i, i + MIN_PHONE_DIGITS));
  return [...grams];
}

/** A word as stored: at most MAX_WORD characters. */
export function storedWord(word: string): string {
  const points = Array.from(word);
  return points.length > MAX_WORD ? points.slice(0, MAX_WORD).join('') : word;
}

export interface ClientWordRow {
  word: string;
  client_id: number;
  /** 1 when the word is in the client's name. */
  in_name: number;
}

/** A client's rows of `client_words`: each word once, in the name when it is there. */
export function clientWordRows(clientId: number, doc: ClientSearchDocument): ClientWordRow[] {
  const rows = new Map<string, ClientWordRow>();
  for (const w of doc.name) rows.set(storedWord(w), { word: storedWord(w), client_id: clientId, in_name: 1 });
  for (const w of doc.other) if (!rows.has(storedWord(w))) rows.set(storedWord(w), { word: storedWord(w), client_id: clientId, in_name: 0 });
  return [...rows.values()];
}

/** A client's rows of `client_name_pairs` (client-name-pairs.ts). */
export function clientNamePairRows(clientId: number, doc: ClientSearchDocument): { pair: string; client_id: number }[] {
  return namePairRows(clientId, doc, storedWord);
}

/** The MariaDB phone row: the phones' 4-grams, and the digits for the substring check. */
export function mysqlPhoneRow(doc: ClientSearchDocument): { phones: string; phone_digits: string } {
  return { phones: [...new Set(doc.phones.flatMap(digitGrams))].join(' '), phone_digits: doc.phones.map((p) => ` ${p}`).join('').slice(0, 400) };
}

/** The statements that rewrite one client's rows on SQLite (prepared once by the SQLite lead store). */
export const SQLITE_SEARCH_SQL = {
  deleteWords: `delete from ${CLIENT_WORDS} where client_id = ?`,
  insertWord: `insert into ${CLIENT_WORDS} (word, client_id, in_name) values (?, ?, ?)`,
  deletePairs: `delete from ${CLIENT_NAME_PAIRS} where client_id = ?`,
  insertPair: `insert into ${CLIENT_NAME_PAIRS} (pair, client_id) values (?, ?)`,
  deletePhones: `delete from ${CLIENT_PHONE_SEARCH} where rowid = ?`,
  insertPhones: `insert into ${CLIENT_PHONE_SEARCH} (rowid, phones) values (?, ?)`,
};

/** Writes (or rewrites) one client's rows of the index, inside the caller's transaction. */
export async function writeClientSearch(q: Queryable, clientId: number, doc: ClientSearchDocument): Promise<void> {
  await q(CLIENT_WORDS).where('client_id', clientId).delete();
  const words = clientWordRows(clientId, doc);
  if (words.length) await q(CLIENT_WORDS).insert(words);
  await writeNamePairs(q, clientId, clientNamePairRows(clientId, doc));
  if (isSqlite(q)) {
    await q.raw(SQLITE_SEARCH_SQL.deletePhones, [clientId]);
    await q.raw(SQLITE_SEARCH_SQL.insertPhones, [clientId, doc.phones.join(' ')]);
    return;
  }
  // Deleted and inserted, not updated: a row with a declared FTS_DOC_ID needs a new one whenever its words change.
  await q(CLIENT_PHONE_SEARCH).where('client_id', clientId).delete();
  await q(CLIENT_PHONE_SEARCH).insert({ client_id: clientId, ...mysqlPhoneRow(doc) });
}

/**
 * Rewrites one client's index rows from what the database holds now (name, organization, address, phones,
 * e-mails), inside the caller's transaction: what a write that changes a client's data or contacts by other means
 * (a merge of two clients) calls for the client it keeps. A client that no longer exists loses its rows.
 */
export async function reindexClient(q: Queryable, clientId: number): Promise<void> {
  const row = await q('clients').where('id', clientId).first<{ full_name: string | null; organization: string | null; address: string | null } | undefined>('full_name', 'organization', 'address');
  if (!row) return removeClientSearch(q, clientId);
  const [phones, emails] = await Promise.all([
    q('client_phones').where('client_id', clientId).orderBy('id').pluck('phone') as Promise<string[]>,
    q('client_emails').where('client_id', clientId).orderBy('id').pluck('email') as Promise<string[]>,
  ]);
  await writeClientSearch(q, clientId, clientSearchDocument({ fullName: row.full_name, organization: row.organization, address: row.address, phones, emails }));
}

/** Removes a client's rows from the index (a client merged into another, deleted). */
export async function removeClientSearch(q: Queryable, clientId: number): Promise<void> {
  await q(CLIENT_WORDS).where('client_id', clientId).delete();
  await writeNamePairs(q, clientId, []);
  if (isSqlite(q)) await q.raw(`delete from ${CLIENT_PHONE_SEARCH} where rowid = ?`, [clientId]);
  else await q(CLIENT_PHONE_SEARCH).where('client_id', clientId).delete();
}

const PHONE_FULLTEXT = 'client_phone_search_phones';

/** Creates the index's tables that are missing (no rows) and drops the one-row-per-client table words had before. */
export async function createClientSearch(knex: Knex): Promise<void> {
  const sqlite = isSqlite(knex);
  if (sqlite) await knex.raw(`drop table if exists ${LEGACY_CLIENT_SEARCH}`);
  else await knex.schema.dropTableIfExists(LEGACY_CLIENT_SEARCH);
  if (!(await knex.schema.hasTable(CLIENT_WORDS))) {
    if (sqlite) {
      await knex.raw(`create table ${CLIENT_WORDS} (word text not null, client_id integer not null, in_name integer not null, primary key (word, client_id)) without rowid`);
    } else {
      await knex.raw(`create table ${CLIENT_WORDS} (
        word varchar(${MAX_WORD}) character set utf8mb4 collate utf8mb4_bin not null,
        client_id int unsigned not null,
        in_name tinyint not null,
        primary key (word, client_id)
      ) engine = InnoDB`);
    }
    await knex.raw(`create index client_words_client on ${CLIENT_WORDS} (client_id, word, in_name)`);
  }
  await createNamePairs(knex, MAX_WORD);
  if (await knex.schema.hasTable(CLIENT_PHONE_SEARCH)) return;
  if (sqlite) {
    await knex.raw(`create virtual table ${CLIENT_PHONE_SEARCH} using fts5(phones, tokenize = 'trigram', content = '', contentless_delete = 1)`);
    return;
  }
  await knex.raw(`create table ${CLIENT_PHONE_SEARCH} (
    client_id int unsigned not null primary key,
    FTS_DOC_ID bigint unsigned not null auto_increment,
    phones text not null,
    phone_digits varchar(400) not null,
    unique key FTS_DOC_ID_INDEX (FTS_DOC_ID),
    fulltext key ${PHONE_FULLTEXT} (phones)
  ) engine = InnoDB default charset = utf8mb4 collate = utf8mb4_unicode_ci`);
}
const BATCH = 2000;
/** Where a rebuild gathers the words before they go into client_words in order. */
const WORDS_LOAD = 'client_words_load';

/**
 * Fills the index from the clients and their contacts, in batches by id (the migrations and the list bench use it);
 * creates its tables first when missing. On MariaDB the phones' FULLTEXT index is dropped first and built once at
 * the end with InnoDB's stopword list off: building it over a full table is far faster than row by row.
 */
export async function rebuildClientSearch(knex: Knex): Promise<void> {
  await createClientSearch(knex);
  const sqlite = isSqlite(knex);
  if (!sqlite) {
    const existing = (await knex.raw(`show index from ${CLIENT_PHONE_SEARCH} where Index_type = 'FULLTEXT'`)) as [{ Key_name: string }[]];
    for (const name of new Set(existing[0].map((r) => r.Key_name))) await knex.raw(`alter table ${CLIENT_PHONE_SEARCH} drop index \`${name}\``);
  }
  // Words go to a keyless table first, then into client_words sorted by its primary key, and the second index is
  // built last: a B-tree filled in its own order and an index built by one sort are far cheaper than rows arriving
  // in client order (4 million rows at a million leads).
  await knex(CLIENT_WORDS).delete();
  await knex(CLIENT_PHONE_SEARCH).delete();
  for (const index of ['client_words_client', CLIENT_WORDS_BY_PLACE]) {
    if (sqlite) await knex.raw(`drop index if exists ${index}`);
    else if (((await knex.raw(`show index from ${CLIENT_WORDS} where Key_name = ?`, [index])) as [unknown[]])[0].length) await knex.raw(`alter table ${CLIENT_WORDS} drop index ${index}`);
  }
  await knex.schema.dropTableIfExists(WORDS_LOAD);
  await knex.raw(sqlite ? `create table ${WORDS_LOAD} (word text not null, client_id integer not null, in_name integer not null)` : `create table ${WORDS_LOAD} (word varchar(${MAX_WORD}) character set utf8mb4 collate utf8mb4_bin not null, client_id int unsigned not null, in_name tinyint not null) engine = InnoDB`);
  for (let after = 0; ; ) {
    const clients = await knex('clients').where('id', '>', after).orderBy('id').limit(BATCH).select<{ id: number; full_name: string | null; organization: string | null; address: string | null }[]>('id', 'full_name', 'organization', 'address');
    if (clients.length === 0) break;
    const first = Number(clients[0].id);
    const last = Number(clients[clients.length - 1].id);
    const contacts = new Map<number, { phones: string[]; emails: string[] }>(clients.map((c) => [Number(c.id), { phones: [], emails: [] }]));
    for (const p of await knex('client_phones').whereBetween('client_id', [first, last]).orderBy('id').select<{ client_id: number; phone: string }[]>('client_id', 'phone')) contacts.get(Number(p.client_id))?.phones.push(p.phone);
    for (const e of await knex('client_emails').whereBetween('client_id', [first, last]).orderBy('id').select<{ client_id: number; email: string }[]>('client_id', 'email')) contacts.get(Number(e.client_id))?.emails.push(e.email);
    const docs = clients.map((c) => ({ id: Number(c.id), doc: clientSearchDocument({ fullName: c.full_name, organization: c.organization, address: c.address, ...contacts.get(Number(c.id))! }) }));
    const words = docs.flatMap((d) => clientWordRows(d.id, d.doc));
    // Plain multi-row VALUES (SQLite allows 32,766 bindings a statement; knex would write a compound SELECT).
    for (let i = 0; i < words.length; i += 2000) {
      const chunk = words.slice(i, i + 2000);
      await knex.raw(`insert into ${WORDS_LOAD} (word, client_id, in_name) values ${chunk.map(() => '(?, ?, ?)').join(', ')}`, chunk.flatMap((w) => [w.word, w.client_id, w.in_name]));
    }
    if (sqlite) {
      for (let i = 0; i < docs.length; i += 500) {
        const chunk = docs.slice(i, i + 500);
        await knex.raw(`insert into ${CLIENT_PHONE_SEARCH} (rowid, phones) values ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flatMap((d) => [d.id, d.doc.phones.join(' ')]));
      }
    } else {
      await knex(CLIENT_PHONE_SEARCH).insert(docs.map((d) => ({ client_id: d.id, ...mysqlPhoneRow(d.doc) })));
    }
    after = last;
  }
  await knex.raw(`insert into ${CLIENT_WORDS} (word, client_id, in_name) select word, client_id, in_name from ${WORDS_LOAD} order by word, client_id`);
  await knex.schema.dropTable(WORDS_LOAD);
  await knex.raw(`create index client_words_client on ${CLIENT_WORDS} (client_id, word, in_name)`);
  await rebuildNamePairs(knex, MAX_WORD);
  if (!sqlite) await withConnection(knex, async (tx) => {
    await tx.raw('set session innodb_ft_enable_stopword = 0');
    await tx.raw(`alter table ${CLIENT_PHONE_SEARCH} add fulltext index client_phone_search_phones (phones)`);
  });
}

/** Runs `fn` on one connection: the session setting and the ALTER that reads it must share it. */
async function withConnection(knex: Knex, fn: (q: Queryable) => Promise<void>): Promise<void> {
  if ((knex as Knex.Transaction).isTransaction) return fn(knex);
  await knex.transaction(fn);
}

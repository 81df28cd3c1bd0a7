import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { clientSearchDocument, MIN_PHONE_DIGITS, type ClientSearchDocument } from './client-search-text.js';

/**
 * The client search index, one row per client, written in the same transaction as the client and its contacts.
 *
 * SQLite: two contentless FTS5 tables keyed by client id. Words in `client_search` with the `unicode61` tokenizer
 * and prefix indexes for 2 and 3 letters (`"иван"*`: word prefixes); phone digits in `client_phone_search` with the
 * `trigram` tokenizer (`"4832719"`: any substring of 3 or more). Words are not in the trigram table: a word prefix as
 * a trigram phrase reads the lists of trigrams common in Russian names (`ова`, `ван`) — 150–500 ms at a million
 * leads — where a prefix of the word index reads only the matching words' lists.
 *
 * MariaDB/MySQL: InnoDB FULLTEXT on the name and on all words (boolean mode, `+иван*`: word prefixes; two-letter
 * words padded with `_`, a word character, to reach InnoDB's shortest indexed word). MariaDB has
 * no n-gram parser (MySQL's `ngram` plugin is MySQL-only), and a side table of n-grams would be one row per gram
 * (tens of millions at a million clients); instead every 4-digit window of each phone is written as a word into a
 * third FULLTEXT column: a typed run of ≥ 4 digits holds only 4-grams its phone holds, so the AND of its 4-grams
 * finds every candidate through the index, and a LIKE on the few candidates' digits keeps only real substrings.
 *
 * Measured at a million leads (800k clients): InnoDB answers a common prefix (`+иванов*`, 20k clients) in 1.5 s and
 * `+королев* +ксения*` in 0.4 s, far from the list's 50 ms. The next step on MariaDB is a B-tree table of
 * (word, client_id, in_name) read by prefix range (`word like 'иванов%'`), keeping FULLTEXT only for the phone grams.
 */

export const CLIENT_SEARCH = 'client_search';
/** SQLite only: the phones' digits, trigram-indexed. */
export const CLIENT_PHONE_SEARCH = 'client_phone_search';

/** The 4-digit windows of phone digits, each once: what MariaDB's FULLTEXT indexes for a phone. */
export function digitGrams(digits: string): string[] {
  const grams = new Set<string>();
  for (let i = 0; i + MIN_PHONE_DIGITS <= digits.length; i++) grams.add(digits.slice(i, i + MIN_PHONE_DIGITS));
  return [...grams];
}

/** The SQLite rows: words separated by spaces, phone digits separated by spaces. */
export function sqliteSearchRow(doc: ClientSearchDocument): { name: string; other: string; phones: string } {
  return { name: doc.name.join(' '), other: doc.other.join(' '), phones: doc.phones.join(' ') };
}

/** The statements that rewrite one client's rows on SQLite: `?` is the client id, then the row's values. */
export const SQLITE_SEARCH_SQL = {
  deleteWords: `delete from ${CLIENT_SEARCH} where rowid = ?`,
  insertWords: `insert into ${CLIENT_SEARCH} (rowid, name, other) values (?, ?, ?)`,
  deletePhones: `delete from ${CLIENT_PHONE_SEARCH} where rowid = ?`,
  insertPhones: `insert into ${CLIENT_PHONE_SEARCH} (rowid, phones) values (?, ?)`,
};

/** InnoDB skips words shorter than `innodb_ft_min_token_size` (3): a two-letter word (`17`, `ул`) is written padded. */
const padded = (words: string[]) => words.map((w) => (w.length < 3 ? `${w}__` : w)).join(' ');

/** The MariaDB row: words as FULLTEXT splits them, the phones' 4-grams, and the digits for the substring check. */
export function mysqlSearchRow(doc: ClientSearchDocument): { name: string; other: string; phones: string; phone_digits: string } {
  return {
    name: padded(doc.name),
    other: padded(doc.other),
    phones: [...new Set(doc.phones.flatMap(digitGrams))].join(' '),
    phone_digits: doc.phones.map((p) => ` ${p}`).join('').slice(0, 400),
  };
}

/** Writes (or rewrites) one client's row of the index, inside the caller's transaction. */
export async function writeClientSearch(q: Queryable, clientId: number, doc: ClientSearchDocument): Promise<void> {
  if (isSqlite(q)) {
    const row = sqliteSearchRow(doc);
    await q.raw(SQLITE_SEARCH_SQL.deleteWords, [clientId]);
    await q.raw(SQLITE_SEARCH_SQL.insertWords, [clientId, row.name, row.other]);
    await q.raw(SQLITE_SEARCH_SQL.deletePhones, [clientId]);
    await q.raw(SQLITE_SEARCH_SQL.insertPhones, [clientId, row.phones]);
    return;
  }
  // Deleted and inserted, not updated: a row with a declared FTS_DOC_ID needs a new one whenever its words change.
  await q(CLIENT_SEARCH).where('client_id', clientId).delete();
  await q(CLIENT_SEARCH).insert({ client_id: clientId, ...mysqlSearchRow(doc) });
}

/** Reads a client's name, organization, address and contacts from the database and rewrites its index row. */
export async function reindexClient(q: Queryable, clientId: number): Promise<void> {
  const row = await q('clients').where('id', clientId).first<{ full_name: string | null; organization: string | null; address: string | null } | undefined>('full_name', 'organization', 'address');
  if (!row) return;
  const [phones, emails] = await Promise.all([
    q('client_phones').where('client_id', clientId).orderBy('id').pluck('phone') as Promise<string[]>,
    q('client_emails').where('client_id', clientId).orderBy('id').pluck('email') as Promise<string[]>,
  ]);
  await writeClientSearch(q, clientId, clientSearchDocument({ fullName: row.full_name, organization: row.organization, address: row.address, phones, emails }));
}

const MYSQL_FULLTEXT = [
  ['client_search_name', 'name'],
  ['client_search_words', 'name, other'],
  ['client_search_phones', 'phones'],
] as const;

/** Creates the index's table (no rows). */
export async function createClientSearch(knex: Knex): Promise<void> {
  if (isSqlite(knex)) {
    await knex.raw(`create virtual table ${CLIENT_SEARCH} using fts5(name, other, tokenize = "unicode61 tokenchars '_'", prefix = '2 3', content = '', contentless_delete = 1)`);
    await knex.raw(`create virtual table ${CLIENT_PHONE_SEARCH} using fts5(phones, tokenize = 'trigram', content = '', contentless_delete = 1)`);
    return;
  }
  await knex.raw(`create table ${CLIENT_SEARCH} (
    client_id int unsigned not null primary key,
    FTS_DOC_ID bigint unsigned not null auto_increment,
    name varchar(1000) not null,
    other text not null,
    phones text not null,
    phone_digits varchar(400) not null,
    unique key FTS_DOC_ID_INDEX (FTS_DOC_ID)
  ) engine = InnoDB default charset = utf8mb4 collate = utf8mb4_unicode_ci`);
}

const BATCH = 2000;

/**
 * Fills the index from the clients and their contacts, in batches by id (the migration and the list bench use it).
 * On MariaDB the FULLTEXT indexes are dropped first and built once at the end, with InnoDB's stopword list off
 * (it would skip `com`, `the`, `und`…): building them over full tables is far faster than row by row.
 */
export async function rebuildClientSearch(knex: Knex): Promise<void> {
  const sqlite = isSqlite(knex);
  if (!sqlite) {
    const existing = (await knex.raw(`show index from ${CLIENT_SEARCH} where Index_type = 'FULLTEXT'`)) as [{ Key_name: string }[]];
    for (const name of new Set(existing[0].map((r) => r.Key_name))) await knex.raw(`alter table ${CLIENT_SEARCH} drop index \`${name}\``);
  }
  await knex(CLIENT_SEARCH).delete();
  if (sqlite) await knex(CLIENT_PHONE_SEARCH).delete();
  for (let after = 0; ; ) {
    const clients = await knex('clients').where('id', '>', after).orderBy('id').limit(BATCH).select<{ id: number; full_name: string | null; organization: string | null; address: string | null }[]>('id', 'full_name', 'organization', 'address');
    if (clients.length === 0) break;
    const first = Number(clients[0].id);
    const last = Number(clients[clients.length - 1].id);
    const contacts = new Map<number, { phones: string[]; emails: string[] }>(clients.map((c) => [Number(c.id), { phones: [], emails: [] }]));
    for (const p of await knex('client_phones').whereBetween('client_id', [first, last]).orderBy('id').select<{ client_id: number; phone: string }[]>('client_id', 'phone')) contacts.get(Number(p.client_id))?.phones.push(p.phone);
    for (const e of await knex('client_emails').whereBetween('client_id', [first, last]).orderBy('id').select<{ client_id: number; email: string }[]>('client_id', 'email')) contacts.get(Number(e.client_id))?.emails.push(e.email);
    const docs = clients.map((c) => ({ id: Number(c.id), doc: clientSearchDocument({ fullName: c.full_name, organization: c.organization, address: c.address, ...contacts.get(Number(c.id))! }) }));
    if (sqlite) {
      for (let i = 0; i < docs.length; i += 250) {
        const chunk = docs.slice(i, i + 250);
        const rows = chunk.map((d) => ({ id: d.id, ...sqliteSearchRow(d.doc) }));
        const values = (n: number) => rows.map(() => `(${Array(n).fill('?').join(', ')})`).join(', ');
        await knex.raw(`insert into ${CLIENT_SEARCH} (rowid, name, other) values ${values(3)}`, rows.flatMap((r) => [r.id, r.name, r.other]));
        await knex.raw(`insert into ${CLIENT_PHONE_SEARCH} (rowid, phones) values ${values(2)}`, rows.flatMap((r) => [r.id, r.phones]));
      }
    } else {
      await knex(CLIENT_SEARCH).insert(docs.map((d) => ({ client_id: d.id, ...mysqlSearchRow(d.doc) })));
    }
    after = last;
  }
  if (!sqlite) await withConnection(knex, async (tx) => {
    await tx.raw('set session innodb_ft_enable_stopword = 0');
    // InnoDB builds one FULLTEXT index per statement.
    for (const [name, cols] of MYSQL_FULLTEXT) await tx.raw(`alter table ${CLIENT_SEARCH} add fulltext index ${name} (${cols})`);
  });
}

/** Runs `fn` on one connection: the session setting and the ALTER that reads it must share it. */
async function withConnection(knex: Knex, fn: (q: Queryable) => Promise<void>): Promise<void> {
  if ((knex as Knex.Transaction).isTransaction) return fn(knex);
  await knex.transaction(fn);
}

import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { selectKeepingExists } from '../../db/keep-exists.js';
import type { ClientSearchDocument } from './client-search-text.js';
import { matchesWords, prefixRange } from './client-words.js';

/**
 * Name pairs: `client_name_pairs (pair, client_id)`, one row for every ordered pair of two different words of a
 * client's name, `иванов ксения` and `ксения иванов` (a name of n words: n·(n−1) rows, two for most). Why: a name
 * search of two common words (a surname in 20 thousand clients, a first name in 40 thousand at a million leads)
 * read both words' whole ranges of `client_words` to intersect them; here "this name word, then a name word
 * starting with what is typed next" is one key range holding just the clients that have both (about a thousand).
 *
 * Every typed word is a prefix, the first too: the stored name words it starts are listed first (a skip over the
 * `(in_name, word)` index of `client_words`, one seek each — `королёв` → `королев`, `королева`), each giving a range.
 * When a typed word starts too many name words (`ив`), or one typed word starts another (`иван иванов`: one stored
 * word could match both, which pairs of two different words do not hold), the search reads `client_words` as before.
 *
 * The same index gives a search's "other" matches (every word somewhere, not all in the name) from the few clients
 * that have a typed word outside their name (`in_name = 0` ranges), each checked for the other words with a seek.
 */

export const CLIENT_NAME_PAIRS = 'client_name_pairs';
/** The index of `client_words` by (in_name, word): name words apart from the rest. */
export const CLIENT_WORDS_BY_PLACE = 'client_words_place';

/** At most this many stored name words starting with a typed word are read as ranges of pairs. */
const MAX_HEADS = 8;

/** The pair rows of a client's name words (stored words, each once). */
export function namePairRows(clientId: number, doc: Pick<ClientSearchDocument, 'name'>, stored: (w: string) => string): { pair: string; client_id: number }[] {
  const words = [...new Set(doc.name.map(stored))];
  return words.flatMap((a) => words.filter((b) => b !== a).map((b) => ({ pair: `${a} ${b}`, client_id: clientId })));
}

/** Rewrites one client's pairs inside the caller's transaction (no rows: only removes them). */
export async function writeNamePairs(q: Queryable, clientId: number, rows: { pair: string; client_id: number }[]): Promise<void> {
  await q(CLIENT_NAME_PAIRS).where('client_id', clientId).delete();
  if (rows.length) await q(CLIENT_NAME_PAIRS).insert(rows);
}

/** Creates the pairs' table and the (in_name, word) index when missing. */
export async function createNamePairs(knex: Knex, maxWord: number): Promise<void> {
  const sqlite = isSqlite(knex);
  if (!(await knex.schema.hasTable(CLIENT_NAME_PAIRS))) {
    if (sqlite) await knex.raw(`create table ${CLIENT_NAME_PAIRS} (pair text not null, client_id integer not null, primary key (pair, client_id)) without rowid`);
    else await knex.raw(`create table ${CLIENT_NAME_PAIRS} (pair varchar(${2 * maxWord + 1}) character set utf8mb4 collate utf8mb4_bin not null, client_id int unsigned not null, primary key (pair, client_id)) engine = InnoDB`);
    await knex.raw(`create index ${CLIENT_NAME_PAIRS}_client on ${CLIENT_NAME_PAIRS} (client_id)`);
  }
  const has = sqlite
    ? ((await knex.raw(`select 1 from sqlite_master where type = 'index' and name = ?`, [CLIENT_WORDS_BY_PLACE])) as unknown[]).length > 0
    : ((await knex.raw(`show index from client_words where Key_name = ?`, [CLIENT_WORDS_BY_PLACE])) as [unknown[]])[0].length > 0;
  if (!has) await knex.raw(`create index ${CLIENT_WORDS_BY_PLACE} on client_words (in_name, word)`);
}

/** Fills the pairs from `client_words`' name words (in the database, one statement), after emptying them. */
export async function rebuildNamePairs(knex: Knex, maxWord: number): Promise<void> {
  await createNamePairs(knex, maxWord);
  await knex(CLIENT_NAME_PAIRS).delete();
  const joined = isSqlite(knex) ? `a.word || ' ' || b.word` : `concat(a.word, ' ', b.word)`;
  await knex.raw(`insert into ${CLIENT_NAME_PAIRS} (pair, client_id)
    select ${joined}, a.client_id from client_words a join client_words b on b.client_id = a.client_id and b.in_name = 1 and b.word <> a.word
    where a.in_name = 1 order by 1, 2`);
}

/** The stored name words starting with `word`, in order; null when there are more than MAX_HEADS. */
async function nameWordsStarting(db: Queryable, word: string): Promise<string[] | null> {
  const [from, to] = prefixRange(word);
  const found: string[] = [];
  for (let after: string | null = null; found.length <= MAX_HEADS; ) {
    const next = byPlace(db).where('in_name', 1).andWhere('word', '<', to).orderBy([{ column: 'in_name' }, { column: 'word' }]).first<{ word: string } | undefined>('word');
    void (after === null ? next.andWhere('word', '>=', from) : next.andWhere('word', '>', after));
    const row = await next;
    if (!row) return found;
    found.push(row.word);
    after = row.word;
  }
  return null;
}

/**
 * The clients whose name has every typed word (each a prefix), through the pairs: their ids, 'many' when more than
 * `max`, null when the pairs do not serve these words.
 */
export async function namePairClients(db: Queryable, words: string[], max: number): Promise<number[] | 'many' | null> {
  if (words.length < 2 || words.some((a, i) => words.some((b, j) => i !== j && b.startsWith(a)))) return null;
  let [head, tail] = words;
  let heads = await nameWordsStarting(db, head);
  if (heads === null) {
    [head, tail] = [tail, head];
    heads = await nameWordsStarting(db, head);
    if (heads === null) return null;
  }
  if (heads.length === 0) return [];
  const [tailFrom, tailTo] = prefixRange(tail);
  const qb = db.from(`${CLIENT_NAME_PAIRS} as p`).select('p.client_id as id').where((w) => {
    for (const h of heads) void w.orWhere((r) => void r.where('p.pair', '>=', `${h} ${tailFrom}`).andWhere('p.pair', '<', `${h} ${tailTo}`));
  });
  const extra = words.filter((w) => w !== head && w !== tail);
  if (extra.length) {
    const more = matchesWords('p.client_id', extra, 'name');
    void qb.whereRaw(more.sql, more.bindings);
  }
  const rows = await selectKeepingExists<{ id: number }>(db, qb.limit(max + 1));
  return rows.length > max ? 'many' : [...new Set(rows.map((r) => Number(r.id)))];
}

/**
 * The clients with every typed word somewhere but not all in the name, from those with a typed word outside their
 * name (each once); null when a typed word has more than `maxRows` such rows (the caller reads client_words as before).
 */
export async function otherPlaceClients(db: Queryable, words: string[], maxRows: number): Promise<number[] | null> {
  const candidates = new Set<number>();
  for (const w of words) {
    const [from, to] = prefixRange(w);
    const rows = (await byPlace(db).where('in_name', 0).andWhere('word', '>=', from).andWhere('word', '<', to).limit(maxRows + 1).pluck('client_id')) as number[];
    if (rows.length > maxRows) return null;
    for (const id of rows) candidates.add(Number(id));
  }
  if (candidates.size === 0) return [];
  const match = matchesWords('clients.id', words, 'other');
  const rows = await selectKeepingExists<{ id: number }>(db, db('clients').select('clients.id').whereIn('clients.id', [...candidates]).whereRaw(match.sql, match.bindings));
  return rows.map((r) => Number(r.id));
}

/** `client_words` read through its (in_name, word) index, named: neither database is left to pick another. */
function byPlace(db: Queryable): Knex.QueryBuilder {
  return db.from(db.raw(isSqlite(db) ? `client_words indexed by ${CLIENT_WORDS_BY_PLACE}` : `client_words force index (${CLIENT_WORDS_BY_PLACE})`));
}

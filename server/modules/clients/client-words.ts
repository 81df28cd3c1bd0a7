import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { CLIENT_WORDS, storedWord } from './client-search.repo.js';

/**
 * Reading `client_words` (client-search.repo.ts): which clients have a word starting with each typed word. Every
 * typed word must match; `name` wants every one in the client's name, `other` all of them somewhere but not all in
 * the name.
 */
export type WordScope = 'name' | 'any' | 'other';

/** A piece of SQL and its bindings. */
export interface Sql {
  sql: string;
  bindings: string[];
}

/** The stored words a typed word starts: `[from, to)` in code-point order, `иванов` → [`иванов`, `иваноз`). */
export function prefixRange(word: string): [string, string] {
  const points = Array.from(storedWord(word));
  const last = points.pop()!;
  const head = points.join('');
  return [head + last, head + String.fromCodePoint(last.codePointAt(0)! + 1)];
}

const and = (parts: Sql[]): Sql => ({ sql: parts.map((p) => p.sql).join(' and '), bindings: parts.flatMap((p) => p.bindings) });

/**
 * True when the client in `column` has a word starting with `word` (in its name when `nameOnly`): one seek in
 * (client_id, word). `+in_name` keeps SQLite from reading the (in_name, word) index's whole range instead.
 */
function hasWord(column: string, word: string, nameOnly: boolean): Sql {
  return { sql: `exists (select 1 from ${CLIENT_WORDS} cw where cw.client_id = ${column} and cw.word >= ? and cw.word < ?${nameOnly ? ' and +cw.in_name = 1' : ''})`, bindings: prefixRange(word) };
}

/** True when the client in `column` matches every word in the scope: a few seeks per row, to check rows walked in another order. */
export function matchesWords(column: string, words: string[], scope: WordScope): Sql {
  if (scope !== 'other') return and(words.map((w) => hasWord(column, w, scope === 'name')));
  const named = and(words.map((w) => hasWord(column, w, true)));
  return and([and(words.map((w) => hasWord(column, w, false))), { sql: `not (${named.sql})`, bindings: named.bindings }]);
}

/**
 * The clients of a scope as a query of `id` (and with `withNamed`, `named`: 1 when every word is in the name).
 * One word: its range, newest client first. Several, the `driver` (the rarest typed word) with few rows: its range,
 * each row's client checked for the other words with a seek each (a rare surname with a common first name reads
 * the surname's few rows, not the first name's tens of thousands). Several, all common: the clients of `driver`
 * are read into a list (`client_id in (…)`), another word's range is read in key order and each of its rows looked
 * up in the list, and any further words are checked per client. At 300k leads on SQLite a name pair takes 5 ms so, 13–20 ms
 * as a seek into (client_id, word) per driving row, 37 ms as a correlated EXISTS. A client whose several words
 * start with a typed word comes once per word: callers keep each id once.
 */
export function wordMatches(db: Queryable, words: string[], scope: WordScope, driving: { word: string; few: boolean }, withNamed = false): Knex.QueryBuilder {
  const driver = driving.word;
  const nameOnly = scope === 'name';
  const inRange = (qb: Knex.QueryBuilder, alias: string, word: string) => {
    const [from, to] = prefixRange(word);
    void qb.where(`${alias}.word`, '>=', from).andWhere(`${alias}.word`, '<', to);
    if (nameOnly) void qb.andWhere(`${alias}.in_name`, 1);
    return qb;
  };
  const rest = words.filter((w) => w !== driver);
  // A rare driver (few rows): its range alone, the others checked per row below.
  const seek = driving.few && rest.length > 0;
  const qb = inRange(db.from(`${CLIENT_WORDS} as w`).select('w.client_id as id'), 'w', seek ? driver : (rest[0] ?? driver));
  if (withNamed) {
    const named = matchesWords('w.client_id', words, 'name');
    void qb.select(db.raw(`case when ${named.sql} then 1 else 0 end as named`, named.bindings));
  }
  if (seek) {
    const others = matchesWords('w.client_id', rest, nameOnly ? 'name' : 'any');
    void qb.whereRaw(others.sql, others.bindings);
  } else if (rest.length === 0) {
    void qb.orderBy([
      { column: 'w.word', order: 'desc' },
      { column: 'w.client_id', order: 'desc' },
    ]);
  } else {
    // SQLite: `+` keeps it from seeking (client_id, word) once per driving row; it scans the other word's range in
    // key order and probes the driver's list, kept in memory (3–4× faster for a name pair). MariaDB does so by itself.
    const rarest = inRange(db.from(`${CLIENT_WORDS} as d`).select('d.client_id'), 'd', driver);
    void (isSqlite(db) ? qb.whereRaw('+w.client_id in ?', [rarest]) : qb.whereIn('w.client_id', rarest));
  }
  if (!seek && rest.length > 1) {
    const others = matchesWords('w.client_id', rest.slice(1), nameOnly ? 'name' : 'any');
    void qb.whereRaw(others.sql, others.bindings);
  }
  if (scope === 'other') {
    const all = matchesWords('w.client_id', words, 'name');
    void qb.whereRaw(`not (${all.sql})`, all.bindings);
  }
  return qb;
}

/**
 * How many rows of `client_words` each typed word's range holds (only those in a name, `inName` 1, or elsewhere, 0),
 * counted up to `cap` each when given (a range is read in the primary key, no seeks): the rarest word drives a
 * search, a count past a list's length says "many" before the list is read, and the counts scale an estimated total.
 */
export async function wordCounts(db: Queryable, words: string[], cap?: number, inName?: 0 | 1): Promise<Map<string, number>> {
  const where = `word >= ? and word < ?${inName === undefined ? '' : ` and in_name = ${inName}`}`;
  const parts = words.map((_w, i) => (cap === undefined ? `(select count(*) from ${CLIENT_WORDS} where ${where}) as c${i}` : `(select count(*) from (select 1 as one from ${CLIENT_WORDS} where ${where} limit ${cap}) r${i}) as c${i}`));
  const rows = (await db.select(db.raw(parts.join(', '), words.flatMap(prefixRange)))) as Record<string, number | string>[];
  return new Map(words.map((w, i) => [w, Number(rows[0][`c${i}`])]));
}

import type { Knex } from 'knex';
import type { Queryable } from '../../db/knex.js';
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

/** True when the client in `column` has a word starting with `word` (in its name when `nameOnly`): one seek in (client_id, word). */
function hasWord(column: string, word: string, nameOnly: boolean): Sql {
  return { sql: `exists (select 1 from ${CLIENT_WORDS} cw where cw.client_id = ${column} and cw.word >= ? and cw.word < ?${nameOnly ? ' and cw.in_name = 1' : ''})`, bindings: prefixRange(word) };
}

/** True when the client in `column` matches every word in the scope: a few seeks per row, to check rows walked in another order. */
export function matchesWords(column: string, words: string[], scope: WordScope): Sql {
  if (scope !== 'other') return and(words.map((w) => hasWord(column, w, scope === 'name')));
  const named = and(words.map((w) => hasWord(column, w, true)));
  return and([and(words.map((w) => hasWord(column, w, false))), { sql: `not (${named.sql})`, bindings: named.bindings }]);
}

/**
 * The clients of a scope as a query of `id` (and with `withNamed`, `named`: 1 when every word is in the name), read from the range of
 * `driver` (the rarest typed word: fewest rows read) newest client first, each other word checked per client. A
 * client whose several words start with the driver comes once per word: callers keep each id once.
 */
export function wordMatches(db: Queryable, words: string[], scope: WordScope, driver: string, withNamed = false): Knex.QueryBuilder {
  const [from, to] = prefixRange(driver);
  const named = matchesWords('w.client_id', words, 'name');
  const qb = db.from(`${CLIENT_WORDS} as w`).select('w.client_id as id');
  if (withNamed) void qb.select(db.raw(`case when ${named.sql} then 1 else 0 end as named`, named.bindings));
  void qb
    .where('w.word', '>=', from)
    .andWhere('w.word', '<', to)
    .orderBy([
      { column: 'w.word', order: 'desc' },
      { column: 'w.client_id', order: 'desc' },
    ]);
  if (scope === 'name') void qb.andWhere('w.in_name', 1);
  const rest = words.filter((w) => w !== driver);
  if (rest.length) {
    const others = matchesWords('w.client_id', rest, scope === 'name' ? 'name' : 'any');
    void qb.whereRaw(others.sql, others.bindings);
  }
  if (scope === 'other') {
    const all = matchesWords('w.client_id', words, 'name');
    void qb.whereRaw(`not (${all.sql})`, all.bindings);
  }
  return qb;
}

/**
 * How many rows of `client_words` each typed word's range holds, counted up to `cap` each (a range is read in the
 * primary key, no seeks): the rarest word drives a search, and the counts scale an estimated total.
 */
export async function wordCounts(db: Queryable, words: string[], cap: number): Promise<Map<string, number>> {
  const parts = words.map((w, i) => `(select count(*) from (select 1 as one from ${CLIENT_WORDS} where word >= ? and word < ? limit ${cap}) r${i}) as c${i}`);
  const rows = (await db.select(db.raw(parts.join(', '), words.flatMap(prefixRange)))) as Record<string, number | string>[];
  return new Map(words.map((w, i) => [w, Number(rows[0][`c${i}`])]));
}

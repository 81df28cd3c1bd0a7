import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { selectKeepingExists } from '../../db/keep-exists.js';
import { CLIENT_PHONE_SEARCH } from './client-search.repo.js';
import { MIN_PHONE_DIGITS, type SearchQuery } from './client-search-text.js';
import { findClientIdByEmail, findClientIdByPhone } from './clients.repo.js';
import { wordCounts, wordMatches, type WordScope } from './client-words.js';

/**
 * Which clients a search finds: `name`, every word in the client's name; `any`, each word anywhere (name,
 * organization, e-mails, address), or for digits, in a phone; `other`, found by `any` but not by `name`.
 */
export type SearchScope = WordScope;

export type Searchable = Exclude<SearchQuery, { kind: 'none' }>;

export const wordTuning = {
  /** Up to this many rows in the rarest typed word's range, the other words are checked per row (a seek each). */
  seekOthersMax: 3000,
};

/** Where a multi-word search starts reading: the typed word with the fewest index rows, and whether it has few. */
export interface Driver {
  word: string;
  /** At most wordTuning.seekOthersMax rows: read it alone and check the other words per row, not intersect whole ranges. */
  few: boolean;
}

/**
 * The typed word with the fewest index rows, each counted up to wordTuning.seekOthersMax + 1 (a range of the primary key,
 * no seeks): a rare word drives the search and the others are checked per row; when every word is common, the
 * order matters little (each range is read whole) and the smallest count found drives.
 */
export async function rarestWord(db: Queryable, words: string[]): Promise<Driver> {
  if (words.length === 1) return { word: words[0], few: false };
  const counts = await wordCounts(db, words, wordTuning.seekOthersMax + 1);
  const word = words.reduce((best, w) => (counts.get(w)! < counts.get(best)! ? w : best));
  return { word, few: counts.get(word)! <= wordTuning.seekOthersMax };
}

/**
 * One column of client ids (`id`) the search index finds, as a subquery: the database keeps the list to itself.
 * Words are read from `driver`'s range (default: the first word; the rarest is cheapest, rarestWord).
 */
export function matchingClients(db: Queryable, query: Searchable, scope: SearchScope, driver?: Driver): Knex.QueryBuilder {
  if (query.kind === 'words') return wordMatches(db, query.words, scope, driver ?? { word: query.words[0], few: false });
  if (isSqlite(db)) {
    const digits = db.select(db.raw('rowid as id')).from(CLIENT_PHONE_SEARCH);
    if (scope === 'name') return digits.whereRaw('0 = 1');
    return digits.whereRaw(`${CLIENT_PHONE_SEARCH} match ?`, [query.digits.map((d) => `"${d}"`).join(' OR ')]);
  }
  const found = db.select('client_id as id').from(CLIENT_PHONE_SEARCH);
  if (scope === 'name') return found.whereRaw('0 = 1');
  // The typed digits' last 4-digit window through FULLTEXT, then the real substring among those few. The last
  // digits of a number are the rare ones: the first (country, operator: 7916…) are in most phones, and InnoDB
  // reads a word's whole list.
  const grams = [...new Set(query.digits.map((d) => d.slice(-MIN_PHONE_DIGITS)))].join(' ');
  return found.whereRaw('match(phones) against (? in boolean mode)', [grams]).where((w) => {
    for (const d of query.digits) void w.orWhere('phone_digits', 'like', `%${d}%`);
  });
}

/** The ids of the clients the search finds (at most `limit`, each once), newest client first for words. */
export async function searchClientIds(db: Queryable, query: SearchQuery, scope: SearchScope, limit?: number): Promise<number[]> {
  if (query.kind === 'none') return [];
  const found = matchingClients(db, query, scope, query.kind === 'words' ? await rarestWord(db, query.words) : undefined);
  if (limit !== undefined) void found.limit(limit);
  return [...new Set((await selectKeepingExists<{ id: number }>(db, found)).map((r) => Number(r.id)))];
}

/** The client whose phone (E.164) or e-mail is exactly what was typed: ranked first. Null when none is. */
export async function exactContactClientId(db: Queryable, query: SearchQuery): Promise<number | null> {
  if (query.kind === 'digits' && query.exactPhone) return findClientIdByPhone(db, query.exactPhone);
  if (query.kind === 'words' && query.exactEmail) return findClientIdByEmail(db, query.exactEmail);
  return null;
}

/**
 * Every client a typed search finds (the exact phone/e-mail and every index match), unranked: what a filter "matching
 * this search" keeps (exports). Null when the text has nothing to search by (no filter).
 */
export async function clientIdsMatching(db: Queryable, query: SearchQuery): Promise<number[] | null> {
  if (query.kind === 'none') return null;
  const exact = await exactContactClientId(db, query);
  const matching = await searchClientIds(db, query, 'any');
  return exact !== null && !matching.includes(exact) ? [exact, ...matching] : matching;
}

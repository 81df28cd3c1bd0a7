import { isSqlite, type Queryable } from '../../db/knex.js';
import { CLIENT_SEARCH } from './client-search.repo.js';
import { MIN_PHONE_DIGITS, type SearchQuery } from './client-search-text.js';
import { findClientIdByEmail, findClientIdByPhone } from './clients.repo.js';

/** Where a search's words must match: all in the client's name, or each anywhere (name, organization, e-mails, address). */
export type SearchScope = 'name' | 'any';

/**
 * The ids of the clients the search index finds (`scope` applies to words; digits search the phones), in no
 * particular order. Answers [] for a query with nothing to search by.
 */
export async function searchClientIds(db: Queryable, query: SearchQuery, scope: SearchScope): Promise<number[]> {
  if (query.kind === 'none') return [];
  if (isSqlite(db)) {
    const columns = scope === 'name' ? 'name' : '{name other}';
    // Each word after a space, as the index writes words: a trigram phrase that only matches at a word start.
    const expression =
      query.kind === 'words' ? query.words.map((w) => `${columns} : " ${w}"`).join(' AND ') : query.digits.map((d) => `phones : "${d}"`).join(' OR ');
    const rows = (await db.raw(`select rowid as id from ${CLIENT_SEARCH} where ${CLIENT_SEARCH} match ?`, [expression])) as { id: number }[];
    return rows.map((r) => Number(r.id));
  }
  if (query.kind === 'words') {
    const columns = scope === 'name' ? 'name' : 'name, other';
    const against = query.words.map((w) => `+${w}*`).join(' ');
    return (await db(CLIENT_SEARCH).whereRaw(`match(${columns}) against (? in boolean mode)`, [against]).pluck('client_id')).map(Number);
  }
  // The typed digits' last 4-digit window through FULLTEXT, then the real substring among those few. The last
  // digits of a number are the rare ones: the first (country, operator: 7916…) are in most phones, and InnoDB reads
  // a word's whole list to AND it.
  const ids = new Set<number>();
  for (const digits of query.digits) {
    const gram = digits.slice(-MIN_PHONE_DIGITS);
    const found = await db(CLIENT_SEARCH).whereRaw('match(phones) against (? in boolean mode)', [gram]).where('phone_digits', 'like', `%${digits}%`).pluck('client_id');
    for (const id of found) ids.add(Number(id));
  }
  return [...ids];
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

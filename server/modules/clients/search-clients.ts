import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { CLIENT_PHONE_SEARCH, CLIENT_SEARCH } from './client-search.repo.js';
import { MIN_PHONE_DIGITS, type SearchQuery } from './client-search-text.js';
import { findClientIdByEmail, findClientIdByPhone } from './clients.repo.js';

/**
 * Which clients a search finds: `name`, every word in the client's name; `any`, each word anywhere (name,
 * organization, e-mails, address), or for digits, in a phone; `other`, found by `any` but not by `name`.
 */
export type SearchScope = 'name' | 'any' | 'other';

/** One column of client ids (`id`) the search index finds, as a subquery: the database keeps the list to itself. */
export function matchingClients(db: Queryable, query: Exclude<SearchQuery, { kind: 'none' }>, scope: SearchScope): Knex.QueryBuilder {
  if (isSqlite(db)) {
    if (query.kind === 'digits') {
      const digits = db.select(db.raw('rowid as id')).from(CLIENT_PHONE_SEARCH);
      if (scope === 'name') return digits.whereRaw('0 = 1');
      return digits.whereRaw(`${CLIENT_PHONE_SEARCH} match ?`, [query.digits.map((d) => `"${d}"`).join(' OR ')]);
    }
    const words = (columns: string) => query.words.map((w) => `${columns} : "${w}"*`).join(' AND ');
    const expression = scope === 'any' ? words('{name other}') : scope === 'name' ? words('name') : `(${words('{name other}')}) NOT (${words('name')})`;
    return db.select(db.raw('rowid as id')).from(CLIENT_SEARCH).whereRaw(`${CLIENT_SEARCH} match ?`, [expression]);
  }
  const found = db.select('client_id as id').from(CLIENT_SEARCH);
  if (query.kind === 'digits') {
    if (scope === 'name') return found.whereRaw('0 = 1');
    // The typed digits' last 4-digit window through FULLTEXT, then the real substring among those few. The last
    // digits of a number are the rare ones: the first (country, operator: 7916…) are in most phones, and InnoDB
    // reads a word's whole list.
    const grams = [...new Set(query.digits.map((d) => d.slice(-MIN_PHONE_DIGITS)))].join(' ');
    return found.whereRaw('match(phones) against (? in boolean mode)', [grams]).where((w) => {
      for (const d of query.digits) void w.orWhere('phone_digits', 'like', `%${d}%`);
    });
  }
  const against = query.words.map((w) => `+${w}*`).join(' ');
  if (scope === 'name') return found.whereRaw('match(name) against (? in boolean mode)', [against]);
  void found.whereRaw('match(name, other) against (? in boolean mode)', [against]);
  return scope === 'any' ? found : found.whereNotIn('client_id', db.select('client_id').from(CLIENT_SEARCH).whereRaw('match(name) against (? in boolean mode)', [against]));
}

/** The ids of the clients the search finds (at most `limit`), in no particular order. */
export async function searchClientIds(db: Queryable, query: SearchQuery, scope: SearchScope, limit?: number): Promise<number[]> {
  if (query.kind === 'none') return [];
  const found = matchingClients(db, query, scope);
  if (limit !== undefined) void found.limit(limit);
  return ((await found) as { id: number }[]).map((r) => Number(r.id));
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

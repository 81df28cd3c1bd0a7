import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';
import { selectKeepingExists } from '../../db/keep-exists.js';
import { matchesWords } from '../clients/client-words.js';
import { exactContactClientId, matchingClients, searchClientIds, type Searchable, type SearchScope } from '../clients/search-clients.js';
import { ClientLists } from '../clients/matching-client-lists.js';

/** A lead's place in a ranked search: 0 exact phone or e-mail, 1 name match, 2 any other match; newest first within. */
export interface SearchPosition {
  rank: number;
  createdAt: string;
  id: number;
}

export interface SearchPage {
  /** The page's leads in ranked order, at most `limit`. */
  hits: SearchPosition[];
  /** Whether more follow the last hit. */
  more: boolean;
  /** How many leads the search finds: on the first page only. */
  total?: number;
  /** True when `total` was estimated from a sample of the matching clients rather than counted. */
  totalEstimated?: boolean;
}

export const searchTuning = {
  /** Up to this many matching clients, their leads are read by client (index on client_id) and sorted. */
  lookupMaxClients: 2000,
  /** Past that, the total is estimated from this many of the newest matching clients. */
  totalSample: 500,
};

/** A fresh query over `leads` with visibility and filters applied, read through the client_id index or in order. */
type Filtered = (by: 'client' | 'order') => Knex.QueryBuilder;

/**
 * One page of a search. Each rank's matching clients are listed when few (search-clients.ts) and their leads read
 * through the client_id index and sorted; when many, `filtered` (visibility and the list's filters already applied,
 * so nothing the user may not see is ranked or counted) is walked newest first and each lead's client checked
 * against the index as it goes: a common surname fills a page within a few thousand rows. The total (first page
 * only) is counted the same way, or for many matching clients estimated from a sample of them; never a scan of
 * every lead.
 */
export async function searchLeads(db: Queryable, filtered: Filtered, query: Searchable, after: SearchPosition | null, limit: number): Promise<SearchPage> {
  const exact = await exactContactClientId(db, query);
  const lists = new ClientLists(db, query, searchTuning.lookupMaxClients);
  const scopes: (SearchScope | null)[] = query.kind === 'words' ? [null, 'name', 'other'] : [null, null, 'any'];
  const hits: SearchPosition[] = [];
  for (let rank = after?.rank ?? 0; rank < scopes.length && hits.length <= limit; rank++) {
    const from = after && after.rank === rank ? after : null;
    const need = limit + 1 - hits.length;
    const scope = scopes[rank];
    let read: ReadLeads | null = null;
    if (rank === 0) read = exact === null ? null : byQuery(db, filtered('client').where('leads.client_id', exact));
    else if (scope) read = await leadsOfMatching(db, filtered, query, scope, await lists.few(scope), exact);
    if (!read) continue;
    for (const row of await read(from, need)) hits.push({ rank, createdAt: row.created_at, id: Number(row.id) });
  }
  const more = hits.length > limit;
  const page = hits.slice(0, limit);
  if (after) return { hits: page, more };
  if (!more) return { hits: page, more, total: page.length, totalEstimated: false };
  const counted = await countLeads(db, filtered, query, lists);
  return { hits: page, more, total: Math.max(counted.total, page.length), totalEstimated: counted.totalEstimated };
}

interface LeadPlace {
  id: number;
  created_at: string;
}

function placed(qb: Knex.QueryBuilder, from: Pick<SearchPosition, 'createdAt' | 'id'> | null): Knex.QueryBuilder {
  if (from) void qb.where((w) => void w.where('leads.created_at', '<', from.createdAt).orWhere((x) => void x.where('leads.created_at', from.createdAt).andWhere('leads.id', '<', from.id)));
  return qb.select('leads.id', 'leads.created_at').orderBy([
    { column: 'leads.created_at', order: 'desc' },
    { column: 'leads.id', order: 'desc' },
  ]);
}

/** Reads the newest `need` leads of a rank after `from`. */
type ReadLeads = (from: SearchPosition | null, need: number) => Promise<LeadPlace[]>;

const byQuery = (db: Queryable, qb: Knex.QueryBuilder): ReadLeads => async (from, need) => selectKeepingExists<LeadPlace>(db, placed(qb, from).limit(need));

/**
 * How to read the filtered leads of the clients a scope finds (but `exact`), the cheaper way for how many there
 * are; null for none. Few (listed): through the client_id index. Many (`few` null): the visible leads walked in
 * their own order — words checked per lead in `client_words` (one seek a word); phone digits on SQLite in one
 * query (`+client_id in (matches)`, the list kept by the database), on MariaDB in batches checked against the
 * matches read once (its optimizer re-runs a FULLTEXT subquery for every row it walks).
 */
async function leadsOfMatching(db: Queryable, filtered: Filtered, query: Searchable, scope: SearchScope, few: number[] | null, exact: number | null): Promise<ReadLeads | null> {
  const but = (qb: Knex.QueryBuilder) => (exact === null ? qb : qb.whereNot('leads.client_id', exact));
  if (few) {
    const ids = exact === null ? few : few.filter((id) => id !== exact);
    return ids.length === 0 ? null : byQuery(db, filtered('client').whereIn('leads.client_id', ids));
  }
  if (query.kind === 'words') {
    const match = matchesWords('leads.client_id', query.words, scope);
    return byQuery(db, but(filtered('order').whereRaw(match.sql, match.bindings)));
  }
  if (isSqlite(db)) return byQuery(db, but(filtered('order').whereRaw('+leads.client_id in ?', [matchingClients(db, query, scope)])));
  const wanted = new Set(await searchClientIds(db, query, scope));
  if (exact !== null) wanted.delete(exact);
  return async (from, need) => {
    const found: LeadPlace[] = [];
    let position: Pick<SearchPosition, 'createdAt' | 'id'> | null = from;
    for (let batch = 1000; ; batch = Math.min(batch * 2, 16_000)) {
      const rows = (await placed(filtered('order').select('leads.client_id'), position).limit(batch)) as (LeadPlace & { client_id: number })[];
      for (const row of rows) {
        if (!wanted.has(Number(row.client_id))) continue;
        found.push(row);
        if (found.length === need) return found;
      }
      if (rows.length < batch) return found;
      const last = rows[rows.length - 1];
      position = { createdAt: last.created_at, id: Number(last.id) };
    }
  };
}

/**
 * How many filtered leads the search finds: counted for few matching clients. For many, estimated: the filtered
 * leads of a sample of searchTuning.totalSample matching clients (the newest of the rarest word's range for words,
 * the newest by id for digits), scaled by how many clients match (words: the range's rows, times the share of a
 * sample of them that has the other words too) or by the share of client ids the sample spans (digits).
 */
async function countLeads(db: Queryable, filtered: Filtered, query: Searchable, lists: ClientLists): Promise<{ total: number; totalEstimated: boolean }> {
  const count = async (qb: Knex.QueryBuilder) => Number(((await qb.count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);
  const all = await lists.few('any');
  if (all) return { total: all.length ? await count(filtered('client').whereIn('leads.client_id', all)) : 0, totalEstimated: false };
  if (query.kind === 'words') {
    const sample = await lists.anySample(searchTuning.totalSample);
    const clients = await lists.estimateAny();
    return { total: Math.round(((await count(filtered('client').whereIn('leads.client_id', sample))) * clients) / Math.max(1, sample.length)), totalEstimated: true };
  }
  const newest = () => db.select('id').from(matchingClients(db, query, 'any').orderBy('id', 'desc').limit(searchTuning.totalSample).as('newest'));
  const span = (await db.from(newest().as('s')).min({ low: 'id' }).first()) as { low: number | string };
  const highest = (await db('clients').max({ high: 'id' }).first()) as { high: number | string };
  const share = (Number(highest.high) - Number(span.low) + 1) / Math.max(1, Number(highest.high));
  return { total: Math.round((await count(filtered('client').whereIn('leads.client_id', newest()))) / share), totalEstimated: true };
}

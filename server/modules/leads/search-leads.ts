import type { Knex } from 'knex';
import type { Queryable } from '../../db/knex.js';
import type { SearchQuery } from '../clients/client-search-text.js';
import { exactContactClientId, searchClientIds } from '../clients/search-clients.js';

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
  total: number;
  /** True when `total` was estimated from a sample of the matching clients rather than counted. */
  totalEstimated: boolean;
}

/** Up to this many matching clients, their leads are looked up by client (index on client_id) and sorted. */
export const LOOKUP_MAX_CLIENTS = 2000;
/** Past that, the total is estimated by counting the leads of this many matching clients, evenly spaced. */
const TOTAL_SAMPLE = 500;
const CHUNK = 500;

type Filtered = () => Knex.QueryBuilder;

/**
 * One page of a search: matching clients come from the index (search-clients.ts), their leads from `filtered`
 * (a fresh query over `leads` with visibility and the list's filters already applied, so nothing the user may not
 * see is ranked or counted). Few matching clients: their leads by client_id, sorted. Many: the visible leads are
 * walked newest first, in growing batches, until the page is full — a common surname fills a page within a few
 * thousand rows. Never a scan of every lead: the total is counted through the same client lists, or estimated
 * from a sample of them when there are more than LOOKUP_MAX_CLIENTS.
 */
export async function searchLeads(db: Queryable, filtered: Filtered, query: SearchQuery, after: SearchPosition | null, limit: number): Promise<SearchPage> {
  const exact = await exactContactClientId(db, query);
  const matching = await searchClientIds(db, query, 'any');
  const named = new Set(query.kind === 'words' ? await searchClientIds(db, query, 'name') : []);
  if (exact !== null) named.delete(exact);
  const ranks: number[][] = [exact !== null ? [exact] : [], [...named], matching.filter((id) => id !== exact && !named.has(id))];

  const hits: SearchPosition[] = [];
  for (let rank = after?.rank ?? 0; rank < ranks.length && hits.length <= limit; rank++) {
    const from = after && after.rank === rank ? after : null;
    for (const row of await newestLeadsOf(filtered, ranks[rank], from, limit + 1 - hits.length)) hits.push({ rank, createdAt: row.created_at, id: Number(row.id) });
  }
  const more = hits.length > limit;
  const page = hits.slice(0, limit);
  if (!after && !more) return { hits: page, more, total: page.length, totalEstimated: false };
  const everyone = exact !== null && !matching.includes(exact) ? [exact, ...matching] : matching;
  const counted = await countLeadsOf(filtered, everyone);
  return { hits: page, more, total: Math.max(counted.total, after ? 0 : page.length), totalEstimated: counted.totalEstimated };
}

interface LeadPlace {
  id: number;
  client_id: number;
  created_at: string;
}

const newestFirst = (a: LeadPlace, b: LeadPlace) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : Number(b.id) - Number(a.id));

function placed(qb: Knex.QueryBuilder, from: Pick<SearchPosition, 'createdAt' | 'id'> | null): Knex.QueryBuilder {
  if (from) void qb.where((w) => void w.where('leads.created_at', '<', from.createdAt).orWhere((x) => void x.where('leads.created_at', from.createdAt).andWhere('leads.id', '<', from.id)));
  return qb.select('leads.id', 'leads.client_id', 'leads.created_at').orderBy([
    { column: 'leads.created_at', order: 'desc' },
    { column: 'leads.id', order: 'desc' },
  ]);
}

/** The newest `need` leads (after `from`) of these clients among the filtered ones. */
async function newestLeadsOf(filtered: Filtered, clientIds: number[], from: SearchPosition | null, need: number): Promise<LeadPlace[]> {
  if (clientIds.length === 0 || need <= 0) return [];
  if (clientIds.length <= LOOKUP_MAX_CLIENTS) {
    const found: LeadPlace[] = [];
    for (let i = 0; i < clientIds.length; i += CHUNK) found.push(...((await placed(filtered().whereIn('leads.client_id', clientIds.slice(i, i + CHUNK)), from).limit(need)) as LeadPlace[]));
    return found.sort(newestFirst).slice(0, need);
  }
  const wanted = new Set(clientIds);
  const found: LeadPlace[] = [];
  let position: Pick<SearchPosition, 'createdAt' | 'id'> | null = from;
  for (let batch = 1000; ; batch = Math.min(batch * 2, 16_000)) {
    const rows = (await placed(filtered(), position).limit(batch)) as LeadPlace[];
    for (const row of rows) {
      if (!wanted.has(Number(row.client_id))) continue;
      found.push(row);
      if (found.length === need) return found;
    }
    if (rows.length < batch) return found;
    const last = rows[rows.length - 1];
    position = { createdAt: last.created_at, id: Number(last.id) };
  }
}

/** How many filtered leads these clients have: counted when they are few, else estimated from an even sample. */
async function countLeadsOf(filtered: Filtered, clientIds: number[]): Promise<{ total: number; totalEstimated: boolean }> {
  const sample = clientIds.length <= LOOKUP_MAX_CLIENTS ? clientIds : evenSample(clientIds, TOTAL_SAMPLE);
  let counted = 0;
  for (let i = 0; i < sample.length; i += CHUNK) {
    const row = (await filtered().whereIn('leads.client_id', sample.slice(i, i + CHUNK)).count({ n: '*' }).first()) as { n: number | string } | undefined;
    counted += Number(row?.n ?? 0);
  }
  if (sample === clientIds) return { total: counted, totalEstimated: false };
  return { total: Math.round((counted * clientIds.length) / sample.length), totalEstimated: true };
}

function evenSample(ids: number[], size: number): number[] {
  const step = ids.length / size;
  return Array.from({ length: size }, (_, i) => ids[Math.floor(i * step)]);
}

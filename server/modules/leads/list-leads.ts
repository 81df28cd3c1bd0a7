import type { Knex } from 'knex';
import type { LeadListDto } from '../../api-types.js';
import { CLOSING_STATUSES, LEAD_STATUSES } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { fieldError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeLeads } from './leads.policy.js';
import { pipelineStep } from './pipeline-step.js';
import { applyActivityFilter } from './activity-filter.js';
import { leadFor, toLeadSummary } from './leads.presenter.js';
import { findLeadSummaryRows, leadsRead, summaryQuery, type LeadSummaryRow } from './leads.repo.js';
import { searchLeads, type SearchPosition } from './search-leads.js';
import { parseSearchQuery } from '../clients/client-search-text.js';
import { clientIdsMatching } from '../clients/search-clients.js';
import { segmentFilter } from '../clients/client-segments.js';
import type { ListLeadsQuery } from './leads.schema.js';
import { text } from '../../i18n/text.js';
import { orderBySort, SORTABLE_MAX, type ListSort } from './list-order.js';

const STORED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/** The position after the last row of a page: (created_at, id) of that row, and its rank in a search; opaque to clients. */
function encodeCursor(p: SearchPosition): string {
  return Buffer.from(JSON.stringify([storedCreatedAt({ created_at: p.createdAt }), Number(p.id), p.rank])).toString('base64url');
}

/** A page of a list sorted by another column than the default: the rows before it. */
function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify(['o', offset])).toString('base64url');
}

function decodeCursor(cursor: string): SearchPosition | { offset: number } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v[0] === 'o' && Number.isInteger(v[1]) && v[1] > 0 && v[1] <= SORTABLE_MAX) return { offset: v[1] as number };
    if (Array.isArray(v) && typeof v[0] === 'string' && STORED_TIME.test(v[0]) && Number.isInteger(v[1]) && v[1] > 0) {
      const rank = v[2] === undefined ? 0 : v[2];
      if (Number.isInteger(rank) && rank >= 0 && rank <= 2) return { createdAt: v[0], id: v[1], rank: rank as number };
    }
  } catch {
    // fall through to the 400 below
  }
  throw fieldError('cursor', text('field.bad_cursor'));
}

function boundary(s: string, endOfDay: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return toDbTime(d);
  }
  return toDbTime(new Date(s));
}

/** The list's filters (not the search, not the page, not the client's segments) on a query over `leads`. */
function applyFilters(qb: Knex.QueryBuilder, f: LeadFilters): Knex.QueryBuilder {
  if (f.status) {
    const statuses = new Set<string>();
    for (const s of f.status) {
      if (s === 'open') LEAD_STATUSES.forEach((x) => statuses.add(x));
      else if (s === 'closed') CLOSING_STATUSES.forEach((x) => statuses.add(x));
      else statuses.add(s);
    }
    void qb.whereIn('leads.status', [...statuses]);
  }
  if (f.ownerId === 'none') void qb.whereNull('leads.owner_id');
  else if (f.ownerId !== undefined) void qb.where('leads.owner_id', f.ownerId);
  if (f.departmentId !== undefined) void qb.where('leads.department_id', f.departmentId);
  if (f.siteId !== undefined) void qb.where('leads.site_id', f.siteId);
  if (f.flagged !== undefined) void qb.where('leads.flagged', f.flagged);
  if (f.colour) {
    const colours = f.colour.filter((c) => c !== 'none');
    const none = f.colour.includes('none');
    void qb.where((w) => {
      if (colours.length) void w.orWhereIn('leads.colour', colours);
      if (none) void w.orWhereNull('leads.colour');
    });
  }
  if (f.createdFrom) void qb.where('leads.created_at', '>=', boundary(f.createdFrom, false));
  if (f.createdTo) void qb.where('leads.created_at', /^\d{4}-\d{2}-\d{2}$/.test(f.createdTo) ? '<' : '<=', boundary(f.createdTo, true));
  if (f.assignedFrom) void qb.where('leads.assigned_at', '>=', boundary(f.assignedFrom, false));
  if (f.assignedTo) void qb.where('leads.assigned_at', /^\d{4}-\d{2}-\d{2}$/.test(f.assignedTo) ? '<' : '<=', boundary(f.assignedTo, true));
  if (f.reached) void qb.where('leads.furthest_step', '>=', pipelineStep(f.reached) ?? 0);
  return applyActivityFilter(qb, f);
}

/** The list's filters without its page: what an export of "this list" reads. */
export type LeadFilters = Omit<ListLeadsQuery, 'cursor' | 'limit' | 'sort'>;

/** Counted exactly up to this many matching leads (an index walk of at most this many entries); past it "more than". */
export const COUNT_MAX = 10_000;

/** How many leads the user may see match the filters, counted up to COUNT_MAX + 1. */
async function countCapped(deps: Deps, filtered: (qb: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number> {
  const { db } = deps;
  const inner = filtered(db('leads')).select(db.raw('1')).limit(COUNT_MAX + 1);
  const row = await db.from(inner.as('matching')).count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

/**
 * The leads the user may see that match the list's filters and its search, as a factory of summary queries without
 * order or limit: the list and its export read the same rows (an export is not ranked: newest first). The search's
 * matching clients are read from the index once (search-clients.ts).
 */
export async function filteredLeads(deps: Deps, user: SessionUser, f: LeadFilters): Promise<() => Knex.QueryBuilder> {
  const { db, config } = deps;
  const query = f.q ? parseSearchQuery(f.q, (p) => normalizePhone(p, config.defaultCountry)) : null;
  const clientIds = query ? await clientIdsMatching(db, query) : null;
  const segments = await segmentFilter(db, f, config.segments, new Date());
  return () => {
    const qb = applyFilters(scopeLeads(summaryQuery(db), user), f);
    segments?.(qb, 'leads.client_id');
    if (clientIds) void qb.whereIn('leads.client_id', clientIds.length ? clientIds : [0]);
    return qb;
  };
}

/** Rows after this position of the (created_at desc, id desc) order: the keyset step of pages and exports. */
export function afterLeadPosition(qb: Knex.QueryBuilder, createdAt: string, id: number): Knex.QueryBuilder {
  return qb.where((w) => void w.where('leads.created_at', '<', createdAt).orWhere((x) => void x.where('leads.created_at', createdAt).andWhere('leads.id', '<', id)));
}

/** Newest first, ties by id: the order of the list, its cursor and its export. */
export function newestFirst(qb: Knex.QueryBuilder): Knex.QueryBuilder {
  return qb.orderBy([
    { column: 'leads.created_at', order: 'desc' },
    { column: 'leads.id', order: 'desc' },
  ]);
}

/** The stored moment of a row's created_at, whichever way the driver hands it back. */
export function storedCreatedAt(row: Pick<LeadSummaryRow, 'created_at'>): string {
  return String(row.created_at).includes('T') ? toDbTime(new Date(String(row.created_at))) : String(row.created_at);
}

/**
 * The lead list: filters, keyset pages by (created_at desc, id desc), only what the user may see, one query per
 * page. A search (`q`) goes through the client search index and is ranked (search-leads.ts), with its total.
 */
export async function listLeads(deps: Deps, user: SessionUser, f: ListLeadsQuery): Promise<LeadListDto> {
  const { db, config } = deps;
  const after = f.cursor ? decodeCursor(f.cursor) : null;
  const query = f.q ? parseSearchQuery(f.q, (p) => normalizePhone(p, config.defaultCountry)) : null;
  const segments = await segmentFilter(db, f, config.segments, new Date());
  const filtered = (qb: Knex.QueryBuilder) => {
    const out = applyFilters(scopeLeads(qb, user), f);
    segments?.(out, 'leads.client_id');
    return out;
  };
  if (query && query.kind !== 'none') {
    if (after && 'offset' in after) throw fieldError('cursor', text('field.bad_cursor'));
    const found = await searchLeads(db, (by) => filtered(leadsRead(db, by)), query, after, f.limit);
    const rows = new Map((await findLeadSummaryRows(db, found.hits.map((h) => h.id))).map((r) => [Number(r.id), r]));
    const items = found.hits.flatMap((h) => (rows.has(h.id) ? [leadFor(user, toLeadSummary(rows.get(h.id)!))] : []));
    const last = found.hits[found.hits.length - 1];
    return { items, nextCursor: found.more ? encodeCursor(last) : null, ...(found.total !== undefined ? { total: found.total } : {}), ...(found.totalEstimated ? { totalEstimated: true as const } : {}) };
  }
  const sort = (f.sort ?? '-created').replace(/^-/, '') as ListSort;
  const desc = (f.sort ?? '-created').startsWith('-');
  const total = after ? undefined : await countCapped(deps, filtered);
  const totals = total === undefined ? {} : total > COUNT_MAX ? { total: COUNT_MAX, totalAtLeast: true as const } : { total };
  const sorted = !(sort === 'created' && desc);
  const qb = filtered(summaryQuery(db));
  if (sorted && (after ? 'offset' in after : total! <= SORTABLE_MAX)) {
    const offset = after && 'offset' in after ? after.offset : 0;
    const rows: LeadSummaryRow[] = await orderBySort(db, qb, sort, desc).offset(offset).limit(f.limit + 1);
    const more = rows.length > f.limit && offset + f.limit < SORTABLE_MAX;
    return { items: rows.slice(0, f.limit).map((r) => leadFor(user, toLeadSummary(r))), nextCursor: more ? encodeOffset(offset + f.limit) : null, ...totals };
  }
  if (after && !('offset' in after)) afterLeadPosition(qb, after.createdAt, after.id);
  const rows: LeadSummaryRow[] = await newestFirst(qb).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => leadFor(user, toLeadSummary(r))),
    nextCursor: rows.length > f.limit ? encodeCursor({ rank: 0, createdAt: String(last.created_at), id: Number(last.id) }) : null,
    ...totals,
    ...(sorted && !after ? { sortRestricted: true as const } : {}),
  };
}

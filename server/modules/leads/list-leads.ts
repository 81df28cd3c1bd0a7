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
import { leadFor, toLeadSummary } from './leads.presenter.js';
import { summaryQuery, type LeadSummaryRow } from './leads.repo.js';
import type { ListLeadsQuery } from './leads.schema.js';
import { text } from '../../i18n/text.js';

const STORED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/** The position after the last row of a page: (created_at, id) of that row, opaque to clients. */
function encodeCursor(row: LeadSummaryRow): string {
  return Buffer.from(JSON.stringify([storedCreatedAt(row), Number(row.id)])).toString('base64url');
}

function decodeCursor(cursor: string): [string, number] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && STORED_TIME.test(v[0]) && Number.isInteger(v[1]) && v[1] > 0) return [v[0], v[1]];
  } catch {
    // fall through to the 400 below
  }
  throw fieldError('cursor', text('field.bad_cursor'));
}

const likeEscape = (s: string): string => `%${s.replace(/[!%_]/g, '!$&')}%`;

function boundary(s: string, endOfDay: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return toDbTime(d);
  }
  return toDbTime(new Date(s));
}

/** The list's filters without its page: what an export of "this list" reads. */
export type LeadFilters = Omit<ListLeadsQuery, 'cursor' | 'limit'>;

/**
 * The leads the user may see that match the list's filters (status, owner, department, site, flag, colour, created
 * between, search over the client's name/organization/e-mails/phones), as a summary query without order or limit:
 * the list and its export read exactly the same rows.
 */
export function filteredLeads(deps: Deps, user: SessionUser, f: LeadFilters): Knex.QueryBuilder {
  const { db, config } = deps;
  const qb = scopeLeads(summaryQuery(db), user);
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
  if (f.q) {
    // Matching clients first (one pass over clients), then their leads by index: fast for rare and missing terms.
    const matching = db('clients').select('clients.id');
    const q = f.q.toLowerCase();
    if (/^[\d\s()+\-.]+$/.test(q) && /\d{3}/.test(q.replace(/\D/g, ''))) {
      // A phone, typed any way: match its digits, and its E.164 form when it is a whole number.
      const patterns = new Set([q.replace(/\D/g, '')]);
      const e164 = normalizePhone(q, config.defaultCountry);
      if (e164) patterns.add(e164.replace(/\D/g, ''));
      void matching.where((w) => {
        for (const p of patterns) void w.orWhereRaw(`clients.search_text like ? escape '!'`, [likeEscape(p)]);
      });
    } else {
      for (const term of q.split(/\s+/).filter(Boolean)) void matching.whereRaw(`clients.search_text like ? escape '!'`, [likeEscape(term)]);
    }
    void qb.whereIn('leads.client_id', matching);
  }
  return qb;
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
export function storedCreatedAt(row: LeadSummaryRow): string {
  return String(row.created_at).includes('T') ? toDbTime(new Date(String(row.created_at))) : String(row.created_at);
}

/**
 * The lead list: filteredLeads, in keyset pages by (created_at desc, id desc), only what the user may see. One
 * query per page.
 */
export async function listLeads(deps: Deps, user: SessionUser, f: ListLeadsQuery): Promise<LeadListDto> {
  const qb = filteredLeads(deps, user, f);
  if (f.cursor) {
    const [createdAt, id] = decodeCursor(f.cursor);
    afterLeadPosition(qb, createdAt, id);
  }
  const rows: LeadSummaryRow[] = await newestFirst(qb).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  return { items: page.map((r) => leadFor(user, toLeadSummary(r))), nextCursor: rows.length > f.limit ? encodeCursor(page[page.length - 1]) : null };
}

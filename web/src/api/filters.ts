import type { LeadSummaryDto } from '../../../server/api-types.ts';
import { isClosing } from './labels.ts';

/** The lead list filters, exactly as they sit in the URL query string. */
export interface LeadFilters {
  status?: string; // a status, or the groups "open" / "closed"
  ownerId?: string; // a user id or "unassigned"
  departmentId?: string;
  siteId?: string;
  flagged?: string; // "true"
  colour?: string;
  q?: string;
  createdFrom?: string; // YYYY-MM-DD (local day)
  createdTo?: string; // YYYY-MM-DD (local day, inclusive)
  sort?: string; // a column, "-" first for descending (server/modules/leads/list-order.ts); newest first when absent
  // A report's number opened as a list (features/reports/drill.ts says what each means):
  assignedFrom?: string; // ISO instant: first assigned at or after
  assignedTo?: string; // ISO instant: first assigned before
  reached?: string; // a pipeline status the lead has had, or a later one
  activity?: string; // call_made | call_answered | call_missed | call_talked | status
  activityBy?: string; // user id
  activityFrom?: string; // ISO instant
  activityTo?: string; // ISO instant
  // The client's segments (server: client-segments.ts):
  segment?: string; // vip | regular | difficult
  abc?: string; // A | B | C over the last 365 days
  loyalty?: string; // a loyalty stage
}

/** The filters a report's link sets: the list cannot judge them itself, so live changes only update rows in place. */
export const REPORT_FILTER_KEYS = ['assignedFrom', 'assignedTo', 'reached', 'activity', 'activityBy', 'activityFrom', 'activityTo'] as const satisfies readonly (keyof LeadFilters)[];

/** The client's segments: judged by the server only, like a report's filters. */
export const CLIENT_SEGMENT_KEYS = ['segment', 'abc', 'loyalty'] as const satisfies readonly (keyof LeadFilters)[];

export const FILTER_KEYS: (keyof LeadFilters)[] = ['status', 'ownerId', 'departmentId', 'siteId', 'flagged', 'colour', 'q', 'createdFrom', 'createdTo', 'sort', ...CLIENT_SEGMENT_KEYS, ...REPORT_FILTER_KEYS];

/** Whether the list has a filter only the server can judge (a report's, a client segment): live changes update its rows in place only. */
export function judgedByServer(f: LeadFilters): boolean {
  return hasReportFilter(f) || CLIENT_SEGMENT_KEYS.some((k) => !!f[k]);
}

export function hasReportFilter(f: LeadFilters): boolean {
  return REPORT_FILTER_KEYS.some((k) => !!f[k]);
}

/** The inbox: every open lead without a manager (a lead moved on from "new" still waits until it is assigned). */
export const INBOX_FILTERS: LeadFilters = { status: 'open', ownerId: 'unassigned' };

export function filtersFromSearch(search: URLSearchParams): LeadFilters {
  const f: LeadFilters = {};
  for (const k of FILTER_KEYS) {
    const v = search.get(k);
    if (v) f[k] = v;
  }
  return f;
}

/** A stable, minimal object: the react-query key of a filtered list. */
export function normalizeFilters(f: LeadFilters): LeadFilters {
  const out: LeadFilters = {};
  for (const k of FILTER_KEYS) {
    const v = f[k]?.trim();
    if (v) out[k] = v;
  }
  return out;
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00`);
}

/** The API's query parameters for a filtered list (local days become UTC instants). */
export function filtersToParams(f: LeadFilters): Record<string, string> {
  const p: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (!v) continue;
    if (k === 'createdFrom') p[k] = dayStart(v).toISOString();
    else if (k === 'createdTo') {
      const d = dayStart(v);
      d.setDate(d.getDate() + 1);
      d.setMilliseconds(-1);
      p[k] = d.toISOString();
    } else if (k === 'ownerId' && v === 'unassigned') p[k] = 'none';
    else p[k] = v;
  }
  return p;
}

const digits = (s: string) => s.replace(/\D+/g, '');

/**
 * Whether a lead belongs to a filtered list — the same rules as the server's query, so that a live event
 * can place a lead into (or take it out of) a list already on screen without asking the server again.
 */
export function matchesFilters(lead: LeadSummaryDto, f: LeadFilters): boolean {
  if (f.status) {
    const wanted = f.status.split(',');
    const hit = wanted.some((w) => (w === 'open' ? !isClosing(lead.status) : w === 'closed' ? isClosing(lead.status) : w === lead.status));
    if (!hit) return false;
  }
  if (f.ownerId) {
    const none = f.ownerId === 'unassigned' || f.ownerId === 'none';
    if (none ? lead.ownerId !== null : String(lead.ownerId) !== f.ownerId) return false;
  }
  if (f.departmentId && String(lead.departmentId) !== f.departmentId) return false;
  if (f.siteId && String(lead.siteId) !== f.siteId) return false;
  if (f.flagged === 'true' && !lead.flagged) return false;
  if (f.flagged === 'false' && lead.flagged) return false;
  if (f.colour && !f.colour.split(',').some((c) => (c === 'none' ? lead.colour === null : c === lead.colour))) return false;
  const created = Date.parse(lead.createdAt);
  if (f.createdFrom && created < dayStart(f.createdFrom).getTime()) return false;
  if (f.createdTo) {
    const end = dayStart(f.createdTo);
    end.setDate(end.getDate() + 1);
    if (created >= end.getTime()) return false;
  }
  if (f.q) {
    // As the server: a phone typed any way matches by digits; words must all appear.
    const q = f.q.trim().toLowerCase();
    const c = lead.client;
    if (/^[\d\s()+\-.]+$/.test(q) && /\d{3}/.test(digits(q))) {
      const d = digits(q);
      const phone = digits(c.phone ?? '');
      if (!phone.includes(d) && !phone.includes(d.replace(/^8/, '7')) && !phone.endsWith(d.slice(-10))) return false;
    } else {
      const hay = [c.fullName, c.organization, c.email, c.phone].filter(Boolean).join(' ').toLowerCase();
      if (!q.split(/\s+/).every((t) => hay.includes(t))) return false;
    }
  }
  return true;
}

import type { Knex } from 'knex';
import { toDbTime } from '../../db/knex.js';

/** What a lead list opened from a report's call or status figure asks for (`GET /api/leads?activity=…`). */
export const LEAD_ACTIVITIES = ['call_made', 'call_answered', 'call_missed', 'call_talked', 'status'] as const;
export type LeadActivity = (typeof LEAD_ACTIVITIES)[number];

export interface ActivityFilter {
  activity?: LeadActivity;
  /** Who placed or took the call, or changed the status (a user id). Missed calls have nobody: filter by `ownerId`. */
  activityBy?: number;
  /** The period, as `createdFrom`/`createdTo`: ISO moments (both inclusive), or whole UTC days. */
  activityFrom?: string;
  activityTo?: string;
}

function bound(s: string, endOfDay: boolean): { op: '>=' | '<' | '<='; at: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return { op: endOfDay ? '<' : '>=', at: toDbTime(d) };
  }
  return { op: endOfDay ? '<=' : '>=', at: toDbTime(new Date(s)) };
}

/**
 * Leads with such a call or status change in the period, as the reports count them (stats.repo.ts): outbound calls
 * placed (`call_made`), inbound calls answered (`call_answered`), inbound calls nobody answered (`call_missed`), calls
 * with any talk either way (`call_talked`), status changes (`status`, from the lead's history).
 */
export function applyActivityFilter(qb: Knex.QueryBuilder, f: ActivityFilter): Knex.QueryBuilder {
  if (!f.activity) return qb;
  const kind = f.activity;
  const from = f.activityFrom ? bound(f.activityFrom, false) : null;
  const to = f.activityTo ? bound(f.activityTo, true) : null;
  // Read from the calls or the history by who and when (their report indexes), then matched to leads by id.
  return qb.whereIn('leads.id', function (this: Knex.QueryBuilder) {
    if (kind === 'status') {
      void this.from('lead_history').select('lead_id').where('action', 'status');
      if (f.activityBy !== undefined) void this.where('actor_id', f.activityBy);
      if (from) void this.where('created_at', from.op, from.at);
      if (to) void this.where('created_at', to.op, to.at);
      return;
    }
    void this.from('calls').select('lead_id').whereNotNull('lead_id');
    if (kind === 'call_made') void this.where('direction', 'outbound');
    if (kind === 'call_answered') void this.where('direction', 'inbound').where('disposition', 'answered');
    if (kind === 'call_missed') void this.where('direction', 'inbound').whereNotNull('disposition').whereNot('disposition', 'answered');
    if (kind === 'call_talked') void this.where('talk_seconds', '>', 0);
    if (f.activityBy !== undefined && kind !== 'call_missed') void this.where('user_id', f.activityBy);
    if (from) void this.where('started_at', from.op, from.at);
    if (to) void this.where('started_at', to.op, to.at);
  });
}

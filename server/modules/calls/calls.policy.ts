import type { Knex } from 'knex';
import type { SessionUser } from '../../http/session-user.js';
import { canSeeLead, scopeLeads, type LeadAudienceFields } from '../leads/leads.policy.js';

/** The part of a call that decides who may see it: its lead (when it has one) and its department. */
export interface CallAudienceFields {
  lead: LeadAudienceFields | null;
  departmentId: number | null;
}

/**
 * Who may see a call and hear its recording: whoever may see its lead (leads.policy.ts); a call that belongs to
 * no lead, the directors and the curators of its department.
 */
export function canSeeCall(user: SessionUser, call: CallAudienceFields): boolean {
  if (user.role === 'director') return true;
  if (call.lead) return canSeeLead(user, call.lead);
  return user.role === 'curator' && call.departmentId !== null && call.departmentId === user.departmentId;
}

/**
 * canSeeCall as a query: restricts a query over `calls` joined (left) with their `leads` to the calls the user may
 * see. A client known to two departments has calls of both: each viewer gets those of leads they may see.
 */
export function scopeCalls<T extends Knex.QueryBuilder>(qb: T, user: SessionUser): T {
  if (user.role === 'director') return qb;
  return qb.where((w) => {
    void w.where((ofLead) => void scopeLeads(ofLead.whereNotNull('calls.lead_id'), user));
    if (user.role === 'curator') void w.orWhere((noLead) => void noLead.whereNull('calls.lead_id').where('calls.department_id', user.departmentId ?? -1));
  }) as T;
}

import type { SessionUser } from '../../http/session-user.js';
import { canSeeLead, type LeadAudienceFields } from '../leads/leads.policy.js';

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

import type { CallPopEvent, CommentDto } from '../api-types.js';
import type { Deps } from '../deps.js';
import { lastCallOfClient } from '../modules/calls/calls.queries.js';
import { canSeeLead } from '../modules/leads/leads.policy.js';
import { loadSummary } from '../modules/leads/leads.events.js';
import { leadFor, toComment, type CommentRow, type LeadSummary } from '../modules/leads/leads.presenter.js';
import type { RoutingPlan, StaffRow } from './routing-plan.js';

export type PopCard = Omit<CallPopEvent, 'ringingUserIds' | 'lead'> & { lead: LeadSummary | null };

/** What the screen pop shows: the caller's lead, its last comment and the client's last call (or just the number). */
export async function preparePop(deps: Deps, callId: number, callerNumber: string, plan: RoutingPlan): Promise<PopCard> {
  const card: PopCard = {
    callId,
    callerNumber,
    departmentId: plan.department.id,
    departmentName: plan.department.name,
    lead: null,
    lastComment: null,
    lastCall: null,
  };
  const match = plan.match;
  if (!match) return card;
  const [lead, comment, lastCall] = await Promise.all([
    match.leadId ? loadSummary(deps.db, match.leadId) : Promise.resolve(null),
    match.leadId
      ? deps
          .db('lead_comments')
          .leftJoin('users', 'users.id', 'lead_comments.author_id')
          .where('lead_comments.lead_id', match.leadId)
          .orderBy([
            { column: 'lead_comments.created_at', order: 'desc' },
            { column: 'lead_comments.id', order: 'desc' },
          ])
          .first<CommentRow | undefined>('lead_comments.*', 'users.name as author_name')
      : Promise.resolve(undefined),
    lastCallOfClient(deps.db, match.clientId, callId),
  ]);
  return { ...card, lead, lastComment: comment ? (toComment(comment) as CommentDto) : null, lastCall };
}

/** Pops the card on every tab of the user; the lead's details only for those allowed to see the lead. */
export function emitPop(deps: Deps, card: PopCard, user: StaffRow, ringingUserIds: number[]): void {
  const sessionUser = { id: user.id, role: user.role, departmentId: user.department_id === null ? null : Number(user.department_id), assistsUserId: user.assists_user_id === null ? null : Number(user.assists_user_id), name: user.name, email: '' };
  const visible = card.lead ? canSeeLead(sessionUser, card.lead) : false;
  const shown: CallPopEvent = visible && card.lead ? { ...card, lead: leadFor(sessionUser, card.lead), ringingUserIds } : { ...card, lead: null, lastComment: null, lastCall: null, ringingUserIds };
  deps.realtime.toUsers([user.id]).emit('call:ringing', shown);
}

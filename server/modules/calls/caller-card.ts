import type { CallPopEvent, CommentDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { loadSummary } from '../leads/leads.events.js';
import { toComment, type CommentRow, type LeadSummary } from '../leads/leads.presenter.js';
import { lastCallOfLead } from './calls.queries.js';

/** The screen pop's card before it is addressed: `call:ringing` without the ringing users and the lead's `can`. */
export type CallerCard = Omit<CallPopEvent, 'ringingUserIds' | 'lead'> & { lead: LeadSummary | null };

export interface CallerCardInput {
  callId: number;
  /** The caller ID as shown (E.164 when it parses). */
  callerNumber: string;
  department: { id: number; name: string };
  /** The client the caller lookup found (and the lead that decided the routing), or null when unknown. */
  caller: { clientId: number; leadId: number | null } | null;
}

/**
 * What the screen pop shows for a call: the caller's lead, its last comment and its previous call, or
 * only the number and the department for a caller nobody knows. Who may see the lead part is decided when the
 * card is sent (calls.events.ts), per ringing user. Three reads in parallel; rejects when the database fails.
 */
export async function callerCard(db: Queryable, input: CallerCardInput): Promise<CallerCard> {
  const card: CallerCard = {
    callId: input.callId,
    callerNumber: input.callerNumber,
    departmentId: input.department.id,
    departmentName: input.department.name,
    lead: null,
    lastComment: null,
    lastCall: null,
  };
  const caller = input.caller;
  if (!caller) return card;
  const [lead, comment, lastCall] = await Promise.all([
    caller.leadId ? loadSummary(db, caller.leadId) : Promise.resolve(null),
    caller.leadId ? lastComment(db, caller.leadId) : Promise.resolve(undefined),
    caller.leadId ? lastCallOfLead(db, caller.leadId, input.callId) : Promise.resolve(null),
  ]);
  return { ...card, lead, lastComment: comment ? (toComment(comment) as CommentDto) : null, lastCall };
}

function lastComment(db: Queryable, leadId: number): Promise<CommentRow | undefined> {
  return db('lead_comments')
    .leftJoin('users', 'users.id', 'lead_comments.author_id')
    .where('lead_comments.lead_id', leadId)
    .orderBy([
      { column: 'lead_comments.created_at', order: 'desc' },
      { column: 'lead_comments.id', order: 'desc' },
    ])
    .first<CommentRow | undefined>('lead_comments.*', 'users.name as author_name');
}

import type { DistributionDecisionDto, DistributionReasonDto, LeadSpeedDto } from '../../api-types.js';
import { fromDbTime, toDbTime, type Queryable } from '../../db/knex.js';
import type { Decision } from './decide.js';

/** A call counts as a conversation once it was answered and talked for at least this many seconds. */
export const CONVERSATION_MIN_TALK_SECONDS = 10;

export async function recordDecision(tx: Queryable, leadId: number, d: Decision, at: Date): Promise<void> {
  await tx('lead_distribution').insert({ lead_id: leadId, at: toDbTime(at), decision: d.decision, user_id: d.userId, reasons: JSON.stringify(d.reasons) });
}

/** The lead's distribution decisions, oldest first. */
export async function listDecisions(db: Queryable, leadId: number): Promise<DistributionDecisionDto[]> {
  const rows = await db('lead_distribution')
    .where('lead_id', leadId)
    .orderBy('id')
    .select<{ at: string; decision: DistributionDecisionDto['decision']; user_id: number | null; reasons: string }[]>('at', 'decision', 'user_id', 'reasons');
  return rows.map((r) => ({
    at: fromDbTime(r.at)!,
    decision: r.decision,
    userId: r.user_id === null ? null : Number(r.user_id),
    reasons: JSON.parse(r.reasons) as DistributionReasonDto[],
  }));
}

const seconds = (from: string, to: unknown) => (to === null || to === undefined ? null : Math.max(0, Math.round((Date.parse(fromDbTime(to)!) - Date.parse(from)) / 1000)));

interface SpeedCallRow {
  t: string;
  direction: string;
  user_name: string | null;
  callback: number | null;
}

/**
 * Speed to lead of one lead, in seconds from its arrival: to its first assignment, to the first call with its client
 * after it arrived (either direction), and to the first such call answered with at least CONVERSATION_MIN_TALK_SECONDS
 * of talk; null where it has not happened yet. With each, how it was reached: the first assignment's history row
 * (no actor: the distribution, whose first decision naming a manager says owner / rule / pool; an actor: manual)
 * and each call's direction, whether an instant-callback attempt placed it, and who was on Leadline's side.
 */
export async function leadSpeed(
  db: Queryable,
  lead: { id: number; client_id: number; created_at: string; assigned_at: string | null },
): Promise<LeadSpeedDto> {
  const created = fromDbTime(lead.created_at)!;
  const calls = () =>
    db('calls')
      .leftJoin('users', 'users.id', 'calls.user_id')
      .where('calls.client_id', lead.client_id)
      .where('calls.started_at', '>=', toDbTime(new Date(created)))
      .select('calls.direction', 'users.name as user_name')
      .select(db.raw('(select min(ca.id) from callback_attempts ca where ca.call_id = calls.id) as callback'));
  const [attempt, conversation, assigned, decision] = await Promise.all([
    calls().select('calls.started_at as t').orderBy('calls.started_at').orderBy('calls.id').first<SpeedCallRow | undefined>(),
    calls()
      .whereNotNull('calls.answered_at')
      .where('calls.talk_seconds', '>=', CONVERSATION_MIN_TALK_SECONDS)
      .select('calls.answered_at as t')
      .orderBy('calls.answered_at')
      .orderBy('calls.id')
      .first<SpeedCallRow | undefined>(),
    lead.assigned_at === null
      ? undefined
      : db('lead_history')
          .leftJoin('users as actor', 'actor.id', 'lead_history.actor_id')
          .where({ 'lead_history.lead_id': lead.id, 'lead_history.action': 'assigned' })
          .orderBy('lead_history.id')
          .first<{ actor_id: number | null; actor_name: string | null; new_value: string | null } | undefined>('lead_history.actor_id', 'actor.name as actor_name', 'lead_history.new_value'),
    db('lead_distribution').where('lead_id', lead.id).whereIn('decision', ['owner', 'rule', 'pool']).whereNotNull('user_id').orderBy('id').first<{ decision: 'owner' | 'rule' | 'pool' } | undefined>('decision'),
  ]);
  const via = (row: SpeedCallRow | undefined) =>
    row ? { how: row.callback !== null ? ('callback' as const) : row.direction === 'inbound' ? ('inbound' as const) : ('outbound' as const), userName: row.user_name } : null;
  const manual = assigned?.actor_id !== null && assigned?.actor_id !== undefined;
  return {
    assignedSeconds: seconds(created, lead.assigned_at),
    firstAttemptSeconds: seconds(created, attempt?.t),
    firstConversationSeconds: seconds(created, conversation?.t),
    assignedVia: !assigned
      ? null
      : { how: manual || !decision ? 'manual' : decision.decision, managerName: assigned.new_value, byName: manual ? assigned.actor_name : null },
    firstAttemptVia: via(attempt),
    firstConversationVia: via(conversation),
  };
}

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

/**
 * Speed to lead of one lead, in seconds from its arrival: to its first assignment, to the first call with its client
 * after it arrived (either direction), and to the first such call answered with at least CONVERSATION_MIN_TALK_SECONDS
 * of talk. Null where it has not happened yet.
 */
export async function leadSpeed(
  db: Queryable,
  lead: { id: number; client_id: number; created_at: string; assigned_at: string | null },
): Promise<LeadSpeedDto> {
  const created = fromDbTime(lead.created_at)!;
  const calls = () => db('calls').where('client_id', lead.client_id).where('started_at', '>=', toDbTime(new Date(created)));
  const [attempt, conversation] = await Promise.all([
    calls().min<{ t: string | null }[]>('started_at as t'),
    calls().whereNotNull('answered_at').where('talk_seconds', '>=', CONVERSATION_MIN_TALK_SECONDS).min<{ t: string | null }[]>('answered_at as t'),
  ]);
  return {
    assignedSeconds: seconds(created, lead.assigned_at),
    firstAttemptSeconds: seconds(created, attempt[0]?.t),
    firstConversationSeconds: seconds(created, conversation[0]?.t),
  };
}

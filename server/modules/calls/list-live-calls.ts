import type { LiveCallDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fromDbTime, toDbTime } from '../../db/knex.js';
import { ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { canAssignLeads } from '../leads/leads.policy.js';
import { scopeCalls } from './calls.policy.js';

/** A call still "ringing" or "up" after this long was lost with Asterisk and is not shown as live. */
const LIVE_AT_MOST_MS = 4 * 3600_000;

interface LiveRow {
  id: number;
  direction: string;
  status: string;
  client_number: string | null;
  department_id: number | null;
  lead_id: number | null;
  started_at: string;
  answered_at: string | null;
  agent_name: string | null;
  full_name: string | null;
  organization: string | null;
}

/**
 * The calls going on now that the user may see (calls.policy.ts: a curator, their department's), newest first: who
 * talks to whom, whose phones ring, and the callers waiting with no phone ringing. For curators and directors (403
 * otherwise). Two queries: the calls, then the ringing legs.
 */
export async function listLiveCalls(deps: Deps, user: SessionUser): Promise<LiveCallDto[]> {
  if (!canAssignLeads(user)) throw new ForbiddenError();
  const { db } = deps;
  const rows = await scopeCalls(
    db('calls')
      .leftJoin('leads', 'leads.id', 'calls.lead_id')
      .leftJoin('clients', 'clients.id', 'leads.client_id')
      .leftJoin('users', 'users.id', 'calls.user_id')
      .whereIn('calls.status', ['ringing', 'up'])
      .where('calls.started_at', '>=', toDbTime(new Date(Date.now() - LIVE_AT_MOST_MS))),
    user,
  )
    .orderBy('calls.started_at', 'desc')
    .limit(100)
    .select<LiveRow[]>('calls.id', 'calls.direction', 'calls.status', 'calls.client_number', 'calls.department_id', 'calls.lead_id', 'calls.started_at', 'calls.answered_at', 'users.name as agent_name', 'clients.full_name', 'clients.organization');
  const ids = rows.map((r) => Number(r.id));
  const legs = ids.length
    ? await db('call_legs')
        .join('users', 'users.id', 'call_legs.user_id')
        .whereIn('call_legs.call_id', ids)
        .whereNull('call_legs.ended_at')
        .whereNull('call_legs.answered_at')
        .select<{ call_id: number; name: string }[]>('call_legs.call_id', 'users.name')
    : [];
  const ringing = new Map<number, string[]>();
  for (const l of legs) ringing.set(Number(l.call_id), [...(ringing.get(Number(l.call_id)) ?? []), l.name]);
  return rows.map((r) => {
    const names = ringing.get(Number(r.id)) ?? [];
    const state: LiveCallDto['state'] = r.status === 'up' ? 'talking' : names.length ? 'ringing' : 'waiting';
    const withLead = r.lead_id !== null;
    return {
      callId: Number(r.id),
      direction: r.direction === 'outbound' ? 'outbound' : 'inbound',
      state,
      clientNumber: r.client_number,
      clientName: withLead ? (r.full_name ?? r.organization) : null,
      leadId: withLead ? Number(r.lead_id) : null,
      departmentId: r.department_id === null ? null : Number(r.department_id),
      agentName: r.agent_name,
      ringingNames: names,
      startedAt: fromDbTime(r.started_at) ?? '',
      answeredAt: fromDbTime(r.answered_at),
    };
  });
}

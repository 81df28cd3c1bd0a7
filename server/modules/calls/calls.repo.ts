import type { CallDisposition } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { toDbTime } from '../../db/knex.js';

export type RecordingState = 'none' | 'recording' | 'ready' | 'unusable';

export interface CallRow {
  id: number;
  linkedid: string | null;
  channel_id: string | null;
  direction: 'inbound' | 'outbound';
  client_number: string | null;
  dnis: string | null;
  department_id: number | null;
  client_id: number | null;
  lead_id: number | null;
  user_id: number | null;
  status: 'ringing' | 'up' | 'ended';
  disposition: CallDisposition | null;
  routing: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  ring_seconds: number | null;
  talk_seconds: number | null;
  recording_name: string | null;
  recording_state: RecordingState;
}

export interface NewCall {
  direction: 'inbound' | 'outbound';
  channelId: string;
  linkedid: string | null;
  clientNumber: string | null;
  dnis: string | null;
  departmentId: number | null;
  clientId?: number | null;
  leadId?: number | null;
  userId?: number | null;
  routing?: string | null;
  startedAt: string;
}

export async function insertCall(db: Queryable, c: NewCall): Promise<number> {
  const [id] = await db('calls').insert({
    direction: c.direction,
    channel_id: c.channelId,
    linkedid: c.linkedid,
    client_number: c.clientNumber,
    dnis: c.dnis,
    department_id: c.departmentId,
    client_id: c.clientId ?? null,
    lead_id: c.leadId ?? null,
    user_id: c.userId ?? null,
    routing: c.routing ? c.routing.slice(0, 300) : null,
    status: 'ringing',
    started_at: c.startedAt,
    recording_state: 'none',
  });
  return Number(id);
}

export async function updateCall(db: Queryable, id: number, patch: Partial<Omit<CallRow, 'id'>>): Promise<void> {
  await db('calls').where('id', id).update(patch);
}

export async function findCallRow(db: Queryable, id: number): Promise<CallRow | undefined> {
  return db('calls').where('id', id).first<CallRow | undefined>();
}

function seconds(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const ms = Date.parse(`${to.replace(' ', 'T')}Z`) - Date.parse(`${from.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null;
}

/** Closes a call: ring and talk time from the timestamps stored on the row itself. */
export async function closeCall(db: Queryable, id: number, disposition: CallDisposition, endedAt = toDbTime()): Promise<CallRow | undefined> {
  const row = await findCallRow(db, id);
  if (!row || row.status === 'ended') return row;
  const startedAt = String(row.started_at).slice(0, 23);
  const answeredAt = row.answered_at ? String(row.answered_at).slice(0, 23) : null;
  const patch = {
    status: 'ended' as const,
    disposition,
    ended_at: endedAt,
    ring_seconds: seconds(startedAt, answeredAt ?? endedAt),
    talk_seconds: answeredAt ? seconds(answeredAt, endedAt) : null,
  };
  await updateCall(db, id, patch);
  return { ...row, ...patch };
}

export interface NewLeg {
  callId: number;
  step: string;
  target: string | null;
  userId: number | null;
  channelId: string | null;
  result?: string | null;
  startedAt?: string;
}

export async function insertLeg(db: Queryable, l: NewLeg): Promise<number> {
  const at = l.startedAt ?? toDbTime();
  const [id] = await db('call_legs').insert({
    call_id: l.callId,
    step: l.step,
    target: l.target,
    user_id: l.userId,
    channel_id: l.channelId,
    started_at: at,
    ended_at: l.result ? at : null,
    result: l.result ?? null,
  });
  return Number(id);
}

export async function updateLeg(db: Queryable, id: number, patch: { answered_at?: string; ended_at?: string; cause?: number | null; result?: string; target?: string | null; user_id?: number | null }): Promise<void> {
  await db('call_legs').where('id', id).update(patch);
}

export interface CallLegRow {
  id: number;
  call_id: number;
  step: string;
  target: string | null;
  user_id: number | null;
  channel_id: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  cause: number | null;
  result: string | null;
}

export async function legsOf(db: Queryable, callId: number): Promise<CallLegRow[]> {
  return db('call_legs').where('call_id', callId).orderBy('id');
}

/** Calls not ended yet (after a reconnect: which of them still have channels?). */
export async function openCalls(db: Queryable): Promise<CallRow[]> {
  return db('calls').whereNot('status', 'ended');
}

/** Calls whose recording has not been confirmed playable yet. */
export async function callsWithUnconfirmedRecording(db: Queryable): Promise<CallRow[]> {
  return db('calls').where('recording_state', 'recording');
}

import type { CallDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeCalls } from './calls.policy.js';
import { toCallDto, type CallRowWithUser } from './calls.presenter.js';

function withUser(db: Queryable) {
  return db('calls').leftJoin('users', 'users.id', 'calls.user_id').select('calls.*', 'users.name as user_name');
}

/** The calls of a client that `viewer` may see (calls.policy.ts), newest first, as the lead card lists them. */
export async function callsForClient(db: Queryable, clientId: number, viewer: SessionUser): Promise<CallDto[]> {
  const rows: CallRowWithUser[] = await scopeCalls(withUser(db).leftJoin('leads', 'leads.id', 'calls.lead_id'), viewer)
    .where('calls.client_id', clientId)
    .orderBy([
      { column: 'calls.started_at', order: 'desc' },
      { column: 'calls.id', order: 'desc' },
    ])
    .limit(500);
  return rows.map(toCallDto);
}

/** The lead's latest call before this one (the screen pop shows it to those who may see the lead). */
export async function lastCallOfLead(db: Queryable, leadId: number, exceptCallId: number | null): Promise<CallDto | null> {
  const q = withUser(db).where('calls.lead_id', leadId).orderBy([
    { column: 'calls.started_at', order: 'desc' },
    { column: 'calls.id', order: 'desc' },
  ]);
  if (exceptCallId !== null) q.whereNot('calls.id', exceptCallId);
  const row = (await q.first()) as CallRowWithUser | undefined;
  return row ? toCallDto(row) : null;
}

export async function findCallDto(db: Queryable, callId: number): Promise<CallDto | null> {
  const row = (await withUser(db).where('calls.id', callId).first()) as CallRowWithUser | undefined;
  return row ? toCallDto(row) : null;
}

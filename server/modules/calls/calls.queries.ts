import type { CallDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { toCallDto, type CallRowWithUser } from './calls.presenter.js';

function withUser(db: Queryable) {
  return db('calls').leftJoin('users', 'users.id', 'calls.user_id').select('calls.*', 'users.name as user_name');
}

/** Every call of a client, newest first, as the lead card lists them. */
export async function callsForClient(db: Queryable, clientId: number): Promise<CallDto[]> {
  const rows: CallRowWithUser[] = await withUser(db)
    .where('calls.client_id', clientId)
    .orderBy([
      { column: 'calls.started_at', order: 'desc' },
      { column: 'calls.id', order: 'desc' },
    ])
    .limit(500);
  return rows.map(toCallDto);
}

/** The client's latest call before this one (the screen pop shows it). */
export async function lastCallOfClient(db: Queryable, clientId: number, exceptCallId: number | null): Promise<CallDto | null> {
  const q = withUser(db).where('calls.client_id', clientId).orderBy([
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

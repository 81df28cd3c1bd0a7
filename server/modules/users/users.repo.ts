import { CLOSING_STATUSES, type Presence, type Role, type UserDto, type WorkingHoursDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { UserRow as SessionUserRow } from '../../http/sessions.js';

/** Everything of a user but the password hash, which never leaves this module's writes. */
export interface UserRow extends SessionUserRow {
  endpoint: string | null;
  mobile: string | null;
  presence: string;
  active: number | boolean;
  working_hours: string | null;
}

const USER_COLUMNS = [
  'users.id',
  'users.name',
  'users.email',
  'users.role',
  'users.department_id',
  'users.assists_user_id',
  'users.endpoint',
  'users.mobile',
  'users.presence',
  'users.active',
  'users.working_hours',
];

/** Statuses after which a lead no longer counts toward a manager's load. */
export const CLOSED_STATUSES: readonly string[] = [...CLOSING_STATUSES, 'completed'];

export function rowToUser(r: UserRow, live: { presence: Presence; online: boolean; onCall: boolean }, can: UserDto['can'], openLeads?: number): UserDto {
  return {
    id: Number(r.id),
    name: r.name,
    email: r.email,
    role: r.role as Role,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    assistsUserId: r.assists_user_id === null ? null : Number(r.assists_user_id),
    endpoint: r.endpoint,
    mobile: r.mobile,
    presence: live.presence,
    online: live.online,
    onCall: live.onCall,
    active: Boolean(r.active),
    workingHours: workingHoursOf(r.working_hours),
    can,
    ...(openLeads === undefined ? {} : { openLeads }),
  };
}

/** A stored `users.working_hours` (JSON) as working hours; null: the department's. */
export function workingHoursOf(stored: string | null): WorkingHoursDto | null {
  return stored ? (JSON.parse(stored) as WorkingHoursDto) : null;
}

export async function findUserRow(db: Queryable, id: number): Promise<UserRow | null> {
  return (await db('users').where('users.id', id).first<UserRow | undefined>(USER_COLUMNS)) ?? null;
}

/** Users of one department (plus the given extra ids), or everyone when departmentId is undefined. */
export async function listUserRows(db: Queryable, scope: { departmentId: number | null; alsoIds: number[] } | 'all'): Promise<UserRow[]> {
  const q = db('users').select<UserRow[]>(USER_COLUMNS).orderBy('users.name').orderBy('users.id');
  if (scope !== 'all') {
    q.where((w) => {
      w.whereIn('users.id', scope.alsoIds.length ? scope.alsoIds : [-1]);
      if (scope.departmentId !== null) w.orWhere('users.department_id', scope.departmentId);
    });
  }
  return q;
}

/** Open (not closed) leads per owner, in one grouped query. */
export async function openLeadCounts(db: Queryable, ownerIds: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  if (ownerIds.length === 0) return counts;
  const rows = await db('leads')
    .whereIn('owner_id', ownerIds)
    .whereNotIn('status', CLOSED_STATUSES)
    .groupBy('owner_id')
    .select('owner_id')
    .count<{ owner_id: number; n: number | string }[]>({ n: '*' });
  for (const r of rows) counts.set(Number(r.owner_id), Number(r.n));
  return counts;
}

export async function emailTaken(db: Queryable, email: string, exceptId: number | null): Promise<boolean> {
  const q = db('users').where('email', email).first('id');
  if (exceptId !== null) q.whereNot('id', exceptId);
  return Boolean(await q);
}

export async function endpointTaken(db: Queryable, endpoint: string, exceptId: number | null): Promise<boolean> {
  const q = db('users').where({ endpoint, active: true }).first('id');
  if (exceptId !== null) q.whereNot('id', exceptId);
  return Boolean(await q);
}

export async function hasAssistants(db: Queryable, managerId: number): Promise<boolean> {
  return Boolean(await db('users').where({ assists_user_id: managerId, active: true }).first('id'));
}

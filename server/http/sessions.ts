/** Login sessions: a random token in an httpOnly cookie, stored only as its sha256, tied to a user. */
import type { Queryable } from '../db/knex.js';
import { fromDbTime, toDbTime } from '../db/knex.js';
import { randomToken, sha256 } from '../lib/password.js';
import type { Role } from '../api-types.js';
import type { SessionUser } from './session-user.js';
import { isLocale } from '../lib/locale.js';

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: string;
  department_id: number | null;
  assists_user_id: number | null;
  locale: string | null;
}

/** The `users` columns a SessionUser is made of. */
export const SESSION_USER_COLUMNS = ['users.id', 'users.name', 'users.email', 'users.role', 'users.department_id', 'users.assists_user_id', 'users.locale'] as const;

export function rowToSessionUser(r: UserRow): SessionUser {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    departmentId: r.department_id,
    assistsUserId: r.assists_user_id,
    locale: isLocale(r.locale) ? r.locale : null,
  };
}

export async function createSession(db: Queryable, userId: number, ttlMs: number): Promise<string> {
  const token = randomToken();
  const now = new Date();
  await db('sessions').insert({
    id: sha256(token),
    user_id: userId,
    created_at: toDbTime(now),
    expires_at: toDbTime(new Date(now.getTime() + ttlMs)),
  });
  return token;
}

export async function findSessionUser(db: Queryable, token: string): Promise<SessionUser | null> {
  return (await findSession(db, token))?.user ?? null;
}

/** A live session: its id (the sha256 of the cookie's token), its user, and when it ends. */
export interface LiveSession {
  id: string;
  user: SessionUser;
  expiresAt: Date;
}

/** The session of this cookie token while it lasts and its user is active; else null. */
export async function findSession(db: Queryable, token: string): Promise<LiveSession | null> {
  const id = sha256(token);
  const row = await db('sessions')
    .join('users', 'users.id', 'sessions.user_id')
    .where('sessions.id', id)
    .andWhere('sessions.expires_at', '>', toDbTime())
    .andWhere('users.active', true)
    .first<(UserRow & { expires_at: string }) | undefined>(...SESSION_USER_COLUMNS, 'sessions.expires_at');
  return row ? { id, user: rowToSessionUser(row), expiresAt: new Date(fromDbTime(row.expires_at)!) } : null;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db('sessions').where('id', sha256(token)).delete();
}

export async function deleteUserSessions(db: Queryable, userId: number): Promise<void> {
  await db('sessions').where('user_id', userId).delete();
}

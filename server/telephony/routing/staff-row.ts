import type { Queryable } from '../../db/knex.js';
import type { Presence } from '../../api-types.js';

/**
 * A member of staff as call routing reads them: who they are (the fields of a SessionUser, so that
 * `rowToSessionUser` can judge what they may see on the screen pop), their desk phone's SIP endpoint
 * (`PJSIP/101`), their mobile number (dialled through the trunk) and the presence they chose.
 */
export interface StaffRow {
  id: number;
  name: string;
  email: string;
  role: 'director' | 'curator' | 'manager' | 'assistant';
  department_id: number | null;
  assists_user_id: number | null;
  endpoint: string | null;
  mobile: string | null;
  presence: Presence;
  /** Their own choice of language (null: the install's default). */
  locale: string | null;
  active: boolean | number;
}

/** The `users` columns of a StaffRow, for selects. */
export const STAFF_COLUMNS = ['id', 'name', 'email', 'role', 'department_id', 'assists_user_id', 'endpoint', 'mobile', 'presence', 'locale', 'active'] as const;

/**
 * The active member of staff whose desk phone is `endpoint` (`PJSIP/102`), or null: who took a call by a
 * transfer or a pickup, known to Asterisk only by their phone.
 */
export async function staffByEndpoint(db: Queryable, endpoint: string): Promise<StaffRow | null> {
  if (!endpoint) return null;
  const row = await db('users').where({ endpoint, active: true }).first<StaffRow | undefined>(STAFF_COLUMNS);
  return row ? { ...row, id: Number(row.id) } : null;
}

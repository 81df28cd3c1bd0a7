import type { Role } from '../api-types.js';

/** Who is asking: what every policy decision needs, loaded once per request or socket (http/sessions.ts). */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  assistsUserId: number | null;
}

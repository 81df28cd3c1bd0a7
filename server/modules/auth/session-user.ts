export const ROLES = ['director', 'curator', 'manager', 'assistant'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: what every policy decision needs, loaded once per request or socket. */
export interface SessionUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  assistsUserId: number | null;
}

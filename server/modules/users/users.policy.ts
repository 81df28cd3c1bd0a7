import { ROLES, type Role } from '../../api-types.js';
import type { SessionUser } from '../../http/session-user.js';

/** The part of a user account that decides who may manage it. */
export interface UserPlacement {
  role: Role;
  departmentId: number | null;
}

/**
 * Who manages whom: the director everyone; a curator the managers and assistants of their own department
 * (never directors or curators, never another department). Checked against the account as it is and as it
 * would become, so a curator can neither edit a curator nor promote a manager.
 */
export function canManageUser(actor: SessionUser, target: UserPlacement): boolean {
  if (actor.role === 'director') return true;
  if (actor.role !== 'curator' || actor.departmentId === null) return false;
  return (target.role === 'manager' || target.role === 'assistant') && target.departmentId === actor.departmentId;
}

/** Who may create or edit accounts at all. */
export function canManageUsers(actor: SessionUser): boolean {
  return actor.role === 'director' || actor.role === 'curator';
}

/** The roles the actor may give to people of their own department (a director: any, anywhere). */
export function grantableRoles(actor: SessionUser): Role[] {
  return ROLES.filter((role) => canManageUser(actor, { role, departmentId: actor.departmentId }));
}

/** Whom a user sees in the team list: the director everyone; others their department and themselves. */
export function userListScope(actor: SessionUser): 'all' | { departmentId: number | null; alsoIds: number[] } {
  if (actor.role === 'director') return 'all';
  return { departmentId: actor.departmentId, alsoIds: [actor.id] };
}

export function canSeeUser(actor: SessionUser, target: { id: number; departmentId: number | null }): boolean {
  return actor.role === 'director' || target.id === actor.id || (actor.departmentId !== null && target.departmentId === actor.departmentId);
}

import type { SessionUser } from '../../http/session-user.js';

/**
 * Websites that send leads: the director sets them up (their keys open the door to the intake); everyone else
 * sees only their own department's sites, and only without their keys.
 */
export function canManageSites(user: SessionUser): boolean {
  return user.role === 'director';
}

export function canSeeSite(user: SessionUser, site: { departmentId: number }): boolean {
  return user.role === 'director' || (user.departmentId !== null && site.departmentId === user.departmentId);
}

/** The sites a user's lists show: all, or one department's (none for someone without a department). */
export function siteScope(user: SessionUser): 'all' | { departmentId: number | null } {
  return user.role === 'director' ? 'all' : { departmentId: user.departmentId };
}

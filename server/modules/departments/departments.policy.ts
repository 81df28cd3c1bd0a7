import type { SessionUser } from '../../http/session-user.js';

/** Everyone logged in reads departments (names in lists); only the director creates them and changes their numbers and routing. */
export function canManageDepartments(user: SessionUser): boolean {
  return user.role === 'director';
}

/** Sees and acts across every department (everyone else works within their own). */
export function seesAllDepartments(user: SessionUser): boolean {
  return user.role === 'director';
}

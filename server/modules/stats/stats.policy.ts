import { ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';

/** Whose figures a report covers: every manager, one department's, or one manager's. */
export type ReportScope = { kind: 'all' } | { kind: 'department'; departmentId: number } | { kind: 'manager'; managerId: number; departmentId: number | null };

const refused = () => new ForbiddenError(text('error.reports_forbidden'));

/**
 * Who sees which report: a director everyone (or the department asked for); a curator their own department; a
 * manager only their own figures; an assistant the figures of the manager they assist (the leads they work).
 * Asking for another department than one's own is a 403, as is a curator without a department.
 */
export function reportScope(user: SessionUser, departmentId?: number): ReportScope {
  switch (user.role) {
    case 'director':
      return departmentId === undefined ? { kind: 'all' } : { kind: 'department', departmentId };
    case 'curator':
      if (user.departmentId === null || (departmentId !== undefined && departmentId !== user.departmentId)) throw refused();
      return { kind: 'department', departmentId: user.departmentId };
    case 'manager':
    case 'assistant': {
      const managerId = user.role === 'manager' ? user.id : user.assistsUserId;
      if (managerId === null || (departmentId !== undefined && departmentId !== user.departmentId)) throw refused();
      return { kind: 'manager', managerId, departmentId: user.departmentId };
    }
  }
}

/**
 * A report narrowed to one manager (`ownerId`): allowed when that person is inside the user's scope (a director's
 * department filter still applies to the leads). Throws a 403 otherwise, or when there is no such person.
 */
export function checkManagerInScope(user: SessionUser, scope: ReportScope, manager: { id: number; departmentId: number | null } | undefined): void {
  if (!manager) throw refused();
  if (scope.kind === 'manager' && scope.managerId !== manager.id) throw refused();
  if (user.role === 'curator' && scope.kind === 'department' && scope.departmentId !== manager.departmentId) throw refused();
}

/**
 * Whose activity feed a user may read: a director anyone's, a curator their department's people's, managers and
 * assistants only their own.
 */
export function canSeeActivityOf(user: SessionUser, person: { id: number; departmentId: number | null }): boolean {
  switch (user.role) {
    case 'director':
      return true;
    case 'curator':
      return user.departmentId !== null && person.departmentId === user.departmentId;
    case 'manager':
    case 'assistant':
      return person.id === user.id;
  }
}

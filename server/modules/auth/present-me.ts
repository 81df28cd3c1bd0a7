import type { Locale, MeDto, Presence } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { canManageDepartments, seesAllDepartments } from '../departments/departments.policy.js';
import { canAssignLeads } from '../leads/leads.policy.js';
import { canManageSites } from '../sites/sites.policy.js';
import { canManageUsers, grantableRoles } from '../users/users.policy.js';
import { isLocale } from '../../lib/locale.js';

/** The logged-in user as the web app needs them: who they are and, from each module's policy, what they may do. */
export async function presentMe(db: Queryable, user: SessionUser, defaultLocale: Locale): Promise<MeDto> {
  const u = await db('users')
    .where('id', user.id)
    .first<{ endpoint: string | null; mobile: string | null; presence: string; locale: string | null }>('endpoint', 'mobile', 'presence', 'locale');
  const chosen = isLocale(u?.locale) ? u.locale : null;
  return {
    ...user,
    endpoint: u?.endpoint ?? null,
    mobile: u?.mobile ?? null,
    presence: (u?.presence ?? 'available') as Presence,
    locale: chosen ?? defaultLocale,
    localeChosen: chosen !== null,
    can: {
      assignLeads: canAssignLeads(user),
      allDepartments: seesAllDepartments(user),
      manageTeam: canManageUsers(user),
      manageDepartments: canManageDepartments(user),
      viewReports: canViewReports(user),
      manageSites: canManageSites(user),
      grantRoles: grantableRoles(user),
    },
  };
}

/**
 * The Reports area compares people, so it is for heads of sales: directors (every department) and curators (their
 * own). Managers and assistants read only their own figures, through the API.
 */
export function canViewReports(user: SessionUser): boolean {
  return user.role === 'director' || user.role === 'curator';
}

import type { Role, UserDto } from '../../api-types.js';
import type { SessionUser } from '../../http/session-user.js';
import type { PresenceTracker } from '../../deps.js';
import { canManageUser } from './users.policy.js';
import { rowToUser, type UserRow } from './users.repo.js';

/**
 * A user as the team list shows them to `actor`: live presence (effective), on-call state, in lists the open load,
 * and whether the actor may edit them.
 */
export function presentUser(presence: PresenceTracker, actor: SessionUser, row: UserRow, openLeads?: number): UserDto {
  const id = Number(row.id);
  const placement = { role: row.role as Role, departmentId: row.department_id === null ? null : Number(row.department_id) };
  return rowToUser(
    row,
    { presence: presence.effectiveOf(id, row.presence), online: presence.isOnline(id), onCall: presence.isOnCall(id) },
    { edit: canManageUser(actor, placement) },
    openLeads,
  );
}

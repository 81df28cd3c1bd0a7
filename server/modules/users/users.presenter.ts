import type { UserDto } from '../../api-types.js';
import type { PresenceService } from '../presence/presence.service.js';
import { rowToUser, type UserRow } from './users.repo.js';

/** A user as the team list shows them: live presence (effective), on-call state and, in lists, open load. */
export function presentUser(presence: PresenceService, row: UserRow, openLeads?: number): UserDto {
  const id = Number(row.id);
  return rowToUser(
    row,
    { presence: presence.effectiveOf(id, row.presence), online: presence.isOnline(id), onCall: presence.isOnCall(id) },
    openLeads,
  );
}

import type { UserDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { findUserRow, listUserRows, openLeadCounts } from './users.repo.js';
import { canSeeUser, userListScope } from './users.policy.js';
import { presentUser } from './users.presenter.js';

/** The team as the asker may see it, with live presence and each person's open load. */
export async function listUsers(deps: Deps, actor: SessionUser): Promise<UserDto[]> {
  const rows = await listUserRows(deps.db, userListScope(actor));
  const counts = await openLeadCounts(deps.db, rows.map((r) => Number(r.id)));
  return rows.map((r) => presentUser(deps.presence, actor, r, counts.get(Number(r.id)) ?? 0));
}

export async function getUser(deps: Deps, actor: SessionUser, id: number): Promise<UserDto> {
  const row = await findUserRow(deps.db, id);
  if (!row || !canSeeUser(actor, { id, departmentId: row.department_id === null ? null : Number(row.department_id) })) throw new NotFoundError('user');
  const counts = await openLeadCounts(deps.db, [id]);
  return presentUser(deps.presence, actor, row, counts.get(id) ?? 0);
}

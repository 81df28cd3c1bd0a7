import type { Role, UserDto } from '../../api-types.js';
import { isUniqueViolation, toDbTime } from '../../db/knex.js';
import type { Deps } from '../../deps.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { hashPassword } from '../../lib/password.js';
import { deleteUserSessions } from '../../http/sessions.js';
import type { SessionUser } from '../../http/session-user.js';
import { checkUserPlacement } from './check-user-placement.js';
import { assertUniqueFields, emailConflict, normalizeMobile } from './user-fields.js';
import { findUserRow, hasAssistants, openLeadCounts } from './users.repo.js';
import { canManageUser, canSeeUser } from './users.policy.js';
import { presentUser } from './users.presenter.js';
import type { UpdateUserInput } from './users.schema.js';
import { text, type Text } from '../../i18n/text.js';

/**
 * Edits an account. Deactivation or a password reset ends the user's sessions and closes their open tabs;
 * a new role, department or assisted manager makes their tabs reconnect into the right live rooms.
 */
export async function updateUser(deps: Deps, actor: SessionUser, id: number, input: UpdateUserInput): Promise<UserDto> {
  const { db, config } = deps;
  const current = await findUserRow(db, id);
  const currentPlacement = current && { role: current.role as Role, departmentId: current.department_id === null ? null : Number(current.department_id) };
  if (!current || !currentPlacement || !canSeeUser(actor, { id, departmentId: currentPlacement.departmentId })) throw new NotFoundError('user');

  const next = {
    role: input.role ?? currentPlacement.role,
    departmentId: input.departmentId !== undefined ? input.departmentId : currentPlacement.departmentId,
    assistsUserId: input.assistsUserId !== undefined ? input.assistsUserId : current.assists_user_id === null ? null : Number(current.assists_user_id),
  };
  // A role change away from assistant drops the assisted manager unless the request says otherwise.
  if (next.role !== 'assistant' && input.assistsUserId === undefined) next.assistsUserId = null;
  if (!canManageUser(actor, currentPlacement) || !canManageUser(actor, next)) {
    throw new ForbiddenError(text(actor.role === 'curator' ? 'error.curator_edits_own' : 'error.user_edit_forbidden'));
  }
  if (id === actor.id) {
    const fields: Record<string, Text> = {};
    if (input.active === false) fields.active = text('field.cannot_deactivate_self');
    if (next.role !== currentPlacement.role) fields.role = text('field.cannot_change_own_role');
    if (Object.keys(fields).length) throw new ValidationError(text('error.lockout'), fields);
  }
  await checkUserPlacement(db, next, id);

  const placementChanged =
    next.role !== currentPlacement.role ||
    next.departmentId !== currentPlacement.departmentId ||
    next.assistsUserId !== (current.assists_user_id === null ? null : Number(current.assists_user_id));
  const leavesManagerPost =
    currentPlacement.role === 'manager' && (next.role !== 'manager' || next.departmentId !== currentPlacement.departmentId || input.active === false);
  if (leavesManagerPost && (await hasAssistants(db, id))) {
    throw new ConflictError(text('error.has_assistants'), 'has_assistants', { role: text('field.has_assistants') });
  }

  const patch: Record<string, unknown> = { updated_at: toDbTime() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.email !== undefined) patch.email = input.email;
  if (input.mobile !== undefined) patch.mobile = normalizeMobile(input.mobile, config.defaultCountry);
  if (input.endpoint !== undefined) patch.endpoint = input.endpoint;
  if (input.active !== undefined) patch.active = input.active;
  if (input.workingHours !== undefined) patch.working_hours = input.workingHours === null ? null : JSON.stringify(input.workingHours);
  if (input.password !== undefined) patch.password_hash = await hashPassword(input.password);
  if (placementChanged) {
    patch.role = next.role;
    patch.department_id = next.departmentId;
    patch.assists_user_id = next.assistsUserId;
  }
  await assertUniqueFields(db, { email: input.email, endpoint: input.endpoint }, id);

  const deactivated = input.active === false && Boolean(current.active);
  // Someone else reset the password: whoever knew the old one is logged out everywhere.
  const endSessions = deactivated || (input.password !== undefined && id !== actor.id);
  try {
    await db.transaction(async (tx) => {
      await tx('users').where('id', id).update(patch);
      if (endSessions) await deleteUserSessions(tx, id);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailConflict();
    throw err;
  }

  if (endSessions || placementChanged) await deps.realtime.refreshUser(id);
  if (deactivated || input.active === true) void deps.presence.announce(id);
  deps.log.info({ userId: id, by: actor.id, fields: Object.keys(patch).filter((k) => k !== 'password_hash' && k !== 'updated_at') }, 'user updated');
  const counts = await openLeadCounts(db, [id]);
  return presentUser(deps.presence, actor, (await findUserRow(db, id))!, counts.get(id) ?? 0);
}

import type { UserDto } from '../../api-types.js';
import { isUniqueViolation, toDbTime } from '../../db/knex.js';
import type { Deps } from '../../deps.js';
import { ForbiddenError } from '../../errors.js';
import { hashPassword } from '../../lib/password.js';
import type { SessionUser } from '../../http/session-user.js';
import { checkUserPlacement } from './check-user-placement.js';
import { assertUniqueFields, emailConflict, normalizeMobile } from './user-fields.js';
import { findUserRow } from './users.repo.js';
import { canManageUser } from './users.policy.js';
import { presentUser } from './users.presenter.js';
import type { CreateUserInput } from './users.schema.js';
import { text } from '../../i18n/text.js';

export async function createUser(deps: Deps, actor: SessionUser, input: CreateUserInput): Promise<UserDto> {
  const { db, config } = deps;
  // A curator adds people to their own department unless they say otherwise.
  const departmentId = actor.role === 'curator' ? (input.departmentId ?? actor.departmentId) : (input.departmentId ?? null);
  const placement = { role: input.role, departmentId, assistsUserId: input.assistsUserId ?? null };
  if (!canManageUser(actor, placement)) {
    throw new ForbiddenError(text(actor.role === 'curator' ? 'error.curator_adds_own' : 'error.team_add_forbidden'));
  }
  await checkUserPlacement(db, placement, null);
  const mobile = normalizeMobile(input.mobile ?? null, config.defaultCountry);
  const endpoint = input.endpoint ?? null;
  await assertUniqueFields(db, { email: input.email, endpoint }, null);
  const passwordHash = await hashPassword(input.password);
  const now = toDbTime();
  let id: number;
  try {
    const [newId] = await db('users').insert({
      name: input.name,
      email: input.email,
      password_hash: passwordHash,
      role: input.role,
      department_id: placement.departmentId,
      assists_user_id: placement.assistsUserId,
      endpoint,
      mobile,
      presence: 'available',
      active: input.active ?? true,
      working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null,
      created_at: now,
      updated_at: now,
    });
    id = Number(newId);
  } catch (err) {
    if (isUniqueViolation(err)) throw emailConflict();
    throw err;
  }
  deps.log.info({ userId: id, role: input.role, by: actor.id }, 'user created');
  return presentUser(deps.presence, actor, (await findUserRow(db, id))!, 0);
}

import type { Queryable } from '../../db/knex.js';
import { fieldError, ForbiddenError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { text } from '../../i18n/text.js';
import type { ImportTarget } from './plan-import.js';

/**
 * Where a user may import clients to: a manager into their own ownership only (their department, every line
 * theirs); a curator into their department (lines to its managers, or to the manager named as the default);
 * a director into the department they name. Assistants do not import. Throws 403 for a department or manager
 * beyond the user's reach, 400 naming `departmentId` or `ownerId` when a director names no department or the
 * default owner is not an active manager of the department.
 */
export async function importTarget(db: Queryable, user: SessionUser, asked: { departmentId?: number; ownerId?: number }): Promise<ImportTarget> {
  if (user.role === 'assistant') throw new ForbiddenError(text('error.import_forbidden'));
  if (user.role === 'manager') {
    if (user.departmentId === null) throw new ForbiddenError(text('error.import_forbidden'));
    if ((asked.departmentId !== undefined && asked.departmentId !== user.departmentId) || (asked.ownerId !== undefined && asked.ownerId !== user.id)) {
      throw new ForbiddenError(text('error.import_own_only'));
    }
    return { departmentId: user.departmentId, defaultOwnerId: user.id, ownerFixed: true };
  }
  let departmentId: number;
  if (user.role === 'curator') {
    if (user.departmentId === null) throw new ForbiddenError(text('error.import_forbidden'));
    if (asked.departmentId !== undefined && asked.departmentId !== user.departmentId) throw new ForbiddenError(text('error.import_own_department'));
    departmentId = user.departmentId;
  } else {
    if (asked.departmentId === undefined) throw fieldError('departmentId', text('field.import_department_required'));
    const exists = await db('departments').where('id', asked.departmentId).first('id');
    if (!exists) throw fieldError('departmentId', text('field.import_department_required'));
    departmentId = asked.departmentId;
  }
  if (asked.ownerId !== undefined) {
    const owner = await db('users').where({ id: asked.ownerId, role: 'manager', department_id: departmentId, active: true }).first('id');
    if (!owner) throw fieldError('ownerId', text('field.import_owner_not_manager'));
  }
  return { departmentId, defaultOwnerId: asked.ownerId ?? null, ownerFixed: false };
}

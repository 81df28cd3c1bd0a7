import type { Role } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { ValidationError } from '../../errors.js';
import { departmentExists } from '../departments/departments.repo.js';
import { text, type Text } from '../../i18n/text.js';

export interface Placement {
  role: Role;
  departmentId: number | null;
  assistsUserId: number | null;
}

/**
 * Where an account sits must make sense: everyone but a director belongs to an existing department, and an
 * assistant assists an active manager of that same department. Throws a 400 naming the fields.
 */
export async function checkUserPlacement(db: Queryable, p: Placement, selfId: number | null): Promise<void> {
  const fields: Record<string, Text> = {};
  if (p.departmentId === null) {
    if (p.role !== 'director') fields.departmentId = text('field.department_required');
  } else if (!(await departmentExists(db, p.departmentId))) {
    fields.departmentId = text('field.no_such_department');
  }
  if (p.role === 'assistant') {
    if (p.assistsUserId === null) {
      fields.assistsUserId = text('field.assists_required');
    } else if (p.assistsUserId === selfId) {
      fields.assistsUserId = text('field.assists_self');
    } else {
      const manager = await db('users').where('id', p.assistsUserId).first('role', 'department_id', 'active');
      if (!manager || manager.role !== 'manager' || !manager.active) fields.assistsUserId = text('field.assists_active_manager');
      else if (p.departmentId !== null && Number(manager.department_id) !== p.departmentId) {
        fields.assistsUserId = text('field.assists_same_department');
      }
    }
  } else if (p.assistsUserId !== null) {
    fields.assistsUserId = text('field.assists_only_assistant');
  }
  if (Object.keys(fields).length) throw new ValidationError(text('validation.failed'), fields);
}

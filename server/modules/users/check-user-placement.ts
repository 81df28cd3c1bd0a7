import type { Role } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { ValidationError } from '../../errors.js';
import { departmentExists } from '../departments/departments.repo.js';

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
  const fields: Record<string, string> = {};
  if (p.departmentId === null) {
    if (p.role !== 'director') fields.departmentId = `is required for a ${p.role}`;
  } else if (!(await departmentExists(db, p.departmentId))) {
    fields.departmentId = 'no such department';
  }
  if (p.role === 'assistant') {
    if (p.assistsUserId === null) {
      fields.assistsUserId = 'is required for an assistant: the manager they assist';
    } else if (p.assistsUserId === selfId) {
      fields.assistsUserId = 'cannot assist themselves';
    } else {
      const manager = await db('users').where('id', p.assistsUserId).first('role', 'department_id', 'active');
      if (!manager || manager.role !== 'manager' || !manager.active) fields.assistsUserId = 'must be an active manager';
      else if (p.departmentId !== null && Number(manager.department_id) !== p.departmentId) {
        fields.assistsUserId = 'must be a manager of the same department';
      }
    }
  } else if (p.assistsUserId !== null) {
    fields.assistsUserId = 'only an assistant assists a manager';
  }
  if (Object.keys(fields).length) {
    const summary = Object.entries(fields)
      .map(([k, m]) => `${k}: ${m}`)
      .join('; ');
    throw new ValidationError(`User is invalid: ${summary}`, fields);
  }
}

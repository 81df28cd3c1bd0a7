import type { DepartmentDto, RoutingStep } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { loadSpeedToLead, speedToLeadOf } from './speed-to-lead-settings.js';
import { distributionOf, loadDistribution } from './distribution-settings.js';
import { instantCallbackOf, loadInstantCallback } from './callback-settings.js';

export interface DepartmentRow {
  id: number;
  name: string;
  ring_timeout_sec: number | null;
  routing_chain: string | null;
  currency: string | null;
  version: number;
}

export function rowToDepartment(r: DepartmentRow, numbers: string[]): Omit<DepartmentDto, 'speedToLead' | 'distribution' | 'instantCallback'> {
  return {
    id: Number(r.id),
    name: r.name,
    phoneNumbers: numbers,
    ringTimeoutSec: r.ring_timeout_sec === null ? null : Number(r.ring_timeout_sec),
    routingChain: r.routing_chain ? (r.routing_chain.split(',') as RoutingStep[]) : null,
    currency: r.currency ?? null,
    version: Number(r.version),
  };
}

export function routingChainToColumn(chain: RoutingStep[] | null): string | null {
  return chain ? chain.join(',') : null;
}

async function numbersByDepartment(db: Queryable, ids: number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>();
  if (ids.length === 0) return map;
  const rows = await db('department_numbers').whereIn('department_id', ids).orderBy('number').select('number', 'department_id');
  for (const r of rows) {
    const id = Number(r.department_id);
    map.set(id, [...(map.get(id) ?? []), String(r.number)]);
  }
  return map;
}

export async function listDepartments(db: Queryable, onlyIds?: number[]): Promise<DepartmentDto[]> {
  const q = db('departments').orderBy('name').orderBy('id').select<DepartmentRow[]>('id', 'name', 'ring_timeout_sec', 'routing_chain', 'currency', 'version');
  if (onlyIds) q.whereIn('id', onlyIds);
  const rows = await q;
  const ids = rows.map((r) => Number(r.id));
  const [numbers, speedToLead, distribution, callback] = await Promise.all([
    numbersByDepartment(db, ids),
    loadSpeedToLead(db, ids),
    loadDistribution(db, ids),
    loadInstantCallback(db, ids),
  ]);
  return rows.map((r) => ({
    ...rowToDepartment(r, numbers.get(Number(r.id)) ?? []),
    speedToLead: speedToLeadOf(speedToLead, Number(r.id)),
    distribution: distributionOf(distribution, Number(r.id)),
    instantCallback: instantCallbackOf(callback, Number(r.id)),
  }));
}

export async function findDepartment(db: Queryable, id: number): Promise<DepartmentDto | null> {
  const [dept] = await listDepartments(db, [id]);
  return dept ?? null;
}

export async function departmentExists(db: Queryable, id: number): Promise<boolean> {
  return Boolean(await db('departments').where('id', id).first('id'));
}

/** Which of these numbers already belong to a department other than `exceptId`, and to which. */
export async function numbersTakenElsewhere(
  db: Queryable,
  numbers: string[],
  exceptId: number | null,
): Promise<{ number: string; departmentName: string }[]> {
  if (numbers.length === 0) return [];
  const q = db('department_numbers')
    .join('departments', 'departments.id', 'department_numbers.department_id')
    .whereIn('department_numbers.number', numbers)
    .select('department_numbers.number', 'departments.name');
  if (exceptId !== null) q.whereNot('department_numbers.department_id', exceptId);
  const rows = await q;
  return rows.map((r) => ({ number: String(r.number), departmentName: String(r.name) }));
}

export async function replaceDepartmentNumbers(db: Queryable, departmentId: number, numbers: string[]): Promise<void> {
  await db('department_numbers').where('department_id', departmentId).delete();
  if (numbers.length) await db('department_numbers').insert(numbers.map((number) => ({ number, department_id: departmentId })));
}

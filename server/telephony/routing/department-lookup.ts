import { ROUTING_STEPS, type RoutingStep } from '../../api-types.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/knex.js';
import { digitsOnly } from '../../lib/phone.js';
import { STAFF_COLUMNS, type StaffRow } from './staff-row.js';

/** A department as an inbound call needs it: its routing chain and how long each step rings. */
export interface DepartmentRouting {
  id: number;
  name: string;
  ringTimeoutSec: number;
  chain: RoutingStep[];
}

/** How long a department's routing settings are remembered: a call must not wait on settings. */
const DEPARTMENT_CACHE_MS = 2000;
const CACHE_MAX_NUMBERS = 1000;

/**
 * The department settings behind a dialled number (DNIS), and the members of its ring group. Department
 * numbers are stored as digits only; the trunk's DNIS comes in any format (`4951234567`, `+74951234567`,
 * TELEPHONY.md "Numbers come in every format"), so both sides are compared as digits.
 */
export class DepartmentDirectory {
  private readonly cache = new Map<string, { at: number; value: DepartmentRouting | null }>();

  constructor(
    private readonly db: Queryable,
    private readonly config: Config['telephony'],
  ) {}

  /**
   * The department called on `dnis`, or null when no department has that number. A number looked up in the
   * last two seconds answers from memory without touching the database (the same promise shape either way).
   * Rejects when the database fails.
   */
  forDnis(dnis: string): Promise<DepartmentRouting | null> {
    const number = digitsOnly(dnis);
    const hit = this.cache.get(number);
    if (hit && Date.now() - hit.at < DEPARTMENT_CACHE_MS) return Promise.resolve(hit.value);
    return this.load(number);
  }

  /**
   * The ring group of a department: its active managers with a desk phone, in a stable order (by id).
   * Read when the routing chain reaches its `ring_group` step, never before.
   */
  ringGroup(departmentId: number): Promise<StaffRow[]> {
    return this.db('users')
      .where({ department_id: departmentId, role: 'manager', active: true })
      .whereNotNull('endpoint')
      .orderBy('id')
      .select<StaffRow[]>(STAFF_COLUMNS);
  }

  private async load(number: string): Promise<DepartmentRouting | null> {
    const row = await this.db('department_numbers')
      .join('departments', 'departments.id', 'department_numbers.department_id')
      .where('department_numbers.number', number)
      .first<{ id: number; name: string; ring_timeout_sec: number | null; routing_chain: string | null } | undefined>(
        'departments.id',
        'departments.name',
        'departments.ring_timeout_sec',
        'departments.routing_chain',
      );
    let value: DepartmentRouting | null = null;
    if (row) {
      const chain = (row.routing_chain ? row.routing_chain.split(',') : this.config.routingChain)
        .map((s) => s.trim())
        .filter((s): s is RoutingStep => (ROUTING_STEPS as readonly string[]).includes(s));
      value = { id: Number(row.id), name: row.name, ringTimeoutSec: Number(row.ring_timeout_sec ?? this.config.ringTimeoutSec), chain };
    }
    if (this.cache.size > CACHE_MAX_NUMBERS) this.cache.clear();
    this.cache.set(number, { at: Date.now(), value });
    return value;
  }
}

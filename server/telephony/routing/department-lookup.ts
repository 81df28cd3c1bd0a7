import { ROUTING_STEPS, type RoutingStep } from '../../api-types.js';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/knex.js';
import { withTimeout } from '../../lib/async.js';
import { dnisCandidates } from './dnis.js';
import { STAFF_COLUMNS, type StaffRow } from './staff-row.js';

/** A department as an inbound call needs it: its routing chain and how long each step rings. */
export interface DepartmentRouting {
  id: number;
  name: string;
  ringTimeoutSec: number;
  chain: RoutingStep[];
}

/** How long a department's routing settings and ring group are trusted without asking the database again. */
const FRESH_MS = 2000;
const CACHE_MAX_ENTRIES = 1000;

/** A remembered answer: fresh for FRESH_MS, and after that still the best guess while the database stalls. */
class Remembered<K, V> {
  private readonly map = new Map<K, { at: number; value: V }>();

  fresh(key: K): V | undefined {
    const hit = this.map.get(key);
    return hit && Date.now() - hit.at < FRESH_MS ? hit.value : undefined;
  }

  /** The last answer however old it is (undefined when there was none). */
  last(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  set(key: K, value: V): V {
    if (this.map.size > CACHE_MAX_ENTRIES) this.map.clear();
    this.map.set(key, { at: Date.now(), value });
    return value;
  }
}

/**
 * The department settings behind a dialled number (DNIS), and the members of its ring group. Department numbers
 * are stored in E.164 (department-number.ts); the trunk's DNIS comes in any format (dnis.ts), so it is looked up
 * by every stored form it may stand for. Answers are remembered: for two seconds they are used without asking,
 * and after that `remembered*` still gives them to a call whose database stalls past the routing deadline.
 */
export class DepartmentDirectory {
  private readonly departments = new Remembered<string, DepartmentRouting | null>();
  private readonly ringGroups = new Remembered<number, StaffRow[]>();

  constructor(
    private readonly db: Queryable,
    private readonly config: Config['telephony'],
    /** Region of numbers without a country code (config `DEFAULT_COUNTRY`). */
    private readonly defaultCountry: string,
  ) {}

  /**
   * The department called on `dnis`, or null when no department has that number. A number looked up in the
   * last two seconds answers from memory without touching the database (the same promise shape either way).
   * Rejects when the database fails.
   */
  forDnis(dnis: string): Promise<DepartmentRouting | null> {
    const hit = this.departments.fresh(dnis);
    if (hit !== undefined) return Promise.resolve(hit);
    return this.load(dnis);
  }

  /**
   * forDnis within `ms` (what is left of a call's routing deadline); past it (a database that stalls) or on an
   * error, the last answer remembered for this number, else null — and `failure` says why. Never rejects; the
   * lookup goes on and refreshes the memory when the database answers.
   */
  async forDnisWithin(dnis: string, ms: number): Promise<{ department: DepartmentRouting | null; failure?: string }> {
    try {
      return { department: await withTimeout(this.forDnis(dnis), ms, 'department lookup missed the routing deadline') };
    } catch (err) {
      const last = this.departments.last(dnis);
      return { department: last ?? null, failure: `${(err as Error).message}: ${last === undefined ? 'nothing remembered' : 'using what was last known'}` };
    }
  }

  /**
   * The ring group of a department: its active managers with a desk phone, in a stable order (by id).
   * Read alongside the caller lookup (inbound-routing.ts) and when the routing chain reaches its `ring_group` step;
   * remembered like departments.
   */
  ringGroup(departmentId: number): Promise<StaffRow[]> {
    const hit = this.ringGroups.fresh(departmentId);
    if (hit) return Promise.resolve(hit);
    return this.db('users')
      .where({ department_id: departmentId, role: 'manager', active: true })
      .whereNotNull('endpoint')
      .orderBy('id')
      .select<StaffRow[]>(STAFF_COLUMNS)
      .then((rows) => this.ringGroups.set(departmentId, rows));
  }

  /** The last ring group read for the department, however old: for a database that stalls. */
  rememberedRingGroup(departmentId: number): StaffRow[] | undefined {
    return this.ringGroups.last(departmentId);
  }

  private async load(dnis: string): Promise<DepartmentRouting | null> {
    const candidates = dnisCandidates(dnis, this.defaultCountry);
    const rows = candidates.length
      ? await this.db('department_numbers')
          .join('departments', 'departments.id', 'department_numbers.department_id')
          .whereIn('department_numbers.number', candidates)
          .select<{ number: string; id: number; name: string; ring_timeout_sec: number | null; routing_chain: string | null }[]>(
            'department_numbers.number',
            'departments.id',
            'departments.name',
            'departments.ring_timeout_sec',
            'departments.routing_chain',
          )
      : [];
    const row = candidates.map((c) => rows.find((r) => String(r.number) === c)).find(Boolean);
    let value: DepartmentRouting | null = null;
    if (row) {
      const chain = (row.routing_chain ? row.routing_chain.split(',') : this.config.routingChain)
        .map((s) => s.trim())
        .filter((s): s is RoutingStep => (ROUTING_STEPS as readonly string[]).includes(s));
      value = { id: Number(row.id), name: row.name, ringTimeoutSec: Number(row.ring_timeout_sec ?? this.config.ringTimeoutSec), chain };
    }
    return this.departments.set(dnis, value);
  }
}

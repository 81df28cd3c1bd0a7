import type { RoutingStep } from '../../api-types.js';
import type { PresenceTracker } from '../../deps.js';
import type { CallerMatch, LookupResult } from './caller-lookup.js';
import type { DepartmentRouting } from './department-lookup.js';
import type { StaffRow } from './staff-row.js';

/**
 * Where an inbound call goes, as pure decisions (no I/O): the department from the dialled number, the caller's
 * manager from the caller lookup, then the department's routing chain of steps (owner → owner's mobile →
 * ring group → voicemail by default). When the lookup misses its deadline or fails, the call goes to the
 * department as if the caller were unknown.
 */

export interface RoutingPlan {
  department: DepartmentRouting;
  match: CallerMatch | null;
  /** Why the call goes where it goes, stored on the call (`calls.routing`). */
  note: string;
}

/** A phone to ring at a step: the SIP endpoint to create the agent leg on, and whose phone it is. */
export interface RingTarget {
  step: RoutingStep;
  user: StaffRow | null;
  endpoint: string;
}

/** Someone passed over at a step, and why (`no_phone`, `no_mobile`, `inactive`, `on_call`, `dnd`, `away`, `offline`). */
export interface SkippedTarget {
  step: RoutingStep;
  user: StaffRow | null;
  /** The endpoint that would have rung, when there is one. */
  target: string | null;
  why: string;
}

/** What a step needs to know about the world, read by the caller beforehand. */
export interface StepInputs {
  /** In-memory presence: who is on a call, who chose what, who has a tab open. */
  presence: Pick<PresenceTracker, 'isOnCall' | 'effectiveOf'>;
  /** The department's ring group (DepartmentDirectory.ringGroup); only read at the `ring_group` step. */
  ringGroup: readonly StaffRow[];
  /** Users whose phone already rang in this call: a ring group does not ring them again. */
  alreadyRung: ReadonlySet<number>;
  /** How a number is dialled through the trunk, `{number}` standing for it (config TRUNK_DIAL_TEMPLATE). */
  trunkDialTemplate: string;
}

/** The plan of a call from its department and what the caller lookup answered (within its deadline or not). */
export function planFor(department: DepartmentRouting, result: LookupResult): RoutingPlan {
  switch (result.kind) {
    case 'known':
      return {
        department,
        match: result.match,
        note: result.match.owner ? `known client ${result.match.clientId}: owner ${result.match.owner.name}` : `known client ${result.match.clientId}, no active owner`,
      };
    case 'unknown':
      return { department, match: null, note: 'unknown caller: department group' };
    case 'timeout':
      return { department, match: null, note: 'caller lookup missed its deadline: department group' };
    case 'error':
      return { department, match: null, note: 'caller lookup failed: department group' };
  }
}

/** The trunk's dial string for an outside number: `PJSIP/{number}@trunk` → `PJSIP/+79001234567@trunk`. */
export function trunkEndpoint(template: string, number: string): string {
  return template.replace('{number}', number);
}

/**
 * Who rings at this step of the routing chain, and everyone passed over with the reason. `voicemail` rings
 * nobody (the session records the caller instead); an owner step of an unknown caller rings nobody either.
 */
export function whoRings(plan: RoutingPlan, step: RoutingStep, inputs: StepInputs): { targets: RingTarget[]; skipped: SkippedTarget[] } {
  const targets: RingTarget[] = [];
  const skipped: SkippedTarget[] = [];
  const owner = plan.match?.owner ?? null;
  const { presence } = inputs;
  switch (step) {
    case 'owner': {
      if (!owner) break;
      if (!owner.endpoint) skipped.push({ step, user: owner, target: null, why: 'no_phone' });
      else {
        const why = unreachableBecause(presence, owner);
        if (why) skipped.push({ step, user: owner, target: owner.endpoint, why });
        else targets.push({ step, user: owner, endpoint: owner.endpoint });
      }
      break;
    }
    case 'owner_mobile': {
      if (!owner) break;
      if (!owner.mobile) {
        skipped.push({ step, user: owner, target: null, why: 'no_mobile' });
        break;
      }
      const endpoint = trunkEndpoint(inputs.trunkDialTemplate, owner.mobile);
      const why = unreachableBecause(presence, owner, true);
      if (why) skipped.push({ step, user: owner, target: endpoint, why });
      else targets.push({ step, user: owner, endpoint });
      break;
    }
    case 'ring_group': {
      for (const m of inputs.ringGroup) {
        if (inputs.alreadyRung.has(m.id)) continue;
        if (!m.endpoint) {
          skipped.push({ step, user: m, target: null, why: 'no_phone' });
          continue;
        }
        const why = unreachableBecause(presence, m);
        if (why) skipped.push({ step, user: m, target: m.endpoint, why });
        else targets.push({ step, user: m, endpoint: m.endpoint });
      }
      break;
    }
    case 'voicemail':
      break;
  }
  return { targets, skipped };
}

/** Why a person's phone should not ring now, or null when it may. */
function unreachableBecause(presence: StepInputs['presence'], u: StaffRow, forMobile = false): string | null {
  if (!u.active) return 'inactive';
  if (presence.isOnCall(u.id)) return 'on_call';
  if (forMobile) return u.presence === 'dnd' ? 'dnd' : null; // a mobile is for when they are away from the desk
  const effective = presence.effectiveOf(u.id, u.presence);
  return effective === 'available' ? null : effective;
}

import { describe, expect, it } from 'vitest';
import type { Presence } from '../../api-types.js';
import type { LookupResult } from './caller-lookup.js';
import type { DepartmentRouting } from './department-lookup.js';
import { planFor, trunkEndpoint, whoRings, type StepInputs } from './routing-plan.js';
import type { StaffRow } from './staff-row.js';

/** The routing plan decides who rings and why others are passed over, from what the lookups read: no I/O. */

const sales: DepartmentRouting = { id: 7, name: 'Sales', ringTimeoutSec: 20, chain: ['owner', 'owner_mobile', 'ring_group', 'voicemail'] };

function staff(id: number, name: string, over: Partial<StaffRow> = {}): StaffRow {
  return { id, name, email: `${id}@t.local`, role: 'manager', department_id: 7, assists_user_id: null, endpoint: `PJSIP/${100 + id}`, mobile: null, presence: 'available', locale: null, active: 1, ...over };
}

/** Presence as the running service keeps it: who has a tab open, who is on a call. */
function world(p: { online?: number[]; onCall?: number[] } = {}): StepInputs['presence'] {
  const online = new Set(p.online ?? []);
  const onCall = new Set(p.onCall ?? []);
  return { isOnCall: (id) => onCall.has(id), effectiveOf: (id, chosen) => (online.has(id) ? (chosen as Presence) : 'offline') };
}

const olga = staff(1, 'Olga', { mobile: '+79161112233' });
const carl = staff(2, 'Carl');
const dana = staff(3, 'Dana');
const known = (owner: StaffRow | null): LookupResult => ({ kind: 'known', match: { clientId: 40, leadId: 41, owner } });
const inputs = (presence: StepInputs['presence'], over: Partial<StepInputs> = {}): StepInputs => ({
  presence,
  ringGroup: [olga, carl, dana],
  alreadyRung: new Set(),
  trunkDialTemplate: 'PJSIP/{number}@trunk',
  ...over,
});

describe('the routing plan', () => {
  it("rings a known caller's owner at their desk, and says why on the call", () => {
    const plan = planFor(sales, known(olga));
    expect(plan.note).toBe('known client 40: owner Olga');
    const { targets, skipped } = whoRings(plan, 'owner', inputs(world({ online: [1] })));
    expect(targets).toEqual([{ step: 'owner', user: olga, endpoint: 'PJSIP/101' }]);
    expect(skipped).toEqual([]);
  });

  it('passes over an owner who is away, on another call, or has no desk phone, with the reason', () => {
    const plan = planFor(sales, known({ ...olga, presence: 'away' }));
    expect(whoRings(plan, 'owner', inputs(world({ online: [1] }))).skipped.map((s) => s.why)).toEqual(['away']);
    expect(whoRings(planFor(sales, known(olga)), 'owner', inputs(world({ online: [1], onCall: [1] }))).skipped.map((s) => s.why)).toEqual(['on_call']);
    expect(whoRings(planFor(sales, known(olga)), 'owner', inputs(world())).skipped.map((s) => s.why)).toEqual(['offline']);
    const noPhone = whoRings(planFor(sales, known({ ...olga, endpoint: null })), 'owner', inputs(world({ online: [1] })));
    expect(noPhone.skipped).toEqual([{ step: 'owner', user: { ...olga, endpoint: null }, target: null, why: 'no_phone' }]);
  });

  it("rings an away owner's mobile through the trunk, but not when they asked not to be disturbed", () => {
    const away = whoRings(planFor(sales, known({ ...olga, presence: 'away' })), 'owner_mobile', inputs(world()));
    expect(away.targets.map((t) => t.endpoint)).toEqual(['PJSIP/+79161112233@trunk']);
    const dnd = whoRings(planFor(sales, known({ ...olga, presence: 'dnd' })), 'owner_mobile', inputs(world()));
    expect(dnd.targets).toEqual([]);
    expect(dnd.skipped).toEqual([{ step: 'owner_mobile', user: { ...olga, presence: 'dnd' }, target: 'PJSIP/+79161112233@trunk', why: 'dnd' }]);
  });

  it('rings the ring group, not again whoever already rang, and skips whoever is offline or inactive', () => {
    const plan = planFor(sales, known(olga));
    const group = [olga, carl, dana, staff(4, 'Ivan', { active: 0 })];
    const { targets, skipped } = whoRings(plan, 'ring_group', inputs(world({ online: [1, 2, 4] }), { ringGroup: group, alreadyRung: new Set([1]) }));
    expect(targets.map((t) => t.user?.name)).toEqual(['Carl']);
    expect(skipped.map((s) => [s.user?.name, s.why])).toEqual([
      ['Dana', 'offline'],
      ['Ivan', 'inactive'],
    ]);
  });

  it('sends an unknown caller, or one the lookup could not answer in time, to the department', () => {
    for (const [result, note] of [
      [{ kind: 'unknown' }, 'unknown caller: department group'],
      [{ kind: 'timeout', late: Promise.resolve(null) }, 'caller lookup missed its deadline: department group'],
      [{ kind: 'error', error: new Error('gone') }, 'caller lookup failed: department group'],
    ] as [LookupResult, string][]) {
      const plan = planFor(sales, result);
      expect(plan.note).toBe(note);
      expect(whoRings(plan, 'owner', inputs(world({ online: [1, 2, 3] })))).toEqual({ targets: [], skipped: [] });
      expect(whoRings(plan, 'ring_group', inputs(world({ online: [1, 2, 3] }))).targets.map((t) => t.user?.name)).toEqual(['Olga', 'Carl', 'Dana']);
    }
  });

  it('rings nobody at the voicemail step', () => {
    expect(whoRings(planFor(sales, known(olga)), 'voicemail', inputs(world({ online: [1, 2, 3] })))).toEqual({ targets: [], skipped: [] });
  });

  it('dials outside numbers through the trunk template', () => {
    expect(trunkEndpoint('PJSIP/{number}@trunk', '+79001234567')).toBe('PJSIP/+79001234567@trunk');
  });
});

import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../http/session-user.js';
import { canSeeLead, leadAbilities, leadAudiences, roomsOf } from './leads.policy.js';

const user = (over: Partial<SessionUser>): SessionUser => ({ id: 1, name: 'U', email: 'u@test', role: 'manager', departmentId: 10, assistsUserId: null, locale: null, ...over });

const people: Record<string, SessionUser> = {
  director: user({ id: 1, role: 'director', departmentId: null }),
  curator: user({ id: 2, role: 'curator', departmentId: 10 }),
  otherCurator: user({ id: 3, role: 'curator', departmentId: 20 }),
  owner: user({ id: 4, role: 'manager' }),
  colleague: user({ id: 5, role: 'manager' }),
  ownersAssistant: user({ id: 6, role: 'assistant', assistsUserId: 4 }),
  colleaguesAssistant: user({ id: 7, role: 'assistant', assistsUserId: 5 }),
};

describe('one rule for who sees a lead, what they may do, and which live events they get', () => {
  for (const lead of [
    { departmentId: 10, ownerId: 4 },
    { departmentId: 10, ownerId: null },
  ]) {
    it(`agrees everywhere for a lead ${lead.ownerId === null ? 'waiting in the inbox' : 'owned by a manager'}`, () => {
      for (const [who, u] of Object.entries(people)) {
        const joined = new Set(roomsOf(u));
        const reached = leadAudiences(lead).filter((a) => a.rooms.some((r) => joined.has(r)));
        // Live events reach exactly those who may see the lead, once, with what the API would say they may do.
        expect(reached.length, who).toBe(canSeeLead(u, lead) ? 1 : 0);
        if (reached[0]) expect(reached[0].can, who).toEqual(leadAbilities(u, lead));
        else expect(leadAbilities(u, lead), who).toEqual({ assign: false, edit: false, call: false });
      }
    });
  }

  it('lets the assigners assign and the owner side work the lead', () => {
    const lead = { departmentId: 10, ownerId: 4 };
    expect(leadAbilities(people.curator, lead).assign).toBe(true);
    expect(leadAbilities(people.director, lead).assign).toBe(true);
    expect(leadAbilities(people.owner, lead)).toEqual({ assign: false, edit: true, call: true });
    expect(leadAbilities(people.ownersAssistant, lead)).toEqual({ assign: false, edit: true, call: true });
    expect(leadAbilities(people.colleague, lead).edit).toBe(false);
    expect(leadAbilities(people.otherCurator, lead).edit).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import { DNIS, answeredCall, callRow, insertClientWithLead, legsOfCall, ringingLeg, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';
const AGENT_102 = { endpoint: 'PJSIP/102', name: 'Agent 102', number: '102' };

/** The call's legs as the record keeps them: whose, answered and ended or not. */
async function talkers(w: TelephonyWorld, callId: number) {
  return (await legsOfCall(w.server, callId)).map((l: { step: string; user_id: number | null; answered_at: string | null; ended_at: string | null; result: string | null }) => ({
    step: l.step,
    userId: l.user_id === null ? null : Number(l.user_id),
    answered: l.answered_at !== null,
    ended: l.ended_at !== null,
    result: l.result,
  }));
}

describe(`transfers and pickups (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  for (const kind of ['blind', 'attended'] as const) {
    it(`keeps the caller connected through ${kind === 'blind' ? 'a blind' : 'an attended'} transfer, pops the card for the colleague and records who talked`, async () => {
      w = await telephonyWorld();
      await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
      const { callId, callerChannel } = await answeredCall(w, CALLER);
      const ownerLeg = w.fake.channels().find((c) => c.endpoint === 'PJSIP/101')!.id;

      if (kind === 'blind') w.fake.blindTransfer(ownerLeg, AGENT_102, 40);
      else w.fake.attendedTransfer(ownerLeg, AGENT_102);

      expect(await w.owner.socket.waitFor('call:leg_ended', () => true, 2000)).toEqual({ callId, reason: 'transferred' });
      const pop = await w.colleague.socket.waitFor('call:ringing', () => true, 2000); // the card, for whoever has the client now
      expect(pop.callId).toBe(callId);
      expect(await w.colleague.socket.waitFor('call:answered', () => true, 2000)).toMatchObject({ callId, answeredByUserId: w.colleague.id });
      await until(async () => (await callRow(w.server, callId)).user_id === w.colleague.id, 3000, 'the call is the colleague’s');
      // The transferring phone is hung up; the caller is not.
      await until(() => !w.fake.channels().some((c) => c.id === ownerLeg), 3000, 'the transferring leg hung up');
      await new Promise((r) => setTimeout(r, 100));
      expect(w.fake.channels().some((c) => c.id === callerChannel)).toBe(true);
      expect(w.server.deps.presence.isOnCall(w.owner.id)).toBe(false);
      expect(w.server.deps.presence.isOnCall(w.colleague.id)).toBe(true);

      w.fake.hangupFromPhone(callerChannel);
      await until(async () => (await callRow(w.server, callId)).recording_state === 'ready', 3000, 'recording ready');
      const row = await callRow(w.server, callId);
      expect(row).toMatchObject({ disposition: 'answered', status: 'ended', user_id: w.colleague.id });
      expect(w.fake.requests.filter((r) => r.path.endsWith('/record') && r.path.startsWith('/bridges/'))).toHaveLength(1); // one recording, the whole call
      await until(async () => (await talkers(w, callId)).every((l) => l.ended), 3000, 'every leg closed');
      expect(await talkers(w, callId)).toEqual([
        { step: 'owner', userId: w.owner.id, answered: true, ended: true, result: 'answered' },
        { step: 'transfer', userId: w.colleague.id, answered: true, ended: true, result: 'answered' },
      ]);
      expect(w.server.deps.presence.isOnCall(w.colleague.id)).toBe(false);
      await until(() => w.fake.channels().length === 0, 3000, 'nothing left on the PBX');
    });
  }

  it('credits a pickup to the colleague who picked up, and connects the caller to their phone', async () => {
    w = await telephonyWorld();
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const callerChannel = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const ownerPop = await w.owner.socket.waitFor('call:ringing');
    const ringing = await ringingLeg(w.fake, 'PJSIP/101');
    const picker = w.fake.pickup(ringing, AGENT_102);

    const pop = await w.colleague.socket.waitFor('call:ringing', () => true, 2000);
    expect(pop.callId).toBe(ownerPop.callId);
    expect(await w.owner.socket.waitFor('call:leg_ended', () => true, 2000)).toEqual({ callId: pop.callId, reason: 'answered_elsewhere' });
    expect(await w.owner.socket.waitFor('call:answered', () => true, 2000)).toMatchObject({ answeredByUserId: w.colleague.id });
    await until(async () => (await callRow(w.server, pop.callId)).status === 'up', 3000, 'call up');
    expect((await callRow(w.server, pop.callId)).user_id).toBe(w.colleague.id);
    const bridged = w.fake.requests.find((r) => r.path.endsWith('/addChannel'))!;
    expect(bridged.query.channel.split(',').sort()).toEqual([callerChannel, picker].sort());

    w.fake.hangupFromPhone(picker); // the picker hangs up: StasisEnd, no ChannelDestroyed
    await until(async () => (await callRow(w.server, pop.callId)).status === 'ended', 3000, 'call ended');
    expect((await callRow(w.server, pop.callId)).disposition).toBe('answered');
    expect(await talkers(w, pop.callId)).toEqual([
      { step: 'owner', userId: w.owner.id, answered: false, ended: true, result: 'picked_up' },
      { step: 'pickup', userId: w.colleague.id, answered: true, ended: true, result: 'answered' },
    ]);
    await until(() => !w.fake.channels().some((c) => c.id === callerChannel), 3000, 'caller hung up');
  });
});

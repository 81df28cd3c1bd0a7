import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import { DNIS, insertClientWithLead, ringingLeg, telephonyWorld, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';

describe(`a user's own leg ends while the call goes on (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it('tells the owner at once that their declined phone no longer rings, while the call moves on to a colleague', async () => {
    w = await telephonyWorld({ ringTimeoutSec: 60 });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    w.fake.decline(await ringingLeg(w.fake, 'PJSIP/101'));
    expect(await w.owner.socket.waitFor('call:leg_ended', () => true, 1000)).toEqual({ callId: pop.callId, reason: 'declined' });
    await w.colleague.socket.waitFor('call:ringing');
    expect(w.colleague.socket.named('call:leg_ended')).toEqual([]);
  });

  it('tells the owner their phone rang out (cause 19)', async () => {
    w = await telephonyWorld({ ringTimeoutSec: 5 });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    expect(await w.owner.socket.waitFor('call:leg_ended', () => true, 3000)).toEqual({ callId: pop.callId, reason: 'no_answer' });
  });

  it('tells a ringing colleague that the call was answered elsewhere, and not the one who answered', async () => {
    w = await telephonyWorld({ chain: 'ring_group', ringTimeoutSec: 60 });
    w.fake.placeInbound({ from: '+79005550022', to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    await w.colleague.socket.waitFor('call:ringing');
    await ringingLeg(w.fake, 'PJSIP/101');
    w.fake.answer(await ringingLeg(w.fake, 'PJSIP/102'));
    expect(await w.owner.socket.waitFor('call:leg_ended', () => true, 2000)).toEqual({ callId: pop.callId, reason: 'answered_elsewhere' });
    await new Promise((r) => setTimeout(r, 50));
    expect(w.colleague.socket.named('call:leg_ended')).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import { insertClientWithLead, ringingLeg, telephonyWorld, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';

describe(`the screen pop follows the user's own leg (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it('tells the manager their click-to-call ended, with its outcome', async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const placed = await w.owner.client.post(`/api/leads/${leadId}/call`, {});
    expect(placed.status).toBe(202);
    w.fake.decline(await ringingLeg(w.fake, 'PJSIP/101'));
    expect(await w.owner.socket.waitFor('call:ended', (p) => p.callId === placed.body.callId, 3000)).toEqual({ callId: placed.body.callId, disposition: 'busy' });
    expect(w.colleague.socket.named('call:ended')).toEqual([]);
  });
});

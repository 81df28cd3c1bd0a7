import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import { answeredCall, callRow, insertClientWithLead, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';

describe(`hanging up from the screen (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it("hangs up the user's own leg through Asterisk and ends the call; nobody else may hang it up", async () => {
    w = await telephonyWorld();
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const { callId, callerChannel } = await answeredCall(w, CALLER);
    const agent = w.fake.channels().find((c) => c.endpoint === 'PJSIP/101')!.id;

    expect((await w.colleague.client.post(`/api/calls/${callId}/hangup`, {})).status).toBe(404); // not their leg
    expect(w.fake.channels().map((c) => c.id).sort()).toEqual([agent, callerChannel].sort());

    expect((await w.owner.client.post(`/api/calls/${callId}/hangup`, {})).status).toBe(204);
    expect(w.fake.requests.some((r) => r.method === 'DELETE' && r.path === `/channels/${agent}`)).toBe(true);
    await until(async () => (await callRow(w.server, callId)).status === 'ended', 3000, 'the call ended');
    expect((await callRow(w.server, callId)).disposition).toBe('answered');
    await until(() => w.fake.channels().length === 0, 3000, 'the caller hung up too');
    expect((await w.owner.client.post(`/api/calls/${callId}/hangup`, {})).status).toBe(404); // nothing left to hang up
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import { callRow, insertClientWithLead, ringingLeg, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CLIENT = '+79001234567';

describe(`click-to-call twice (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  const originates = () => w.fake.requests.filter((r) => r.method === 'POST' && r.path === '/channels');

  it('answers 409 to a second click at once, or 1.5 s later while the first still rings, and lets the manager call again once it ended', async () => {
    // 120 s of ringing lasts 2.4 s in the fake: the first call still rings when the second click comes.
    w = await telephonyWorld({ env: { RING_TIMEOUT_SEC: '120' } });
    const { leadId } = await insertClientWithLead(w.server, { phone: CLIENT, ownerId: w.owner.id, departmentId: w.department.id });
    const url = `/api/leads/${leadId}/call`;

    const both = await Promise.all([w.owner.client.post(url, {}), w.owner.client.post(url, {})]);
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('already_calling');
    expect(originates()).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 1500));
    const later = await w.owner.client.post(url, {});
    expect(later.status).toBe(409);
    expect(originates()).toHaveLength(1);

    // The manager declines; the call ends; a new click rings again.
    const first = both.find((r) => r.status === 202)!.body.callId;
    w.fake.decline(await ringingLeg(w.fake, 'PJSIP/101'));
    await until(async () => (await callRow(w.server, first)).status === 'ended', 3000, 'first call ended');
    expect((await w.owner.client.post(url, {})).status).toBe(202);
    expect(originates()).toHaveLength(2);
  });

  it('answers 409 while the manager talks to a client (inbound or click-to-call)', async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CLIENT, ownerId: w.owner.id, departmentId: w.department.id });
    w.fake.setEndpoint('PJSIP/101', { kind: 'answer', afterMs: 20 });
    w.fake.setEndpoint(`PJSIP/${CLIENT}@trunk`, { kind: 'answer', afterMs: 20 });
    const res = await w.owner.client.post(`/api/leads/${leadId}/call`, {});
    expect(res.status).toBe(202);
    await until(async () => (await callRow(w.server, res.body.callId)).status === 'up', 3000, 'talking');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await w.owner.client.post(`/api/leads/${leadId}/call`, {})).status).toBe(409);
    expect(originates()).toHaveLength(2); // the manager and the client, once
  });
});

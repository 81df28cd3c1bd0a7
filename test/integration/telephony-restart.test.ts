import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import { ARI_PASSWORD, ARI_USER, DNIS, answeredCall, callRow, insertClientWithLead, ringingLeg, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';

/** Leadline goes away and comes back (a deploy, a crash) while Asterisk keeps its channels in Stasis. */
async function restartLeadline(w: TelephonyWorld): Promise<number> {
  await w.telephony.stop();
  await new Promise((r) => setTimeout(r, 100));
  // Meanwhile Asterisk keeps the app registered, with its channels (app-disconnect traces).
  const auth = { authorization: `Basic ${Buffer.from(`${ARI_USER}:${ARI_PASSWORD}`).toString('base64')}` };
  const apps = (await (await fetch(`${w.fake.url}/ari/applications`, { headers: auth })).json()) as { name: string; channel_ids: string[] }[];
  expect(apps.map((a) => a.name)).toEqual(['leadline']);
  expect(apps[0].channel_ids.length).toBeGreaterThan(0);
  const since = Date.now();
  await w.telephony.start();
  await until(() => w.telephony.status().state === 'connected', 5000, 'connected again');
  return since;
}

describe(`Leadline restarts while calls are in progress (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it('routes a caller still waiting again, on the same call row, and hangs up the agent leg nobody routes any more', async () => {
    w = await telephonyWorld({ ringTimeoutSec: 60 });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const caller = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    const oldLeg = await ringingLeg(w.fake, 'PJSIP/101');

    const since = await restartLeadline(w);
    await until(() => w.fake.requests.some((r) => r.at >= since && r.method === 'DELETE' && r.path === `/channels/${oldLeg}`), 3000, 'the stray leg hung up');
    await until(() => w.fake.requests.some((r) => r.at >= since && r.path === '/channels/create' && r.query.originator === caller), 3000, 'routed again');
    const again = await w.owner.socket.waitFor('call:ringing', (p) => p !== pop, 3000);
    expect(again.callId).toBe(pop.callId);

    await until(() => w.fake.channels().some((c) => c.endpoint === 'PJSIP/101' && c.state === 'Ringing' && c.id !== oldLeg), 3000, 'the owner rings again');
    w.fake.answer(w.fake.channels().find((c) => c.endpoint === 'PJSIP/101' && c.id !== oldLeg)!.id);
    await until(async () => (await callRow(w.server, pop.callId)).status === 'up', 3000, 'talking');
    w.fake.hangupFromPhone(caller);
    await until(async () => (await callRow(w.server, pop.callId)).status === 'ended', 3000, 'ended');
    expect((await callRow(w.server, pop.callId)).disposition).toBe('answered');
    expect(await w.server.deps.db('calls').where('channel_id', caller)).toHaveLength(1);
    const legsClosed = async () => (await w.server.deps.db('call_legs').where('call_id', pop.callId)).every((l: { ended_at: string | null }) => l.ended_at !== null);
    await until(legsClosed, 3000, 'every leg of the call closed, the earlier process’s included');
  });

  it('watches a call left talking until it ends, then hangs up the agent, closes it answered with its talk time and keeps the recording', async () => {
    w = await telephonyWorld({ ringTimeoutSec: 60 });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const { callId, callerChannel } = await answeredCall(w, CALLER);
    const agent = w.fake.channels().find((c) => c.endpoint === 'PJSIP/101')!.id;

    const since = await restartLeadline(w);
    await new Promise((r) => setTimeout(r, 150));
    expect(w.fake.channels().map((c) => c.id).sort()).toEqual([agent, callerChannel].sort()); // the talk goes on
    expect((await callRow(w.server, callId)).status).toBe('up');
    expect(w.server.deps.presence.isOnCall(w.owner.id)).toBe(true); // not rung for new calls as if free

    w.fake.hangupFromPhone(callerChannel);
    await until(() => w.fake.requests.some((r) => r.at >= since && r.method === 'DELETE' && r.path === `/channels/${agent}`), 3000, 'the agent hung up');
    await until(async () => (await callRow(w.server, callId)).recording_state === 'ready', 3000, 'recording ready');
    const row = await callRow(w.server, callId);
    expect(row).toMatchObject({ status: 'ended', disposition: 'answered' });
    expect(row.talk_seconds).not.toBeNull();
    await until(() => w.fake.requests.some((r) => r.at >= since && r.method === 'DELETE' && r.path.startsWith('/bridges/')), 3000, 'bridge destroyed');
    expect(w.server.deps.presence.isOnCall(w.owner.id)).toBe(false);
    expect(w.fake.channels()).toEqual([]);
  });

  for (const kind of ['blind', 'attended'] as const) {
    it(`follows ${kind === 'blind' ? 'a blind' : 'an attended'} transfer of a call it adopted: the caller stays, and the call becomes the colleague's`, async () => {
      w = await telephonyWorld({ ringTimeoutSec: 60 });
      await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
      const { callId, callerChannel } = await answeredCall(w, CALLER);
      const agent = w.fake.channels().find((c) => c.endpoint === 'PJSIP/101')!.id;
      await restartLeadline(w);
      await new Promise((r) => setTimeout(r, 150));

      const colleague = { endpoint: 'PJSIP/102', name: 'Agent 102', number: '102' };
      if (kind === 'blind') w.fake.blindTransfer(agent, colleague, 40);
      else w.fake.attendedTransfer(agent, colleague);
      await until(async () => Number((await callRow(w.server, callId)).user_id) === w.colleague.id, 3000, "the call is the colleague's");
      await until(() => !w.fake.channels().some((c) => c.id === agent), 3000, 'the transferring phone hung up');
      await new Promise((r) => setTimeout(r, 100));
      expect(w.fake.channels().some((c) => c.id === callerChannel)).toBe(true); // not cut off with the transferring phone
      expect((await callRow(w.server, callId)).status).toBe('up');
      expect(w.server.deps.presence.isOnCall(w.owner.id)).toBe(false);
      expect(w.server.deps.presence.isOnCall(w.colleague.id)).toBe(true);

      w.fake.hangupFromPhone(callerChannel);
      await until(async () => (await callRow(w.server, callId)).status === 'ended', 3000, 'ended');
      expect(await callRow(w.server, callId)).toMatchObject({ disposition: 'answered' });
      await until(() => w.fake.channels().length === 0, 3000, 'every channel gone');
      expect(w.server.deps.presence.isOnCall(w.colleague.id)).toBe(false);
    });
  }

  it('lets a caller leaving a voice message finish it: nobody is rung again, the message is kept and the owner gets the task', async () => {
    w = await telephonyWorld({ chain: 'owner,voicemail' });
    w.fake.setEndpoint('PJSIP/101', { kind: 'busy' });
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const caller = w.fake.placeInbound({ from: CALLER, to: DNIS });
    await until(() => w.fake.requests.some((r) => r.path === `/channels/${caller}/record`), 3000, 'voice message being recorded');
    const call = await w.server.deps.db('calls').where('lead_id', leadId).first();
    await until(async () => (await callRow(w.server, call.id)).recording_state === 'recording', 3000, 'recording noted');

    const since = await restartLeadline(w);
    await new Promise((r) => setTimeout(r, 300));
    expect(w.fake.requests.filter((r) => r.at >= since && r.path === '/channels/create')).toEqual([]); // nobody rung again
    expect(w.fake.channels().map((c) => c.id)).toEqual([caller]);

    w.fake.hangupFromPhone(caller);
    const due = await w.owner.socket.waitFor('reminder:due', () => true, 3000);
    expect(due.reminder).toMatchObject({ kind: 'missed_call', leadId });
    await until(async () => (await callRow(w.server, call.id)).recording_state === 'ready', 3000, 'message kept');
    expect(await callRow(w.server, call.id)).toMatchObject({ status: 'ended', disposition: 'voicemail' });
  });

  it('stops a click-to-call still ringing the manager, closes it failed and lets the manager call again', async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    w.fake.setEndpoint('PJSIP/101', { kind: 'ring' });
    const first = await w.owner.client.post(`/api/leads/${leadId}/call`, {});
    expect(first.status).toBe(202);
    await until(() => w.fake.channels().some((c) => c.endpoint === 'PJSIP/101'), 3000, 'the manager’s phone rings');
    const ringing = w.fake.channels().find((c) => c.endpoint === 'PJSIP/101')!.id;

    // (An originate enters Stasis only when answered: the app holds none of its channels meanwhile.)
    await w.telephony.stop();
    const since = Date.now();
    await w.telephony.start();
    await until(() => w.fake.requests.some((r) => r.at >= since && r.method === 'DELETE' && r.path === `/channels/${ringing}`), 3000, 'the ringing phone stopped');
    await until(async () => (await callRow(w.server, first.body.callId)).status === 'ended', 3000, 'the call closed');
    expect((await callRow(w.server, first.body.callId)).disposition).toBe('failed');
    // Not taken for busy with a call nobody watches any more.
    expect((await w.owner.client.post(`/api/leads/${leadId}/call`, {})).status).toBe(202);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import {
  DNIS,
  answeredCall,
  callRow,
  insertClientWithLead,
  legsCreatedFor,
  legsOfCall,
  ringingLeg,
  telephonyWorld,
  until,
  type TelephonyWorld,
} from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';

describe(`inbound calls through the ARI bridge (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it("rings the owner of a known caller's lead and pops the card only on the owner's screens", async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const secondTab = await w.owner.client.connectSocket();

    const callerChannel = w.fake.placeInbound({ from: '89001234567', to: DNIS }); // the trunk's own format
    const pop = await w.owner.socket.waitFor('call:ringing');
    await secondTab.waitFor('call:ringing');
    expect(pop.lead.id).toBe(leadId);
    expect(pop.lead.status).toBe('offer_sent');
    expect(pop.lastComment.text).toBe('Wants the premium plan');
    expect(pop.callerNumber).toBe(CALLER);
    expect(pop.ringingUserIds).toEqual([w.owner.id]);
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(1);
    expect(legsCreatedFor(w.fake, 'PJSIP/102')).toHaveLength(0);

    // The agent leg was created with the caller as originator (one linkedid), and dialled only after its StasisStart.
    const create = w.fake.requests.find((r) => r.path === '/channels/create')!;
    expect(create.query.originator).toBe(callerChannel);
    const agent = w.fake.channels().find((c) => c.endpoint === 'PJSIP/101')!;
    expect(agent.linkedid).toBe(callerChannel);
    expect(w.fake.requests.some((r) => r.path === `/channels/${agent.id}/dial` && r.method === 'POST')).toBe(true);

    w.fake.answer(await ringingLeg(w.fake, 'PJSIP/101'));
    const answered = await w.owner.socket.waitFor('call:answered');
    expect(answered).toMatchObject({ callId: pop.callId, answeredByUserId: w.owner.id, answeredByName: 'Owner Olga' });
    await until(async () => (await callRow(w.server, pop.callId)).status === 'up', 3000, 'call up');
    expect(w.fake.requests.some((r) => r.path.endsWith('/record') && r.path.startsWith('/bridges/'))).toBe(true);

    await new Promise((r) => setTimeout(r, 120)); // a few "seconds" of conversation
    w.fake.hangupFromPhone(callerChannel);
    const ended = await w.owner.socket.waitFor('call:ended');
    expect(ended).toEqual({ callId: pop.callId, disposition: 'answered' });
    await until(async () => (await callRow(w.server, pop.callId)).recording_state === 'ready', 3000, 'recording ready');

    // The other manager never heard of this call.
    await new Promise((r) => setTimeout(r, 50));
    expect(w.colleague.socket.events.filter((e) => e.event.startsWith('call:'))).toEqual([]);

    // The lead card lists the call; the first contact is recorded.
    const detail = await w.owner.client.get(`/api/leads/${leadId}`);
    expect(detail.status).toBe(200);
    const call = detail.body.calls.find((c: { id: number }) => c.id === pop.callId);
    expect(call).toMatchObject({ direction: 'inbound', disposition: 'answered', userId: w.owner.id, userName: 'Owner Olga', clientNumber: CALLER, status: 'ended' });
    expect(call.talkSeconds).not.toBeNull();
    expect(call.recordingUrl).toBe(`/api/calls/${pop.callId}/recording`);
    expect(detail.body.lead.firstContactAt).not.toBeNull();
    expect(detail.body.history.some((h: { action: string }) => h.action === 'call')).toBe(true);
    secondTab.close();
  });

  it("rings the owner of the client's latest open lead, else of the latest lead, whatever order they were made in", async () => {
    w = await telephonyWorld();
    const db = w.server.deps.db;
    const at = (iso: string) => iso.replace('T', ' ').replace('Z', '');
    // An open lead of the owner from January, and a newer one of the colleague that was closed in March.
    const { clientId, leadId: open } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    await db('leads').where('id', open).update({ created_at: at('2026-01-10T09:00:00.000Z') });
    const [closed] = await db('leads').insert({
      client_id: clientId,
      department_id: w.department.id,
      owner_id: w.colleague.id,
      source: 'site',
      status: 'refused_price_competitor',
      flagged: false,
      returning_client: true,
      version: 1,
      created_at: at('2026-03-01T09:00:00.000Z'),
      updated_at: at('2026-03-02T09:00:00.000Z'),
      closed_at: at('2026-03-02T09:00:00.000Z'),
    });
    const first = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    expect(pop.lead.id).toBe(open);
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(1);
    expect(legsCreatedFor(w.fake, 'PJSIP/102')).toHaveLength(0);
    w.fake.hangupFromPhone(first);
    await w.owner.socket.waitFor('call:ended');

    // Once every lead is closed, the latest one decides.
    await db('leads').where('id', open).update({ status: 'completed', closed_at: at('2026-04-01T09:00:00.000Z') });
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const second = await w.colleague.socket.waitFor('call:ringing');
    expect(second.lead.id).toBe(Number(closed));
    expect(legsCreatedFor(w.fake, 'PJSIP/102')).toHaveLength(1);
  });

  it('streams the recording with HTTP Range to whoever may see the lead, and to nobody else', async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const pop = await answeredCall(w, CALLER);
    await new Promise((r) => setTimeout(r, 100));
    w.fake.hangupFromPhone(pop.callerChannel);
    await until(async () => (await callRow(w.server, pop.callId)).recording_state === 'ready', 3000, 'recording ready');
    const url = `/api/calls/${pop.callId}/recording`;

    const whole = await fetch(w.server.url + url, { headers: { cookie: w.owner.client.cookie } });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toContain('audio/wav');
    const body = Buffer.from(await whole.arrayBuffer());
    expect(body.subarray(0, 4).toString()).toBe('RIFF');
    expect(Number(whole.headers.get('content-length'))).toBe(body.length);

    const part = await fetch(w.server.url + url, { headers: { cookie: w.owner.client.cookie, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${body.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(body.subarray(100, 200));

    const tail = await fetch(w.server.url + url, { headers: { cookie: w.owner.client.cookie, range: `bytes=${body.length - 10}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(body.subarray(body.length - 10));

    // Another manager can't stream it; the curator of the department and the director can.
    expect((await w.colleague.client.get(url)).status).toBe(404);
    expect((await fetch(w.server.url + url)).status).toBe(401);
    expect((await fetch(w.server.url + url, { headers: { cookie: w.curator.client.cookie, range: 'bytes=0-3' } })).status).toBe(206);
    expect((await fetch(w.server.url + url, { headers: { cookie: w.director.cookie, range: 'bytes=0-3' } })).status).toBe(206);
    expect((await w.colleague.client.get(`/api/leads/${leadId}`)).status).toBe(404);
    expect((await w.owner.client.get('/api/calls/999999/recording')).status).toBe(404);
    expect((await w.owner.client.get('/api/calls/abc/recording')).status).toBe(400);
  });

  it('sends an unknown caller to the department and makes them a new lead in the curator inbox', async () => {
    w = await telephonyWorld();
    const callerChannel = w.fake.placeInbound({ from: '+79005550011', to: DNIS });
    const popOwner = await w.owner.socket.waitFor('call:ringing');
    const popColleague = await w.colleague.socket.waitFor('call:ringing');
    expect(popOwner.callId).toBe(popColleague.callId);
    expect(popOwner).toMatchObject({ callerNumber: '+79005550011', departmentId: w.department.id, departmentName: w.department.name, lead: null });
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(1);
    expect(legsCreatedFor(w.fake, 'PJSIP/102')).toHaveLength(1);

    const created = await w.curator.socket.waitFor('lead:created');
    expect(created.lead).toMatchObject({ source: 'call', departmentId: w.department.id, ownerId: null });
    expect(created.lead.client.phone).toBe('+79005550011');
    await until(async () => (await callRow(w.server, popOwner.callId)).lead_id === created.lead.id, 3000, 'call attached to the new lead');

    w.fake.hangupFromPhone(callerChannel);
    await w.owner.socket.waitFor('call:ended');
    // Nobody answered: a missed-call task for the curator, with the new lead.
    const due = await w.curator.socket.waitFor('reminder:due');
    expect(due.reminder).toMatchObject({ kind: 'missed_call', userId: w.curator.id, leadId: created.lead.id });
    const detail = await w.curator.client.get(`/api/leads/${created.lead.id}`);
    expect(detail.body.calls).toHaveLength(1);
    expect(detail.body.calls[0]).toMatchObject({ disposition: 'abandoned', direction: 'inbound', recordingUrl: null });
  });

  it('skips an owner who is away and rings the next step', async () => {
    w = await telephonyWorld();
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    await w.server.deps.db('users').where('id', w.owner.id).update({ presence: 'away' });
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.colleague.socket.waitFor('call:ringing');
    expect(pop.ringingUserIds).toEqual([w.colleague.id]);
    expect(pop.lead).toBeNull(); // the colleague may not see the owner's lead
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(0);
    await until(async () => (await legsOfCall(w.server, pop.callId)).some((l: { step: string }) => l.step === 'owner'), 3000, 'owner step recorded');
    const legs = await legsOfCall(w.server, pop.callId);
    expect(legs.find((l: { step: string }) => l.step === 'owner')).toMatchObject({ user_id: w.owner.id, result: 'skipped_away', channel_id: null });
  });

  it('moves on when the owner does not answer within the ring timeout (cause 19)', async () => {
    w = await telephonyWorld({ ringTimeoutSec: 5 });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const ownerPop = await w.owner.socket.waitFor('call:ringing');
    const colleaguePop = await w.colleague.socket.waitFor('call:ringing', () => true, 3000);
    expect(colleaguePop.callId).toBe(ownerPop.callId);
    const dial = w.fake.requests.find((r) => r.path.endsWith('/dial'))!;
    expect(dial.query.timeout).toBe('5');
    await until(async () => (await legsOfCall(w.server, ownerPop.callId)).some((l: { result: string }) => l.result === 'no_answer'), 3000, 'owner leg no_answer');
    const legs = await legsOfCall(w.server, ownerPop.callId);
    expect(legs.find((l: { step: string }) => l.step === 'owner')).toMatchObject({ cause: 19, result: 'no_answer', user_id: w.owner.id });
    expect(legs.find((l: { step: string }) => l.step === 'ring_group')).toMatchObject({ user_id: w.colleague.id });
  });

  it('moves on at once when the owner is busy (cause 17)', async () => {
    w = await telephonyWorld();
    w.fake.setEndpoint('PJSIP/101', { kind: 'busy' });
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.colleague.socket.waitFor('call:ringing');
    expect(w.owner.socket.named('call:ringing')).toEqual([]); // a busy phone never rang
    const row = await w.server.deps.db('calls').where('lead_id', leadId).first();
    await until(async () => (await legsOfCall(w.server, row.id)).some((l: { result: string }) => l.result === 'busy'), 3000, 'busy leg');
    expect(pop.callId).toBe(row.id);
  });

  it('hangs up the ringing agent leg when the caller gives up, records it abandoned and leaves a task', async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const callerChannel = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    const agentLeg = await ringingLeg(w.fake, 'PJSIP/101');
    w.fake.hangupFromPhone(callerChannel, { cancelCause: 127 });

    expect(await w.owner.socket.waitFor('call:ended')).toEqual({ callId: pop.callId, disposition: 'abandoned' });
    await until(() => w.fake.requests.some((r) => r.method === 'DELETE' && r.path === `/channels/${agentLeg}`), 3000, 'agent leg deleted');
    await until(() => !w.fake.channels().some((c) => c.id === agentLeg), 3000, 'agent leg gone');
    const due = await w.owner.socket.waitFor('reminder:due');
    expect(due.reminder).toMatchObject({ kind: 'missed_call', userId: w.owner.id, leadId });
    expect(due.lead.id).toBe(leadId);
    const row = await callRow(w.server, pop.callId);
    expect(row).toMatchObject({ disposition: 'abandoned', status: 'ended', recording_state: 'none' });
    expect(await w.server.deps.db('reminders').where({ kind: 'missed_call', lead_id: leadId })).toHaveLength(1);
  });

  it('closes the pop everywhere with "answered by" when a colleague picks up', async () => {
    w = await telephonyWorld({ chain: 'ring_group' });
    w.fake.placeInbound({ from: '+79005550022', to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    await w.colleague.socket.waitFor('call:ringing');
    const ownerLeg = await ringingLeg(w.fake, 'PJSIP/101');
    w.fake.answer(await ringingLeg(w.fake, 'PJSIP/102'));
    const toOwner = await w.owner.socket.waitFor('call:answered');
    const toColleague = await w.colleague.socket.waitFor('call:answered');
    for (const e of [toOwner, toColleague]) expect(e).toEqual({ callId: pop.callId, answeredByUserId: w.colleague.id, answeredByName: 'Colleague Carl' });
    await until(() => !w.fake.channels().some((c) => c.id === ownerLeg), 3000, "the owner's phone stops ringing");
    const legs = await legsOfCall(w.server, pop.callId);
    await until(async () => (await legsOfCall(w.server, pop.callId)).some((l: { result: string }) => l.result === 'cancelled'), 3000, 'cancelled leg');
    expect(legs).toHaveLength(2);
  });

  it('sends the call to the department when the caller lookup misses its deadline', async () => {
    w = await telephonyWorld({ env: { ROUTING_DEADLINE_MS: '100' } });
    w.telephony.hooks.lookupDelayMs = 600;
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const started = Date.now();
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.colleague.socket.waitFor('call:ringing');
    await w.owner.socket.waitFor('call:ringing');
    expect(Date.now() - started).toBeLessThan(600); // rang before the slow lookup answered
    const row = await callRow(w.server, pop.callId);
    expect(row.routing).toContain('deadline');
    expect((await legsOfCall(w.server, pop.callId)).every((l: { step: string }) => l.step === 'ring_group')).toBe(true);
    // When the lookup does answer, the call is attached to the client's lead for the card.
    await until(async () => (await callRow(w.server, pop.callId)).lead_id === leadId, 3000, 'call attached later');
  });
});

describe(`telephony resilience (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it('reconnects after an Asterisk crash mid-call, closes the vanished call as failed and marks its recording unusable', async () => {
    w = await telephonyWorld();
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const pop = await answeredCall(w, CALLER);

    await w.fake.crash(300);
    await until(() => w.telephony.status().state === 'disconnected', 3000, 'disconnected');
    const ready = await w.director.get('/readyz');
    expect(ready.body.telephony.state).toBe('disconnected');
    expect((await w.director.get('/api/telephony/status')).body.telephony.state).toBe('disconnected');
    await until(() => w.telephony.status().state === 'connected', 8000, 'reconnected');
    await until(async () => (await callRow(w.server, pop.callId)).status === 'ended', 3000, 'call closed');
    const row = await callRow(w.server, pop.callId);
    expect(row).toMatchObject({ disposition: 'failed', recording_state: 'unusable' });
    expect(await w.owner.socket.waitFor('call:ended')).toEqual({ callId: pop.callId, disposition: 'failed' });
    expect(w.server.deps.presence.isOnCall(w.owner.id)).toBe(false);
    expect((await w.owner.client.get(`/api/calls/${pop.callId}/recording`)).status).toBe(404);

    // And calls work again.
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    await w.owner.socket.waitFor('call:ringing', (p) => p.callId !== pop.callId);
  });

  it('closes calls cut by a graceful Asterisk restart as failed and keeps a playable recording', async () => {
    w = await telephonyWorld();
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const pop = await answeredCall(w, CALLER);
    await new Promise((r) => setTimeout(r, 100));
    await w.fake.restart(300);
    expect(await w.owner.socket.waitFor('call:ended')).toEqual({ callId: pop.callId, disposition: 'failed' });
    await until(() => w.telephony.status().state === 'connected', 8000, 'reconnected');
    await until(async () => (await callRow(w.server, pop.callId)).recording_state === 'ready', 3000, 'recording ready');
  });

  it('tells directors live when the connection drops and comes back', async () => {
    w = await telephonyWorld();
    const director = await w.director.connectSocket();
    await w.fake.crash(200);
    expect((await director.waitFor('telephony:state', (p) => p.state === 'disconnected')).mode).toBe('ari');
    await director.waitFor('telephony:state', (p) => p.state === 'connected', 8000);
    expect(w.owner.socket.named('telephony:state')).toEqual([]);
    director.close();
  });

  it('does not hang on an Asterisk that stops answering: REST calls time out and the call still ends', async () => {
    // 500 ms: only the hung request times out, not the others a loaded machine answers late; the routing deadline
    // outlasts the owner's hung leg, so the ring group step still has time to read its members (else: fallback).
    w = await telephonyWorld({ env: { ARI_REQUEST_TIMEOUT_MS: '500', ROUTING_DEADLINE_MS: '3000' } });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const undo = w.fake.slowRest((method, path) => method === 'POST' && path === '/channels/create', 'hang');
    const callerChannel = w.fake.placeInbound({ from: CALLER, to: DNIS });
    await until(async () => (await w.server.deps.db('calls').first())?.status === 'ended', 10_000, 'call ended');
    const call = await w.server.deps.db('calls').first();
    expect(call.disposition).toBe('missed'); // nobody could be rung: a missed call, with its task
    expect((await legsOfCall(w.server, call.id)).map((l: { result: string }) => l.result)).toEqual(['failed', 'failed']);
    await until(() => w.fake.requests.some((r) => r.method === 'DELETE' && r.path === `/channels/${callerChannel}`), 3000, 'caller released');
    expect(await w.owner.socket.waitFor('reminder:due')).toMatchObject({ reminder: { kind: 'missed_call' } });
    expect(w.telephony.status().state).toBe('connected');
    undo();
  });
});

describe(`click-to-call (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it("rings the manager's own phone first and dials the client only once they picked up", async () => {
    w = await telephonyWorld();
    const { leadId, clientId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    await w.server.deps.db('client_phones').insert({ client_id: clientId, phone: '+79007770000' });
    w.fake.setEndpoint('PJSIP/101', { kind: 'answer', afterMs: 80 });
    w.fake.setEndpoint('PJSIP/+79007770000@trunk', { kind: 'answer', afterMs: 60 });

    const res = await w.owner.client.post(`/api/leads/${leadId}/call`, { phone: '8 900 777-00-00' });
    expect(res.status).toBe(202);
    const callId = res.body.callId;
    const originates = () => w.fake.requests.filter((r) => r.method === 'POST' && r.path === '/channels');
    expect(originates()).toHaveLength(1);
    expect(originates()[0].query).toMatchObject({ endpoint: 'PJSIP/101', app: 'leadline' });
    expect(originates()[0].query.appArgs.startsWith('clicktocall,agent,')).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(originates()).toHaveLength(1); // the client is not dialled while the manager's phone rings

    await until(() => originates().length === 2, 3000, 'client dialled');
    const agentAnsweredAt = w.fake.requests.find((r) => r.path.startsWith('/bridges') && r.method === 'POST')!.at;
    const client = originates()[1];
    expect(client.query).toMatchObject({ endpoint: 'PJSIP/+79007770000@trunk', originator: originates()[0].query.channelId, callerId: `"Leadline" <+7${DNIS}>` });
    expect(client.at).toBeGreaterThanOrEqual(agentAnsweredAt);

    await until(async () => (await callRow(w.server, callId)).status === 'up', 3000, 'call up');
    const clientChannel = w.fake.channels().find((c) => c.endpoint === 'PJSIP/+79007770000@trunk')!;
    expect(clientChannel.linkedid).toBe(originates()[0].query.channelId);
    await new Promise((r) => setTimeout(r, 80));
    w.fake.hangupFromPhone(clientChannel.id);
    await until(async () => (await callRow(w.server, callId)).recording_state === 'ready', 3000, 'recording ready');
    const detail = await w.owner.client.get(`/api/leads/${leadId}`);
    const call = detail.body.calls.find((c: { id: number }) => c.id === callId);
    expect(call).toMatchObject({ direction: 'outbound', disposition: 'answered', userId: w.owner.id, clientNumber: '+79007770000' });
    expect(call.recordingUrl).not.toBeNull();
    expect(detail.body.lead.firstContactAt).not.toBeNull();
    expect(w.fake.channels()).toEqual([]);
  });

  it('counts dialling the client as the first contact even when the client does not pick up', async () => {
    w = await telephonyWorld();
    const { leadId, clientId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    await w.server.deps.db('client_phones').insert({ client_id: clientId, phone: '+79007770001' });
    w.fake.setEndpoint('PJSIP/101', { kind: 'answer', afterMs: 20 });
    w.fake.setEndpoint('PJSIP/+79007770001@trunk', { kind: 'busy' });
    const res = await w.owner.client.post(`/api/leads/${leadId}/call`, { phone: '+79007770001' });
    expect(res.status).toBe(202);
    await until(async () => (await callRow(w.server, res.body.callId)).disposition !== null, 3000, 'call ended');
    expect((await callRow(w.server, res.body.callId)).disposition).not.toBe('answered');
    const detail = await w.owner.client.get(`/api/leads/${leadId}`);
    expect(detail.body.lead.firstContactAt).not.toBeNull();
    expect(detail.body.history.filter((h: { action: string }) => h.action === 'call')).toHaveLength(1);
  });

  it('refuses numbers that are not the client’s, users without a phone, other managers’ leads, and a disconnected PBX', async () => {
    w = await telephonyWorld();
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const wrong = await w.owner.client.post(`/api/leads/${leadId}/call`, { phone: '+79990000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.phone).toBeTruthy();
    expect((await w.owner.client.post(`/api/leads/${leadId}/call`, { phone: 12 })).status).toBe(400);
    expect((await w.colleague.client.post(`/api/leads/${leadId}/call`, {})).status).toBe(404);
    const noPhone = await w.curator.client.post(`/api/leads/${leadId}/call`, {});
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error.fields.endpoint).toBeTruthy();
    await w.fake.crash(5000);
    await until(() => w.telephony.status().state === 'disconnected', 3000, 'disconnected');
    const down = await w.owner.client.post(`/api/leads/${leadId}/call`, {});
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'telephony_unavailable', message: expect.stringMatching(/Нет связи с АТС/) });
  });
});

describe(`more of the chain (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it("rings the owner's mobile through the trunk when they are away from the desk", async () => {
    w = await telephonyWorld({ chain: 'owner,owner_mobile,ring_group', ownerMobile: '+79161112233' });
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    await w.server.deps.db('users').where('id', w.owner.id).update({ presence: 'away' });
    w.fake.setEndpoint('PJSIP/+79161112233@trunk', { kind: 'answer', afterMs: 30 });
    const callerChannel = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const answered = await w.owner.socket.waitFor('call:answered');
    expect(answered.answeredByUserId).toBe(w.owner.id);
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(0);
    const mobile = w.fake.requests.find((r) => r.query.endpoint === 'PJSIP/+79161112233@trunk')!;
    expect(mobile.query.originator).toBe(callerChannel);
    await until(async () => (await legsOfCall(w.server, answered.callId)).length === 2, 3000, 'both leg rows written');
    const legs = await legsOfCall(w.server, answered.callId);
    expect(legs.map((l: { step: string }) => l.step).sort()).toEqual(['owner', 'owner_mobile']);
    expect(w.colleague.socket.named('call:ringing')).toEqual([]);
  });

  it('takes a voice message when nobody answers, and leaves a task with it', async () => {
    w = await telephonyWorld({ chain: 'owner,voicemail' });
    w.fake.setEndpoint('PJSIP/101', { kind: 'busy' });
    const { leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const callerChannel = w.fake.placeInbound({ from: CALLER, to: DNIS });
    await until(() => w.fake.requests.some((r) => r.path === `/channels/${callerChannel}/record`), 3000, 'voicemail recording');
    expect(w.fake.requests.some((r) => r.path === `/channels/${callerChannel}/play`)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    w.fake.hangupFromPhone(callerChannel);
    const due = await w.owner.socket.waitFor('reminder:due');
    expect(due.reminder.text).toBe('Голосовое сообщение с +7 900 123-45-67: перезвоните'); // the owner's language, the number as people read it
    const call = await w.server.deps.db('calls').where('lead_id', leadId).first();
    await until(async () => (await callRow(w.server, call.id)).recording_state === 'ready', 3000, 'voicemail ready');
    expect((await callRow(w.server, call.id)).disposition).toBe('voicemail');
    const audio = await fetch(`${w.server.url}/api/calls/${call.id}/recording`, { headers: { cookie: w.owner.client.cookie, range: 'bytes=0-3' } });
    expect(audio.status).toBe(206);
  });

  it('ignores event types it does not know and garbage on the socket, and keeps taking calls', async () => {
    w = await telephonyWorld();
    w.fake.sendRaw({ type: 'ChannelTalkingStarted', channel: { id: 'x' } });
    w.fake.sendRaw({ type: 'StasisStart' });
    w.fake.sendRaw('not json at all');
    w.fake.placeInbound({ from: '+79005550033', to: DNIS });
    await w.owner.socket.waitFor('call:ringing');
    expect(w.telephony.status().state).toBe('connected');
  });

  it('hands a call for an unknown number back to the dialplan fallback', async () => {
    w = await telephonyWorld();
    const ch = w.fake.placeInbound({ from: CALLER, to: '4950000000' });
    await until(() => w.fake.requests.some((r) => r.path === `/channels/${ch}/continue`), 3000, 'continue');
    expect(w.fake.requests.find((r) => r.path === `/channels/${ch}/continue`)!.query).toMatchObject({ context: 'fallback', extension: '4950000000', priority: '1' });
  });
});

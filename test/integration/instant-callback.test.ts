import { afterEach, describe, expect, it } from 'vitest';
import { fromDbTime } from '../../server/db/knex.js';
import { callbackJob } from '../../server/jobs/callback.js';
import { runLeased } from '../../server/jobs/registry.js';
import { insertSite } from '../helpers/factories.js';
import { Client, databaseKind } from '../helpers/server.js';
import { callRow, legsCreatedFor, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CLIENT = '+79161234567';
const TRUNK = `PJSIP/${CLIENT}@trunk`;
// Working hours around the clock: a lead posted now is inside them.
const ALWAYS = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };

describe(`instant callback (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  /** The world's department in auto mode with instant callback on (retries after 2 and 10 min) and a website. */
  async function callbackWorld(hours = ALWAYS, env: Record<string, string> = {}) {
    w = await telephonyWorld({ env: { RING_TIMEOUT_SEC: '5', ...env } });
    const site = await insertSite(w.server, { departmentId: w.department.id });
    const res = await w.director.patch(`/api/departments/${w.department.id}`, {
      distribution: { mode: 'auto' },
      instantCallback: { enabled: true, retryMinutes: [2, 10] },
      speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: hours },
    });
    expect(res.status).toBe(200);
    expect(res.body.department.instantCallback).toEqual({ enabled: true, retryMinutes: [2, 10] });
    return site;
  }

  const post = async (site: { key: string }) => {
    const res = await new Client(w.server.url).post('/api/intake', { phone: CLIENT, name: 'Anna Petrova', service: 'a quote for a kitchen' }, { 'x-site-key': site.key });
    expect(res.status).toBe(201);
    return res.body.leadId as number;
  };
  const attempts = (leadId: number) => w.server.deps.db('callback_attempts').where('lead_id', leadId).orderBy('attempt');
  const history = async (leadId: number) => (await w.director.get(`/api/leads/${leadId}`)).body.history as { field: string; oldValue: string; newValue: string }[];
  const callbackHistory = async (leadId: number) => (await history(leadId)).filter((h) => h.field === 'callback').map((h) => [h.oldValue, h.newValue]);

  it('rings the chosen manager with the card popped, dials the client when they answer, and joins and records them', async () => {
    const site = await callbackWorld();
    w.fake.setEndpoint('PJSIP/101', { kind: 'answer', afterMs: 30 });
    w.fake.setEndpoint(TRUNK, { kind: 'answer', afterMs: 30 });
    const leadId = await post(site);

    await until(() => w.owner.socket.named('call:ringing').length > 0, 3000, 'the owner’s pop');
    const pop = w.owner.socket.named('call:ringing')[0];
    expect(pop.callback).toEqual({ attempt: 1, clientName: 'Anna Petrova', service: 'a quote for a kitchen' });
    expect(pop.lead.id).toBe(leadId);
    expect(w.colleague.socket.named('call:ringing')).toHaveLength(0);

    // The row is marked up and recording by two writes after the client answers (the audio is joined first).
    await until(async () => {
      const row = await callRow(w.server, pop.callId);
      return row.recording_state === 'recording' && row.status === 'up';
    }, 3000, 'bridged and recording');
    const call = await callRow(w.server, pop.callId);
    expect(call).toMatchObject({ direction: 'outbound', lead_id: leadId, user_id: w.owner.id, client_number: CLIENT, status: 'up' });
    // The client is dialled through the trunk only after the manager answered, from the manager's leg.
    const client = w.fake.requests.find((r) => r.path === '/channels' && r.query.endpoint === TRUNK)!;
    expect(client.query.originator).toBe(legsCreatedFor(w.fake, 'PJSIP/101')[0]);

    w.fake.hangupFromPhone(client.query.channelId);
    await until(async () => (await attempts(leadId))[0]?.state === 'done', 3000, 'attempt closed');
    expect((await attempts(leadId)).map((a) => [a.attempt, a.user_id, a.outcome])).toEqual([[1, w.owner.id, 'talked']]);
    expect(await callbackHistory(leadId)).toEqual([['Owner Olga', 'talked']]);
    await until(() => w.owner.socket.named('call:ended').some((e) => e.callId === pop.callId), 3000, 'the pop closed');
  });

  it('gives the lead to the next eligible manager when the first declines, then to the curators when nobody answers', async () => {
    const site = await callbackWorld();
    w.fake.setEndpoint('PJSIP/101', { kind: 'busy' }); // declines: 486, cause 17
    const leadId = await post(site);

    // Carl's phone (the next one the fair pool would choose) rings with the card, and the lead is his now.
    await until(() => w.colleague.socket.named('call:ringing').length > 0, 3000, 'the colleague’s pop');
    expect(w.colleague.socket.named('call:ringing')[0].callback).toMatchObject({ attempt: 2 });
    expect(legsCreatedFor(w.fake, 'PJSIP/102')).toHaveLength(1);
    const card = (await w.director.get(`/api/leads/${leadId}`)).body;
    expect(card.lead.ownerId).toBe(w.colleague.id);
    expect(card.distribution.at(-1)).toMatchObject({ decision: 'callback', userId: w.colleague.id });
    expect(card.distribution.at(-1).reasons[0]).toEqual({ code: 'callback_missed', params: { userId: w.owner.id, name: 'Owner Olga' } });

    // Carl lets it ring out (5 s of Asterisk time): nobody is left, the lead waits in the inbox with both attempts on it.
    await until(async () => (await w.server.deps.db('leads').where('id', leadId).first('owner_id')).owner_id === null, 3000, 'back in the inbox');
    expect((await attempts(leadId)).map((a) => [a.attempt, a.user_id, a.outcome])).toEqual([
      [1, w.owner.id, 'manager_declined'],
      [2, w.colleague.id, 'manager_no_answer'],
    ]);
    expect(await callbackHistory(leadId)).toEqual([
      ['Owner Olga', 'manager_declined'],
      ['Colleague Carl', 'manager_no_answer'],
    ]);
    const last = (await w.director.get(`/api/leads/${leadId}`)).body.distribution.at(-1);
    expect(last).toMatchObject({ decision: 'inbox', userId: null });
    expect(last.reasons[0]).toEqual({ code: 'callback_missed', params: { userId: w.colleague.id, name: 'Colleague Carl' } });
    expect(w.fake.requests.filter((r) => r.path === '/channels' && r.query.endpoint === TRUNK)).toHaveLength(0);
  });

  it('tries a busy client again at the next slot of the schedule, with the same manager', async () => {
    const site = await callbackWorld();
    w.fake.setEndpoint('PJSIP/101', { kind: 'answer', afterMs: 20 });
    w.fake.setEndpoint(TRUNK, { kind: 'busy' });
    const before = Date.now();
    const leadId = await post(site);
    await until(async () => (await attempts(leadId)).length === 2, 3000, 'the retry written');
    const [first, retry] = await attempts(leadId);
    expect(first).toMatchObject({ user_id: w.owner.id, outcome: 'client_busy', state: 'done' });
    expect(retry).toMatchObject({ attempt: 2, state: 'due' });
    const due = Date.parse(fromDbTime(retry.due_at)!);
    expect(due - before).toBeGreaterThanOrEqual(2 * 60_000);
    expect(due - Date.now()).toBeLessThanOrEqual(2 * 60_000);
    expect(await callbackHistory(leadId)).toEqual([['Owner Olga', 'client_busy']]);
    expect((await history(leadId)).some((h) => h.field === 'callback_retry' && Date.parse(h.newValue) === due)).toBe(true);

    // A minute later nothing rings; at the slot the manager's phone rings again, and this time the client answers.
    await runLeased(w.server.deps, callbackJob, new Date(due - 60_000));
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(1);
    w.fake.setEndpoint(TRUNK, { kind: 'answer', afterMs: 20 });
    await runLeased(w.server.deps, callbackJob, new Date(due + 1000));
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(2);
    await until(async () => Boolean(await w.server.deps.db('calls').where('lead_id', leadId).whereNotNull('answered_at').first('id')), 3000, 'the client answered');
  });

  it('rings nothing outside working hours and makes the first attempt when the day starts', async () => {
    // A working window of one hour starting three hours from now (UTC): now is outside it.
    const start = new Date(Date.now() + 3 * 3_600_000);
    start.setUTCMinutes(0, 0, 0);
    const hh = start.getUTCHours();
    const hours = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], from: `${String(hh).padStart(2, '0')}:00`, to: hh === 23 ? '24:00' : `${String(hh + 1).padStart(2, '0')}:00` };
    const site = await callbackWorld(hours);
    w.fake.setEndpoint('PJSIP/101', { kind: 'answer', afterMs: 20 });
    const leadId = await post(site);
    // Outside the hours distribution leaves it to the curators; the curator gives it to Olga at once.
    expect((await w.curator.client.post(`/api/leads/${leadId}/assign`, { managerId: w.owner.id })).status).toBe(200);
    await until(async () => (await attempts(leadId)).length === 1, 3000, 'the first attempt written');
    const [first] = await attempts(leadId);
    expect(first.state).toBe('due');
    expect(Date.parse(fromDbTime(first.due_at)!)).toBe(start.getTime());
    await runLeased(w.server.deps, callbackJob, new Date());
    await new Promise((r) => setTimeout(r, 200));
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(0);

    await runLeased(w.server.deps, callbackJob, new Date(start.getTime() + 1000));
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(1);
    await until(() => w.owner.socket.named('call:ringing').some((p) => p.callback?.attempt === 1), 3000, 'the pop at the start of the day');
  });

  it('closes an attempt left ringing by a restart as failed, with the outcome on the lead', async () => {
    const site = await callbackWorld();
    w.fake.setEndpoint('PJSIP/101', { kind: 'ring' });
    const leadId = await post(site);
    await until(() => legsCreatedFor(w.fake, 'PJSIP/101').length === 1, 3000, 'the manager rung');
    const [ringing] = await attempts(leadId);
    expect(ringing.state).toBe('ringing');

    // Leadline stops while the manager's phone rings: nobody is left to close the attempt when the call ends.
    await w.telephony.stop();
    await w.telephony.start();
    await until(async () => (await callRow(w.server, ringing.call_id)).status === 'ended', 5000, 'the call closed on reconnect');
    await runLeased(w.server.deps, callbackJob, new Date());
    expect((await attempts(leadId))[0].state).toBe('ringing'); // within the grace a live process may still close it
    await runLeased(w.server.deps, callbackJob, new Date(Date.now() + 6 * 60_000));
    expect((await attempts(leadId)).map((a) => [a.state, a.outcome])).toEqual([['done', 'failed']]);
    expect(await callbackHistory(leadId)).toEqual([['Owner Olga', 'failed']]);
  });

  it('gives nothing to a manager whose callback is ringing, naming them as on a call, nor passes a missed one to them', async () => {
    // Olga's phone rings long (120 s of Asterisk time, 2.4 s here); a rule sends every kitchen to her.
    const site = await callbackWorld(ALWAYS, { RING_TIMEOUT_SEC: '120' });
    const rules = [{ service: 'kitchen', userIds: [w.owner.id] }];
    expect((await w.director.patch(`/api/departments/${w.department.id}`, { distribution: { mode: 'auto', rules } })).status).toBe(200);
    w.fake.setEndpoint('PJSIP/101', { kind: 'ring' });
    const first = await post(site);
    await until(() => w.owner.socket.named('call:ringing').some((p) => p.lead.id === first), 3000, 'Olga rung for the first lead');

    // A second kitchen while Olga's phone rings: the rule skips her, the fair pool gives it to Carl, whose phone rings.
    w.fake.setEndpoint('PJSIP/102', { kind: 'busy' }); // …and who declines it
    const second = await new Client(w.server.url).post('/api/intake', { phone: '+79161234568', service: 'a kitchen too' }, { 'x-site-key': site.key });
    expect(second.status).toBe(201);
    const decisions = async () => (await w.director.get(`/api/leads/${second.body.leadId}`)).body.distribution as { decision: string; userId: number | null; reasons: { code: string; params: Record<string, unknown> }[] }[];
    const [chosen] = await decisions();
    expect(chosen).toMatchObject({ decision: 'pool', userId: w.colleague.id });
    expect(chosen.reasons.slice(0, 2)).toEqual([
      { code: 'rule_matched', params: { rule: 1 } },
      { code: 'on_call', params: { userId: w.owner.id, name: 'Owner Olga' } },
    ]);

    // Carl declined: Olga is still being rung, so the lead goes to the curators, saying why she was passed over.
    await until(async () => (await decisions()).length === 2, 3000, 'passed on after Carl');
    const [, passed] = await decisions();
    expect(passed).toMatchObject({ decision: 'inbox', userId: null });
    expect(passed.reasons.map((r) => [r.code, r.params.name ?? null])).toEqual([
      ['callback_missed', 'Colleague Carl'],
      ['rule_matched', null],
      ['on_call', 'Owner Olga'],
      ['on_call', 'Owner Olga'],
      ['no_eligible', null],
    ]);
    expect(legsCreatedFor(w.fake, 'PJSIP/101')).toHaveLength(1);
  });
});

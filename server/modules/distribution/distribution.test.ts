import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../db/knex.js';
import { insertDepartment, insertSite, insertStaff, loginAs, type TestUser } from '../../../test/helpers/factories.js';
import { ADMIN, Client, databaseKind, startTestServer, type LiveSocket, type TestServer } from '../../../test/helpers/server.js';

// Working hours around the clock, so leads posted now are always inside them.
const ALWAYS = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };
const NEVER = { timeZone: 'Europe/Moscow', days: [], from: '09:00', to: '18:00' };
let phoneSeq = 0;
const nextPhone = () => `+7916${String(1_000_000 + ++phoneSeq).slice(-7)}`;

describe(`automatic distribution (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  const sockets: LiveSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.dispose();
  });
  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
  });

  /** A department with a site, a curator and managers who each have a tab open (present), in the given settings. */
  async function department(managerNames: string[], distribution: Record<string, unknown>, hours = ALWAYS, s: TestServer = server) {
    const dept = await insertDepartment(s);
    const site = await insertSite(s, { departmentId: dept.id });
    const curator = await insertStaff(s, { role: 'curator', departmentId: dept.id });
    const managers: TestUser[] = [];
    for (const name of managerNames) {
      const m = await insertStaff(s, { role: 'manager', departmentId: dept.id, name: `${name}-${dept.id}` });
      sockets.push(await (await loginAs(s, m)).connectSocket());
      managers.push(m);
    }
    const res = await new Client(s.url).login(ADMIN.email, ADMIN.password).then((d) =>
      d.patch(`/api/departments/${dept.id}`, { distribution, speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: hours } }),
    );
    expect(res.status).toBe(200);
    return { dept, site, curator, managers };
  }

  const post = (site: { key: string }, body: Record<string, unknown> = {}, s: TestServer = server) =>
    new Client(s.url).post('/api/intake', { phone: nextPhone(), ...body }, { 'x-site-key': site.key });
  const card = (leadId: number) => director.get(`/api/leads/${leadId}`);

  it('keeps manual the default: a posted lead waits for the curator', async () => {
    const dept = await insertDepartment(server);
    const site = await insertSite(server, { departmentId: dept.id });
    await insertStaff(server, { role: 'manager', departmentId: dept.id });
    expect((await director.get(`/api/departments/${dept.id}`)).body.department.distribution).toMatchObject({ mode: 'manual', rules: [] });
    const res = await post(site);
    const lead = (await card(res.body.leadId)).body;
    expect(lead.lead.ownerId).toBeNull();
    expect(lead.distribution).toEqual([]);
    expect(lead.speed).toEqual({ assignedSeconds: null, firstAttemptSeconds: null, firstConversationSeconds: null, assignedVia: null, firstAttemptVia: null, firstConversationVia: null });
  });

  it('stores the settings and names bad fields', async () => {
    const dept = await insertDepartment(server);
    const settings = { mode: 'auto', rules: [{ service: 'kitchen', userIds: [5] }], fairPool: { weights: { '5': 2 } }, capOpenNew: 4, redistributeAfterMinutes: null, maxRedistributions: 1 };
    const ok = await director.patch(`/api/departments/${dept.id}`, { distribution: settings });
    expect(ok.status).toBe(200);
    expect(ok.body.department.distribution).toEqual(settings);
    const bad = await director.patch(`/api/departments/${dept.id}`, { distribution: { mode: 'sometimes', capOpenNew: 0, rules: [{ userIds: [] }] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['distribution.mode', 'distribution.capOpenNew', 'distribution.rules.0.userIds']));
  });

  it('gives a returning client to their manager first, and says so on the card', async () => {
    const { site, managers } = await department(['Anna', 'Boris'], { mode: 'auto' });
    const phone = nextPhone();
    const first = await post(site, { phone });
    const owner = (await card(first.body.leadId)).body.lead.ownerId;
    expect(managers.map((m) => m.id)).toContain(owner);
    const again = await post(site, { phone, comment: 'one more thing' });
    const body = (await card(again.body.leadId)).body;
    expect(body.lead.ownerId).toBe(owner);
    expect(body.distribution).toMatchObject([{ decision: 'owner', userId: owner, reasons: [{ code: 'owner_of_client', params: { userId: owner } }] }]);
    expect(body.speed.assignedSeconds).toBe(0);
  });

  it('applies the first matching rule, and explains skips and the choice on the card', async () => {
    const { dept, site, managers } = await department(['Anna', 'Boris', 'Vika', 'Dima'], { mode: 'auto' });
    const [anna, boris, vika, dima] = managers as [TestUser, TestUser, TestUser, TestUser];
    await director.patch(`/api/departments/${dept.id}`, {
      distribution: { mode: 'auto', rules: [{ service: 'кухн', userIds: [anna.id] }, { service: 'кухн', userIds: [boris.id, vika.id, dima.id] }], capOpenNew: 2 },
    });
    await server.deps.db('users').where('id', anna.id).update({ presence: 'away' });
    server.deps.presence.setOnCall(boris.id, true);
    // Vika already has two new leads: at her cap.
    for (let i = 0; i < 2; i++) await insertOwnedLead(server, dept.id, vika.id);
    const res = await post(site, { service: 'Кухня на заказ' });
    expect(res.status).toBe(201);
    const body = (await card(res.body.leadId)).body;
    expect(body.lead.ownerId).toBe(dima.id);
    expect(body.distribution).toHaveLength(1);
    expect(body.distribution[0]).toMatchObject({ decision: 'rule', userId: dima.id });
    expect(body.distribution[0].reasons.map((r: { code: string; params: { userId?: number } }) => [r.code, r.params.userId ?? null])).toEqual([
      ['rule_matched', null],
      ['away', anna.id],
      ['rule_matched', null],
      ['on_call', boris.id],
      ['at_cap', vika.id],
      ['longest_waiting', dima.id],
    ]);
    expect(body.history.map((h: { action: string }) => h.action)).toContain('assigned');
    server.deps.presence.setOnCall(boris.id, false);
  });

  it('sends the lead to the curators’ inbox when nobody is present or it is outside working hours', async () => {
    const closed = await department(['Anna'], { mode: 'auto' }, NEVER);
    const res = await post(closed.site);
    const body = (await card(res.body.leadId)).body;
    expect(body.lead.ownerId).toBeNull();
    expect(body.distribution[0]).toMatchObject({ decision: 'inbox', userId: null, reasons: [{ code: 'outside_hours' }, { code: 'no_eligible' }] });

    const dept = await insertDepartment(server);
    const site = await insertSite(server, { departmentId: dept.id });
    await insertStaff(server, { role: 'manager', departmentId: dept.id }); // no tab open: offline
    await director.patch(`/api/departments/${dept.id}`, { distribution: { mode: 'auto' }, speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: ALWAYS } });
    const offline = (await card((await post(site)).body.leadId)).body;
    expect(offline.distribution[0].reasons.map((r: { code: string }) => r.code)).toEqual(['offline', 'no_eligible']);
  });

  it('measures on the card the seconds to assignment, first call attempt and first conversation', async () => {
    const { site, managers } = await department(['Anna'], { mode: 'auto' });
    const res = await post(site);
    const lead = await server.deps.db('leads').where('id', res.body.leadId).first('client_id', 'created_at');
    const created = Date.parse(`${String(lead.created_at).replace(' ', 'T')}Z`);
    const call = (startSec: number, answerSec: number | null, talk: number | null) => ({
      direction: 'outbound',
      client_id: lead.client_id,
      status: 'ended',
      disposition: answerSec === null ? 'missed' : 'answered',
      started_at: toDbTime(new Date(created + startSec * 1000)),
      answered_at: answerSec === null ? null : toDbTime(new Date(created + answerSec * 1000)),
      talk_seconds: talk,
    });
    // A call before the lead arrived does not count; a 3-second answer is not a conversation.
    await server.deps.db('calls').insert([call(-600, -590, 120), call(30, null, null), call(50, 55, 3), call(80, 90, 40)]);
    const body = (await card(res.body.leadId)).body;
    expect(body.speed).toMatchObject({ assignedSeconds: 0, firstAttemptSeconds: 30, firstConversationSeconds: 90 });
    expect(body.speed.assignedVia).toEqual({ how: 'pool', managerName: managers[0]!.name, byName: null });
    expect(body.speed.firstAttemptVia).toEqual({ how: 'outbound', userName: null });
  });

  it('says on the card how the lead was reached: assigned by hand, rung by an instant callback, answered by the client calling', async () => {
    const { site, curator, managers } = await department(['Olga'], { mode: 'manual' });
    const [olga] = managers as [TestUser];
    const res = await post(site);
    const leadId = res.body.leadId as number;
    expect((await (await loginAs(server, curator)).post(`/api/leads/${leadId}/assign`, { managerId: olga.id })).status).toBe(200);
    const lead = await server.deps.db('leads').where('id', leadId).first('client_id', 'created_at', 'department_id');
    const created = Date.parse(`${String(lead.created_at).replace(' ', 'T')}Z`);
    const at = (sec: number) => toDbTime(new Date(created + sec * 1000));
    const base = { client_id: lead.client_id, lead_id: leadId, user_id: olga.id, status: 'ended' };
    const [callbackCall] = await server.deps.db('calls').insert({ ...base, direction: 'outbound', disposition: 'busy', started_at: at(5) }, ['id']);
    const callbackCallId = typeof callbackCall === 'object' ? Number(callbackCall.id) : Number(callbackCall);
    await server.deps.db('callback_attempts').insert({ lead_id: leadId, attempt: 1, department_id: lead.department_id, due_at: at(4), state: 'done', user_id: olga.id, call_id: callbackCallId, outcome: 'client_busy', ended_at: at(20) });
    await server.deps.db('calls').insert({ ...base, direction: 'inbound', disposition: 'answered', started_at: at(60), answered_at: at(65), talk_seconds: 120 });
    const { speed } = (await card(leadId)).body;
    expect(speed).toMatchObject({ firstAttemptSeconds: 5, firstConversationSeconds: 65 });
    expect(speed.assignedVia).toEqual({ how: 'manual', managerName: olga.name, byName: curator.name });
    expect(speed.firstAttemptVia).toEqual({ how: 'callback', userName: olga.name });
    expect(speed.firstConversationVia).toEqual({ how: 'inbound', userName: olga.name });
  });

  it('never gives two leads posted at once to the same manager while another is waiting', async () => {
    const { site, managers } = await department(['Anna', 'Boris', 'Vika'], { mode: 'auto' });
    const posts = await Promise.all(Array.from({ length: 12 }, () => post(site)));
    expect(posts.map((p) => p.status)).toEqual(Array(12).fill(201));
    const owners = await server.deps.db('leads').whereIn('id', posts.map((p) => p.body.leadId)).select('owner_id');
    const counts = managers.map((m) => owners.filter((o: { owner_id: number }) => Number(o.owner_id) === m.id).length);
    expect(counts).toEqual([4, 4, 4]);
  });

  it('decides consistently when two instances on one database take leads at once', async () => {
    const env = server.config.database.client === 'mysql' ? { DATABASE_URL: server.config.database.url } : { DATABASE_URL: `sqlite:${server.config.database.filename}` };
    const second = await startTestServer(env);
    try {
      const { site, managers } = await department(['Anna', 'Boris'], { mode: 'auto' });
      // Present on both instances (each keeps its own presence).
      for (const m of managers) sockets.push(await (await loginAs(second, m)).connectSocket());
      const posts = await Promise.all(Array.from({ length: 10 }, (_, i) => post(site, {}, i % 2 ? second : server)));
      expect(posts.map((p) => p.status)).toEqual(Array(10).fill(201));
      const owners = await server.deps.db('leads').whereIn('id', posts.map((p) => p.body.leadId)).select('owner_id');
      expect(managers.map((m) => owners.filter((o: { owner_id: number }) => Number(o.owner_id) === m.id).length)).toEqual([5, 5]);
    } finally {
      await second.dispose();
    }
  });
});

/** A new lead already owned by `ownerId` (filling a manager up to their cap). */
async function insertOwnedLead(server: TestServer, departmentId: number, ownerId: number): Promise<void> {
  const now = toDbTime();
  const [clientId] = await server.deps.db('clients').insert({ full_name: 'Filler', department_id: departmentId, search_text: 'filler', created_at: now, updated_at: now });
  await server.deps.db('leads').insert({ client_id: Number(clientId), department_id: departmentId, owner_id: ownerId, source: 'manual', status: 'new', created_at: now, updated_at: now, assigned_at: now });
}

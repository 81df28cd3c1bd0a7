import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../db/knex.js';
import { jobs } from '../../jobs/index.js';
import { redistributeJob } from '../../jobs/redistribute.js';
import { runLeased } from '../../jobs/registry.js';
import { insertDepartment, insertStaff, loginAs, type TestUser } from '../../../test/helpers/factories.js';
import { ADMIN, Client, databaseKind, startTestServer, type LiveSocket, type TestServer } from '../../../test/helpers/server.js';
import { redistributeOverdueLeads } from './redistribute-overdue-leads.js';

// Fixtures live in 2099 so the job's own schedule (real clock) never reaches them: the tests run it at their moments.
// 2099-03-02 is a Monday, 2099-03-06 a Friday; Moscow is UTC+3: 09:00–18:00 there is 06:00–15:00 UTC.
const MOSCOW = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const plusMin = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000);

describe(`re-distribution after the first-contact deadline (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  const sockets: LiveSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.dispose();
  });

  /** An auto department (15 working minutes to first contact) with a curator reading Russian and present managers. */
  async function department(names: string[], maxRedistributions: number, s: TestServer = server) {
    const dept = await insertDepartment(s);
    const curator = await insertStaff(s, { role: 'curator', departmentId: dept.id });
    await s.deps.db('users').where('id', curator.id).update({ locale: 'ru' });
    const curatorSocket = await (await loginAs(s, curator)).connectSocket();
    sockets.push(curatorSocket);
    const managers: TestUser[] = [];
    for (const name of names) {
      const m = await insertStaff(s, { role: 'manager', departmentId: dept.id, name: `${name}-${dept.id}` });
      sockets.push(await (await loginAs(s, m)).connectSocket());
      managers.push(m);
    }
    const res = await director.patch(`/api/departments/${dept.id}`, {
      distribution: { mode: 'auto', redistributeAfterMinutes: 15, maxRedistributions },
      speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: MOSCOW },
    });
    expect(res.status).toBe(200);
    return { dept, curator, curatorSocket, managers };
  }

  /** A lead the fair pool gave to `owner` at `atIso`, as distribution leaves it. */
  async function autoLead(departmentId: number, owner: TestUser, atIso: string, s: TestServer = server): Promise<number> {
    const db = s.deps.db;
    const at = toDbTime(new Date(atIso));
    const [clientId] = await db('clients').insert({ full_name: 'Irina Volkova', department_id: departmentId, search_text: 'irina volkova', created_at: at, updated_at: at });
    const [id] = await db('leads').insert({ client_id: Number(clientId), department_id: departmentId, owner_id: owner.id, source: 'web', status: 'new', created_at: at, updated_at: at, assigned_at: at });
    await db('lead_distribution').insert({ lead_id: Number(id), at, decision: 'pool', user_id: owner.id, reasons: '[]' });
    return Number(id);
  }

  const ownerOf = async (leadId: number) => Number((await server.deps.db('leads').where('id', leadId).first('owner_id')).owner_id);
  const card = async (leadId: number) => (await director.get(`/api/leads/${leadId}`)).body;
  const run = (now: Date) => runLeased(server.deps, redistributeJob, now, 'test');

  it('moves the lead to another manager once its owner has made no first contact within the deadline, not before', async () => {
    expect(jobs).toContain(redistributeJob);
    const { dept, curator, curatorSocket, managers } = await department(['Anna', 'Boris'], 1);
    const [anna, boris] = managers as [TestUser, TestUser];
    const start = '2099-03-02T07:00:00.000Z'; // Monday 10:00 in Moscow
    const leadId = await autoLead(dept.id, anna, start);
    const contacted = await autoLead(dept.id, anna, start);
    await server.deps.db('leads').where('id', contacted).update({ first_contact_at: toDbTime(plusMin(start, 3)) });
    const borisSocket = await (await loginAs(server, boris)).connectSocket();
    sockets.push(borisSocket);

    await run(plusMin(start, 14));
    expect(await ownerOf(leadId)).toBe(anna.id);

    await run(plusMin(start, 15));
    expect(await ownerOf(leadId)).toBe(boris.id);
    expect(await ownerOf(contacted)).toBe(anna.id); // contacted in time: stays
    const body = await card(leadId);
    expect(body.distribution.at(-1)).toMatchObject({
      decision: 'redistributed',
      userId: boris.id,
      reasons: [{ code: 'no_first_contact', params: { userId: anna.id, name: anna.name, minutes: 15 } }, { code: 'longest_waiting', params: { userId: boris.id } }],
    });
    expect(body.history).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'assigned', oldValue: anna.name, newValue: boris.name })]));
    // The new owner's screen gets the lead; the curator gets the notice live, in Russian.
    await borisSocket.waitFor('lead:assigned', (p) => p.lead.id === leadId);
    const notice = await curatorSocket.waitFor('reminder:due', (p) => p.reminder.leadId === leadId);
    expect(notice.reminder).toMatchObject({ userId: curator.id, kind: 'speed_to_lead' });
    expect(notice.reminder.text).toBe(`Заявка Irina Volkova передана от ${anna.name} к ${boris.name}: нет первого контакта за 15 мин`);
  });

  it('counts only working time and never moves a lead outside working hours', async () => {
    const { dept, managers } = await department(['Anna', 'Boris'], 1);
    const [anna, boris] = managers as [TestUser, TestUser];
    const leadId = await autoLead(dept.id, anna, '2099-03-06T14:50:00.000Z'); // Friday 17:50: 10 working minutes left today
    await run(new Date('2099-03-06T15:30:00.000Z')); // Friday 18:30: only 10 working minutes have passed
    await run(new Date('2099-03-07T09:00:00.000Z')); // Saturday
    expect(await ownerOf(leadId)).toBe(anna.id);
    await run(new Date('2099-03-09T06:04:00.000Z')); // Monday 09:04: 14 working minutes
    expect(await ownerOf(leadId)).toBe(anna.id);
    await run(new Date('2099-03-09T06:05:00.000Z')); // Monday 09:05: 15
    expect(await ownerOf(leadId)).toBe(boris.id);

    // Past the deadline in working time, but the day is over: it waits for the morning.
    const late = await autoLead(dept.id, anna, '2099-03-06T14:00:00.000Z'); // Friday 17:00
    await run(new Date('2099-03-06T15:30:00.000Z'));
    expect(await ownerOf(late)).toBe(anna.id);
    await run(new Date('2099-03-09T06:00:00.000Z'));
    expect(await ownerOf(late)).not.toBe(anna.id);
  });

  it('never gives the lead back to a manager it went to, restarts the deadline each round and stops at the maximum', async () => {
    const { dept, managers } = await department(['Anna', 'Boris', 'Vika'], 2);
    const [anna] = managers as [TestUser, TestUser, TestUser];
    const start = '2099-03-03T07:00:00.000Z';
    const leadId = await autoLead(dept.id, anna, start);
    await run(plusMin(start, 15));
    const second = await ownerOf(leadId);
    expect(second).not.toBe(anna.id);
    await run(plusMin(start, 29)); // 14 minutes with the second owner
    expect(await ownerOf(leadId)).toBe(second);
    await run(plusMin(start, 30));
    const third = await ownerOf(leadId);
    expect([anna.id, second]).not.toContain(third);
    await run(plusMin(start, 120)); // two rounds done: it stays
    expect(await ownerOf(leadId)).toBe(third);
    expect((await card(leadId)).distribution.map((d: { decision: string; userId: number }) => [d.decision, d.userId])).toEqual([
      ['pool', anna.id],
      ['redistributed', second],
      ['redistributed', third],
    ]);

    // With nobody else to take it, the lead stays with its owner and no round is used up.
    const alone = await department(['Dima'], 1);
    const dima = alone.managers[0]!;
    const kept = await autoLead(alone.dept.id, dima, start);
    await run(plusMin(start, 60));
    expect(await ownerOf(kept)).toBe(dima.id);
    expect(await server.deps.db('lead_redistributions').where('lead_id', kept).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('moves a lead once when two instances run the round at the same moment', async () => {
    const env = server.config.database.client === 'mysql' ? { DATABASE_URL: server.config.database.url } : { DATABASE_URL: `sqlite:${server.config.database.filename}` };
    const second = await startTestServer(env);
    try {
      const { dept, curator, managers } = await department(['Anna', 'Boris', 'Vika'], 3);
      for (const m of managers) sockets.push(await (await loginAs(second, m)).connectSocket());
      const start = '2099-03-04T07:00:00.000Z';
      const leadIds = [];
      for (let i = 0; i < 4; i++) leadIds.push(await autoLead(dept.id, managers[0]!, start));
      const now = plusMin(start, 15);
      // Straight to the use case on both instances (no lease): the per-lead claim alone keeps each round single.
      const moved = await Promise.all([redistributeOverdueLeads(server.deps, now), redistributeOverdueLeads(second.deps, now)]);
      expect(moved[0] + moved[1]).toBe(4);
      const db = server.deps.db;
      for (const id of leadIds) {
        expect(await db('lead_distribution').where({ lead_id: id, decision: 'redistributed' }).count({ n: '*' })).toEqual([{ n: 1 }]);
        expect(await db('reminders').where({ lead_id: id, user_id: curator.id, text_key: 'task.redistributed' }).count({ n: '*' })).toEqual([{ n: 1 }]);
      }
      // And a restart running the same moment again does nothing.
      expect(await redistributeOverdueLeads(second.deps, now)).toBe(0);
    } finally {
      await second.dispose();
    }
  });
});

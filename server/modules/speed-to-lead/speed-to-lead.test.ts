import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../db/knex.js';
import { speedToLeadJob } from '../../jobs/speed-to-lead.js';
import { runLeased } from '../../jobs/registry.js';
import { insertStaff, insertTeam, loginAs, type TestUser } from '../../../test/helpers/factories.js';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { raiseSpeedToLeadAlarms } from './raise-speed-to-lead-alarms.js';

// Fixtures live in 2099 so the guard's own schedule (real clock) never reaches them: the tests run it at their moments.
// 2099-03-02 is a Monday, 2099-03-06 a Friday; Moscow is UTC+3, Vladivostok UTC+10.
const MOSCOW = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' };
const at = (iso: string) => new Date(iso);
const plusMin = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000);

type Team = Awaited<ReturnType<typeof insertTeam>>;

async function insertLead(server: TestServer, l: { departmentId: number; name: string; createdAt: string; ownerId?: number; assignedAt?: string }): Promise<number> {
  const db = server.deps.db;
  const created = toDbTime(at(l.createdAt));
  const [clientId] = await db('clients').insert({ full_name: l.name, department_id: l.departmentId, search_text: l.name.toLowerCase(), created_at: created, updated_at: created });
  const [id] = await db('leads').insert({
    client_id: Number(clientId),
    department_id: l.departmentId,
    owner_id: l.ownerId ?? null,
    source: 'manual',
    status: 'new',
    created_at: created,
    updated_at: created,
    assigned_at: l.assignedAt ? toDbTime(at(l.assignedAt)) : null,
  });
  return Number(id);
}

/** The guard's tasks: who got which, for which lead. */
async function tasks(server: TestServer, leadId: number): Promise<{ userId: number; key: string }[]> {
  const rows = await server.deps.db('reminders').where({ lead_id: leadId, kind: 'speed_to_lead' }).orderBy('id').select('user_id', 'text_key');
  return rows.map((r: { user_id: number; text_key: string }) => ({ userId: Number(r.user_id), key: r.text_key }));
}

describe(`the speed-to-lead guard (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  let directorId: number;
  let team: Team;

  async function teamWith(settings: Record<string, unknown>): Promise<Team> {
    const t = await insertTeam(server);
    const res = await director.patch(`/api/departments/${t.department.id}`, { speedToLead: settings });
    expect(res.status).toBe(200);
    return t;
  }

  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    directorId = Number((await server.deps.db('users').where('email', ADMIN.email).first('id')).id);
    team = await teamWith({ unassignedMinutes: 5, firstContactMinutes: 15, workingHours: MOSCOW });
  });
  afterAll(async () => server?.dispose());

  it('alerts the curators after N working minutes of no manager, the director after 2N, each once, live', async () => {
    const curator = await loginAs(server, team.curator);
    const live = await curator.connectSocket();
    const t0 = '2099-03-02T07:00:00.000Z'; // Monday 10:00 Moscow
    const lead = await insertLead(server, { departmentId: team.department.id, name: 'Anna Petrova', createdAt: t0 });

    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 4.9));
    expect(await tasks(server, lead)).toEqual([]);
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 5));
    expect(await tasks(server, lead)).toEqual([{ userId: team.curator.id, key: 'task.speed_unassigned' }]);
    const due = await live.waitFor('reminder:due', (p) => p.reminder.leadId === lead);
    expect(due.reminder.text).toBe('Заявка Anna Petrova ждёт менеджера уже 5 мин: назначьте её');
    expect(due.lead.id).toBe(lead);

    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 7));
    expect(await tasks(server, lead)).toHaveLength(1);
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 10));
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 60));
    expect(await tasks(server, lead)).toEqual([
      { userId: team.curator.id, key: 'task.speed_unassigned' },
      { userId: directorId, key: 'task.speed_unassigned_director' },
    ]);
    const directorTasks = (await director.get('/api/reminders')).body.items as { leadId: number; text: string }[];
    expect(directorTasks.find((r) => r.leadId === lead)?.text).toBe(`Заявка Anna Petrova (${team.department.name}) без менеджера уже 10 рабочих мин`);
    live.close();
  });

  it('reminds the owner after M minutes without a first contact and alerts the curator at 2M; a contact stops it', async () => {
    const t0 = '2099-03-03T08:00:00.000Z'; // Tuesday 11:00 Moscow
    const silent = await insertLead(server, { departmentId: team.department.id, name: 'Boris', createdAt: t0, ownerId: team.manager.id, assignedAt: plusMin(t0, 2).toISOString() });
    const called = await insertLead(server, { departmentId: team.department.id, name: 'Vera', createdAt: t0, ownerId: team.manager.id, assignedAt: t0 });
    await server.deps.db('leads').where('id', called).update({ first_contact_at: toDbTime(plusMin(t0, 3)) });

    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 16.9));
    expect(await tasks(server, silent)).toEqual([]);
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 17));
    expect(await tasks(server, silent)).toEqual([{ userId: team.manager.id, key: 'task.speed_no_contact' }]);
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 32));
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 33));
    expect(await tasks(server, silent)).toEqual([
      { userId: team.manager.id, key: 'task.speed_no_contact' },
      { userId: team.curator.id, key: 'task.speed_no_contact_curator' },
    ]);
    const curatorTasks = (await (await loginAs(server, team.curator)).get('/api/reminders')).body.items as { leadId: number; text: string }[];
    expect(curatorTasks.find((r) => r.leadId === silent)?.text).toBe(`${team.manager.name} не связался с клиентом по заявке Boris за 30 мин после назначения`);
    expect(await tasks(server, called)).toEqual([]);
  });

  it('counts working time only: a lead from Friday evening alarms on Monday morning, never at the weekend', async () => {
    const friday = '2099-03-06T14:58:00.000Z'; // 17:58 Moscow: 2 working minutes left that day
    const lead = await insertLead(server, { departmentId: team.department.id, name: 'Friday', createdAt: friday });
    for (const moment of ['2099-03-06T16:00:00Z', '2099-03-07T09:00:00Z', '2099-03-08T20:00:00Z', '2099-03-09T06:02:59Z']) {
      await raiseSpeedToLeadAlarms(server.deps, at(moment));
    }
    expect(await tasks(server, lead)).toEqual([]); // 4 working minutes by Monday 09:02
    await raiseSpeedToLeadAlarms(server.deps, at('2099-03-09T06:03:00Z'));
    expect(await tasks(server, lead)).toEqual([{ userId: team.curator.id, key: 'task.speed_unassigned' }]);
  });

  it('follows each department’s own time zone and settings', async () => {
    const far = await teamWith({ unassignedMinutes: 10, firstContactMinutes: 15, workingHours: { ...MOSCOW, timeZone: 'Asia/Vladivostok' } });
    const t0 = '2099-03-03T11:00:00.000Z'; // Tuesday: 14:00 in Moscow, 21:00 in Vladivostok
    const lead = await insertLead(server, { departmentId: far.department.id, name: 'Far East', createdAt: t0 });
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 60));
    expect(await tasks(server, lead)).toEqual([]); // night there
    await raiseSpeedToLeadAlarms(server.deps, at('2099-03-03T23:09:00Z')); // Wednesday 09:09 there: 9 of 10 minutes
    expect(await tasks(server, lead)).toEqual([]);
    await raiseSpeedToLeadAlarms(server.deps, at('2099-03-03T23:10:00Z'));
    expect(await tasks(server, lead)).toEqual([{ userId: far.curator.id, key: 'task.speed_unassigned' }]);
  });

  it('sends a department without curators’ alarms to the director, and ignores closed leads', async () => {
    const lonely = await teamWith({ unassignedMinutes: 5, firstContactMinutes: 15, workingHours: MOSCOW });
    await server.deps.db('users').where('id', lonely.curator.id).update({ active: false });
    const t0 = '2099-03-04T07:00:00.000Z';
    const open = await insertLead(server, { departmentId: lonely.department.id, name: 'Open', createdAt: t0 });
    const closed = await insertLead(server, { departmentId: lonely.department.id, name: 'Closed', createdAt: t0 });
    await server.deps.db('leads').where('id', closed).update({ status: 'rejected_not_needed', closed_at: toDbTime(plusMin(t0, 1)) });
    await raiseSpeedToLeadAlarms(server.deps, plusMin(t0, 6));
    expect(await tasks(server, open)).toEqual([{ userId: directorId, key: 'task.speed_unassigned' }]);
    expect(await tasks(server, closed)).toEqual([]);
  });

  it('keeps the settings on the department, with the defaults until changed, and names bad ones', async () => {
    const created = await director.post('/api/departments', { name: 'Defaults', phoneNumbers: [] });
    expect(created.body.department.speedToLead).toEqual({
      unassignedMinutes: 5,
      firstContactMinutes: 15,
      workingHours: { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
    });
    const id = created.body.department.id;
    const sofia = { unassignedMinutes: 3, firstContactMinutes: 20, workingHours: { timeZone: 'Europe/Sofia', days: [6, 1, 1], from: '08:30', to: '24:00' } };
    const saved = await director.patch(`/api/departments/${id}`, { speedToLead: sofia });
    expect(saved.body.department.speedToLead).toEqual({ ...sofia, workingHours: { ...sofia.workingHours, days: [1, 6] } });
    expect((await director.get(`/api/departments/${id}`)).body.department.speedToLead.workingHours.timeZone).toBe('Europe/Sofia');

    const bad = await director.patch(`/api/departments/${id}`, {
      speedToLead: { unassignedMinutes: 0, firstContactMinutes: 15, workingHours: { timeZone: 'Mars/Olympus', days: [8], from: '9:00', to: '25:00' } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(
      expect.arrayContaining(['speedToLead.unassignedMinutes', 'speedToLead.workingHours.timeZone', 'speedToLead.workingHours.days.0', 'speedToLead.workingHours.from', 'speedToLead.workingHours.to']),
    );
    const manager = await loginAs(server, await insertStaff(server, { role: 'curator', departmentId: id }));
    expect((await manager.patch(`/api/departments/${id}`, { speedToLead: sofia })).status).toBe(403);
  });
});

describe(`the speed-to-lead guard across restarts and instances (${databaseKind})`, () => {
  let first: TestServer;
  let team: Team;
  const sharedEnv = (s: TestServer): Record<string, string> =>
    s.config.database.client === 'mysql' ? { DATABASE_URL: s.config.database.url } : { DATABASE_URL: `sqlite:${s.config.database.filename}` };

  beforeAll(async () => {
    first = await startTestServer();
    team = await insertTeam(first);
  });
  afterAll(async () => first?.dispose());

  it('never fires an alarm twice after a restart', async () => {
    const t0 = '2099-03-02T08:00:00.000Z';
    const lead = await insertLead(first, { departmentId: team.department.id, name: 'Restart', createdAt: t0 });
    await runLeased(first.deps, speedToLeadJob, plusMin(t0, 6));
    expect(await tasks(first, lead)).toHaveLength(1);

    await first.close(); // the database stays; a new process starts on it
    const second = await startTestServer(sharedEnv(first));
    try {
      await runLeased(second.deps, speedToLeadJob, plusMin(t0, 6));
      await runLeased(second.deps, speedToLeadJob, plusMin(t0, 8));
      expect(await tasks(second, lead)).toEqual([{ userId: team.curator.id, key: 'task.speed_unassigned' }]);
      await runLeased(second.deps, speedToLeadJob, plusMin(t0, 10));
      expect((await tasks(second, lead)).map((t) => t.key)).toEqual(['task.speed_unassigned', 'task.speed_unassigned_director']);
    } finally {
      await second.dispose();
    }
  });
});

describe(`two instances of the speed-to-lead guard on one database (${databaseKind})`, () => {
  let a: TestServer;
  let b: TestServer;
  let team: Team;
  let curators: TestUser[];

  beforeAll(async () => {
    a = await startTestServer();
    const env = a.config.database.client === 'mysql' ? { DATABASE_URL: a.config.database.url } : { DATABASE_URL: `sqlite:${a.config.database.filename}` };
    b = await startTestServer(env);
    team = await insertTeam(a);
    curators = [team.curator, await insertStaff(a, { role: 'curator', departmentId: team.department.id })];
  });
  afterAll(async () => {
    await b?.dispose();
    await a?.dispose();
  });

  it('fires each alarm once when both run at the same moments', async () => {
    const t0 = '2099-03-02T09:00:00.000Z';
    const leads = await Promise.all(Array.from({ length: 20 }, (_, i) => insertLead(a, { departmentId: team.department.id, name: `Race ${i}`, createdAt: t0 })));
    for (const minute of [5, 6, 10, 11]) {
      const moment = plusMin(t0, minute);
      // Both instances' schedulers tick together, with their own holder names; then a straggler runs after the lease is free.
      await Promise.all([runLeased(a.deps, speedToLeadJob, moment, 'instance-a'), runLeased(b.deps, speedToLeadJob, moment, 'instance-b')]);
      await runLeased(b.deps, speedToLeadJob, moment, 'instance-b');
    }
    // Even without the lease (its claim rows alone), racing passes fire nothing twice.
    await Promise.all([raiseSpeedToLeadAlarms(a.deps, plusMin(t0, 12)), raiseSpeedToLeadAlarms(b.deps, plusMin(t0, 12))]);
    for (const lead of leads) {
      const got = await tasks(a, lead);
      expect(got.filter((t) => t.key === 'task.speed_unassigned').map((t) => t.userId).sort()).toEqual(curators.map((c) => c.id).sort());
      expect(got.filter((t) => t.key === 'task.speed_unassigned_director')).toHaveLength(1);
    }
    expect(await a.deps.db('speed_to_lead_alarms').whereIn('lead_id', leads).count({ n: '*' }).first()).toMatchObject({ n: 40 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { isEmptyForDemo, seedDemo, type DemoSeed } from './seed.js';

describe(`demo seed (${databaseKind})`, () => {
  let server: TestServer;
  let seed: DemoSeed;
  const login = (role: string, index = 0) => {
    const l = seed.logins.filter((x) => x.role === role)[index];
    return new Client(server.url).login(l.email, l.password ?? ADMIN.password);
  };

  beforeAll(async () => {
    server = await startTestServer();
    expect(await isEmptyForDemo(server.deps.db)).toBe(true);
    seed = await seedDemo(server.deps, { directorPassword: ADMIN.password, publicOrigin: server.url });
  });
  afterAll(async () => server?.dispose());

  it('creates the two departments with their numbers, people who can log in, and sites', async () => {
    expect(await isEmptyForDemo(server.deps.db)).toBe(false);
    const director = await login('director');
    const departments = (await director.get('/api/departments')).body.items;
    expect(departments.map((d: { name: string }) => d.name)).toEqual(['Отдел продаж — Москва', 'Отдел продаж — Санкт-Петербург']);
    expect(departments[0].phoneNumbers).toContain('+74951234567');
    expect(departments[1].phoneNumbers).toEqual(['+78125550000']);
    const counts = seed.logins.reduce<Record<string, number>>((m, l) => ({ ...m, [l.role]: (m[l.role] ?? 0) + 1 }), {});
    expect(counts).toEqual({ director: 1, curator: 2, manager: 5, assistant: 1 });
    const users = (await director.get('/api/users')).body.items;
    expect(users.filter((u: { endpoint: string | null }) => u.endpoint).map((u: { endpoint: string }) => u.endpoint).sort()).toEqual([
      'PJSIP/101', 'PJSIP/102', 'PJSIP/103', 'PJSIP/104', 'PJSIP/105',
    ]);
    for (const role of ['curator', 'manager', 'assistant']) expect((await (await login(role)).get('/api/auth/me')).status).toBe(200);
    expect((await director.get('/api/sites')).body.items).toHaveLength(2);
    // The printed site key works at the intake.
    const res = await fetch(`${server.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-site-key': seed.sites[0].key },
      body: JSON.stringify({ name: 'Проверка', phone: '+7 999 000 11 22' }),
    });
    expect(res.status).toBe(201);
  });

  it('spreads a few hundred leads over the last 60 days, across the pipeline and closings', async () => {
    const db = server.deps.db;
    expect(seed.leads).toBe(300);
    const statuses = await db('leads').groupBy('status').select('status').count<{ status: string; n: number }[]>({ n: '*' });
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    for (const s of ['new', 'collecting_info', 'offer_sent', 'contract_signed', 'completed', 'postponed', 'refused_price_competitor']) {
      expect(byStatus[s] ?? 0, s).toBeGreaterThan(0);
    }
    const times = (await db('leads').min({ first: 'created_at' }).max({ last: 'created_at' }).first()) as { first: string; last: string };
    const first = new Date(`${String(times.first).replace(' ', 'T')}Z`).getTime();
    const last = new Date(`${String(times.last).replace(' ', 'T')}Z`).getTime();
    expect(Date.now() - first).toBeGreaterThan(30 * 86_400_000);
    expect(Date.now() - first).toBeLessThanOrEqual(61 * 86_400_000);
    expect(last).toBeLessThanOrEqual(Date.now());
    const one = async (q: Promise<{ n: number | string }[]>) => Number((await q)[0].n);
    expect(await one(db('leads').where('returning_client', true).count({ n: '*' }))).toBeGreaterThan(5);
    expect(await one(db('leads').where('flagged', true).count({ n: '*' }))).toBeGreaterThan(5);
    expect(await one(db('leads').whereNull('owner_id').count({ n: '*' }))).toBeGreaterThan(0);
    expect(await one(db('lead_comments').count({ n: '*' }))).toBeGreaterThan(50);
    expect(await one(db('reminders').whereNull('done_at').count({ n: '*' }))).toBeGreaterThan(5);
    // Every lead has its history, starting with its creation.
    expect(await one(db('leads').whereNotExists(db('lead_history').whereRaw('lead_history.lead_id = leads.id').andWhere('action', 'created')).count({ n: '*' }))).toBe(0);
    // Phones are stored as E.164, whatever format they were typed in.
    const phones = await db('client_phones').pluck('phone');
    expect(phones.length).toBeGreaterThan(200);
    expect(phones.every((p: string) => /^\+7\d{10}$/.test(p))).toBe(true);
  });

  it('is readable through the app: the curator inbox, a manager\'s own leads, search by phone in another format', async () => {
    const curator = await login('curator');
    const curatorDept = seed.departments[0].id;
    const inbox = await curator.get('/api/leads?status=new&limit=100');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.length).toBeGreaterThan(0);
    expect(inbox.body.items.every((l: { departmentId: number }) => l.departmentId === curatorDept)).toBe(true);

    const manager = await login('manager');
    const managerId = seed.departments[0].managers[0].id;
    const own = await manager.get('/api/leads?limit=100');
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((l: { ownerId: number }) => l.ownerId === managerId)).toBe(true);
    const detail = await manager.get(`/api/leads/${own.body.items[0].id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.history.length).toBeGreaterThan(0);

    const phone: string = (await server.deps.db('client_phones').orderBy('id').first('phone')).phone;
    const director = await login('director');
    const found = await director.get(`/api/leads?q=${encodeURIComponent(`8 ${phone.slice(2, 5)} ${phone.slice(5)}`)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.some((l: { client: { phone: string | null } }) => l.client.phone === phone)).toBe(true);

    const team = (await curator.get('/api/users')).body.items;
    expect(team.some((u: { role: string; openLeads: number }) => u.role === 'manager' && u.openLeads > 0)).toBe(true);
  });
});

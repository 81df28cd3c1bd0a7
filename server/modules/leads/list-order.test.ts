import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { COUNT_MAX } from './list-leads.js';

describe(`the lead list sorted by a column, with its exact total (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let big: Awaited<ReturnType<typeof insertTeam>>;
  let curator: Client;
  const ids: Record<string, number> = {};
  const names = (body: { items: { client: { fullName: string } }[] }) => body.items.map((l) => l.client.fullName);

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    big = await insertTeam(server);
    curator = await loginAs(server, team.curator);
    let n = 0;
    for (const name of ['Борис', 'Анна', 'Вера', 'Глеб']) {
      const res = await new Client(server.url).post('/api/intake', { phone: `+7 912 300 00 0${n++}`, name }, { 'x-site-key': team.site.key });
      ids[name] = res.body.leadId;
    }
    await curator.post(`/api/leads/${ids['Вера']}/assign`, { managerId: team.manager.id });
    const vera = (await curator.get(`/api/leads/${ids['Вера']}`)).body.lead;
    await curator.patch(`/api/leads/${ids['Вера']}`, { version: vera.version, status: 'contract_signed' });
    const gleb = (await curator.get(`/api/leads/${ids['Глеб']}`)).body.lead;
    await curator.patch(`/api/leads/${ids['Глеб']}`, { version: gleb.version, status: 'offer_sent' });
  });
  afterAll(async () => server?.dispose());

  it('sorts by client name either way, by status in pipeline order, by owner with the unassigned last, with pages', async () => {
    expect(names((await curator.get('/api/leads?sort=client')).body)).toEqual(['Анна', 'Борис', 'Вера', 'Глеб']);
    expect(names((await curator.get('/api/leads?sort=-client')).body)).toEqual(['Глеб', 'Вера', 'Борис', 'Анна']);
    const byStatus = names((await curator.get('/api/leads?sort=-status')).body);
    expect(byStatus.slice(0, 2)).toEqual(['Вера', 'Глеб']);
    expect(names((await curator.get('/api/leads?sort=owner')).body)[0]).toBe('Вера');

    const first = await curator.get('/api/leads?sort=client&limit=3');
    expect(names(first.body)).toEqual(['Анна', 'Борис', 'Вера']);
    const second = await curator.get(`/api/leads?sort=client&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(names(second.body)).toEqual(['Глеб']);
    expect(second.body.nextCursor).toBeNull();
    expect((await curator.get('/api/leads?sort=phone')).body.error.fields).toHaveProperty('sort');
  });

  it('counts the board’s columns over the whole filtered set, with deal amounts per currency', async () => {
    const vera = (await curator.get(`/api/leads/${ids['Вера']}`)).body.lead;
    expect((await curator.patch(`/api/leads/${ids['Вера']}`, { version: vera.version, amount: 150000.5, currency: 'RUB' })).status).toBe(200);
    const counts = await curator.get('/api/leads/counts');
    expect(counts.status).toBe(200);
    expect(counts.body.byStatus).toEqual({ new: { count: 2, amounts: {} }, offer_sent: { count: 1, amounts: {} }, contract_signed: { count: 1, amounts: { RUB: 150000.5 } } });
    expect((await curator.get('/api/leads/counts?status=new')).body.byStatus).toEqual({ new: { count: 2, amounts: {} } });
    // A manager counts only their own.
    const manager = await loginAs(server, team.manager);
    expect((await manager.get('/api/leads/counts')).body.byStatus).toEqual({ contract_signed: { count: 1, amounts: { RUB: 150000.5 } } });
  });

  it('gives the exact total of the filtered list on its first page, and "more than 10,000" past that, where sorting by a column gives way to newest first', async () => {
    expect((await curator.get('/api/leads/total?status=new,offer_sent')).body).toEqual({ total: 3 });
    expect((await curator.get('/api/leads/total?status=open')).body).toEqual({ total: 4 });

    // COUNT_MAX + 1 leads in another department, written straight into the table.
    const db = server.deps.db;
    const template = await db('leads').where('id', ids['Анна']).first();
    const { id: _id, ...row } = template;
    const rows = Array.from({ length: COUNT_MAX + 1 }, () => ({ ...row, department_id: big.department.id, site_id: null }));
    await db.batchInsert('leads', rows, 200);
    const bigCurator = await loginAs(server, big.curator);
    expect((await bigCurator.get('/api/leads/total')).body).toEqual({ total: COUNT_MAX, totalAtLeast: true });
    const sorted = await bigCurator.get('/api/leads?limit=5&sort=client');
    expect(sorted.body).toMatchObject({ sortRestricted: true });
    expect(sorted.body.items).toHaveLength(5);
    expect((await bigCurator.get('/api/leads/total?status=contract_paid')).body).toEqual({ total: 0 });
  });
});

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
    expect(first.body.total).toBe(4);
    const second = await curator.get(`/api/leads?sort=client&limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(names(second.body)).toEqual(['Глеб']);
    expect(second.body.nextCursor).toBeNull();
    expect((await curator.get('/api/leads?sort=phone')).body.error.fields).toHaveProperty('sort');
  });

  it('gives the exact total of the filtered list on its first page, and "more than 10,000" past that, where sorting by a column gives way to newest first', async () => {
    expect((await curator.get('/api/leads?status=new,offer_sent')).body.total).toBe(3);
    expect((await curator.get('/api/leads?status=open&limit=1')).body.total).toBe(4);

    // COUNT_MAX + 1 leads in another department, written straight into the table.
    const db = server.deps.db;
    const template = await db('leads').where('id', ids['Анна']).first();
    const { id: _id, ...row } = template;
    const rows = Array.from({ length: COUNT_MAX + 1 }, () => ({ ...row, department_id: big.department.id, site_id: null }));
    await db.batchInsert('leads', rows, 200);
    const bigCurator = await loginAs(server, big.curator);
    const page = await bigCurator.get('/api/leads?limit=5');
    expect(page.body).toMatchObject({ total: COUNT_MAX, totalAtLeast: true });
    const sorted = await bigCurator.get('/api/leads?limit=5&sort=client');
    expect(sorted.body).toMatchObject({ totalAtLeast: true, sortRestricted: true });
    expect(sorted.body.items).toHaveLength(5);
    expect((await bigCurator.get('/api/leads?limit=5&status=contract_paid')).body.total).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`the lead card's links to the client's other leads, and the warning about an existing client (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let curator: Client;
  let manager: Client;
  let otherManager: Client;
  const intake = (body: Record<string, unknown>) => new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    [curator, manager, otherManager] = await Promise.all([loginAs(server, team.curator), loginAs(server, team.manager), loginAs(server, team.otherManager)]);
  });
  afterAll(async () => server?.dispose());

  it('lists the client’s other leads the reader may see, newest first, never the lead itself', async () => {
    const ids: number[] = [];
    for (const service of ['Кухня', 'Шкаф', 'Стол']) ids.push((await intake({ phone: '+7 911 200 00 01', name: 'Вера', service })).body.leadId);
    const [kitchen, wardrobe, table] = ids as [number, number, number];
    await curator.post(`/api/leads/${kitchen}/assign`, { managerId: team.manager.id });
    await curator.post(`/api/leads/${wardrobe}/assign`, { managerId: team.manager.id });
    await curator.post(`/api/leads/${table}/assign`, { managerId: team.otherManager.id });

    const byCurator = (await curator.get(`/api/leads/${kitchen}`)).body.otherLeads;
    expect(byCurator.map((l: { id: number }) => l.id)).toEqual([table, wardrobe]);
    expect(byCurator[0]).toMatchObject({ service: 'Стол', status: 'new', ownerName: team.otherManager.name });
    // The manager sees only the other lead that is theirs.
    expect((await manager.get(`/api/leads/${kitchen}`)).body.otherLeads.map((l: { id: number }) => l.id)).toEqual([wardrobe]);
    expect((await otherManager.get(`/api/leads/${table}`)).body.otherLeads).toEqual([]);
  });

  it('tells whether a phone or e-mail typed into a new lead belongs to a client, with the leads the reader may open', async () => {
    const first = (await intake({ phone: '+7 911 200 00 02', email: 'irina@example.com', name: 'Ирина' })).body.leadId;
    await curator.post(`/api/leads/${first}/assign`, { managerId: team.manager.id });

    const typed = await manager.get('/api/clients/existing?phone=' + encodeURIComponent('8 (911) 200-00-02'));
    expect(typed.status).toBe(200);
    expect(typed.body.existing).toMatchObject({ visible: true, fullName: 'Ирина', leads: [{ id: first }] });
    expect((await manager.get('/api/clients/existing?email=IRINA@example.com')).body.existing.clientId).toBe(typed.body.existing.clientId);
    expect((await manager.get('/api/clients/existing?phone=89112009999')).body.existing).toBeNull();
    // Another manager learns only that the client exists: no name, no leads.
    expect((await otherManager.get('/api/clients/existing?phone=89112000002')).body.existing).toEqual({ clientId: typed.body.existing.clientId, visible: false, fullName: null, organization: null, leads: [] });
    expect((await manager.get(`/api/clients/existing?phone=${'9'.repeat(80)}`)).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`reminders as a to-do list (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  let phoneSeq = 0;
  async function setUp() {
    const team = await insertTeam(server);
    const [manager, otherManager, curator] = await Promise.all([loginAs(server, team.manager), loginAs(server, team.otherManager), loginAs(server, team.curator)]);
    const lead = async (name: string, managerId = team.manager.id) => {
      const res = await new Client(server.url).post('/api/intake', { name, phone: `+7915${String(3_000_000 + ++phoneSeq)}` }, { 'x-site-key': team.site.key });
      expect((await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId })).status).toBe(200);
      return res.body.leadId as number;
    };
    return { team, manager, otherManager, curator, lead };
  }
  const soon = () => new Date(Date.now() + 3_600_000).toISOString();

  it('gives each reminder its client’s name and phone, until the lead is no longer the manager’s', async () => {
    const { team, manager, curator, lead } = await setUp();
    const leadId = await lead('Ольга Петрова');
    const set = await manager.post(`/api/leads/${leadId}/reminders`, { at: soon(), text: 'Send the offer' });
    expect(set.status).toBe(201);
    const items = (await manager.get('/api/reminders')).body.items;
    expect(items).toMatchObject([{ id: set.body.reminder.id, text: 'Send the offer', lead: { id: leadId, client: { fullName: 'Ольга Петрова', phone: expect.stringMatching(/^\+7915/) } } }]);
    await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.otherManager.id });
    expect((await manager.get('/api/reminders')).body.items).toMatchObject([{ id: set.body.reminder.id, lead: null }]);
  });

  it('lists the leads being worked with no reminder waiting, only the user’s own', async () => {
    const { manager, otherManager, lead, team } = await setUp();
    const planned = await lead('Planned');
    const forgotten = await lead('Forgotten');
    const closed = await lead('Closed');
    await lead('Someone else’s', team.otherManager.id);
    expect((await manager.post(`/api/leads/${planned}/reminders`, { at: soon(), text: 'Call' })).status).toBe(201);
    const lead3 = (await manager.get(`/api/leads/${closed}`)).body.lead;
    expect((await manager.patch(`/api/leads/${closed}`, { status: 'rejected_not_needed', version: lead3.version })).status).toBe(200);
    const ids = async (c: Client) => (await c.get('/api/reminders/without-next-step')).body.items.map((l: { id: number }) => l.id);
    expect(await ids(manager)).toEqual([forgotten]);
    const set = await manager.post(`/api/leads/${forgotten}/reminders`, { at: soon(), text: 'Call' });
    expect(await ids(manager)).toEqual([]);
    expect((await manager.patch(`/api/reminders/${set.body.reminder.id}`, { done: true })).status).toBe(200);
    expect(await ids(manager)).toEqual([forgotten]);
    expect(await ids(otherManager)).toHaveLength(1);
  });
});

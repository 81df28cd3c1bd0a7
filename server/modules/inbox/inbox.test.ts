import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStaff, insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { databaseKind, startTestServer, type LiveSocket, type TestServer } from '../../../test/helpers/server.js';

let phoneSeq = 0;
const nextPhone = () => `+7917${String(2_000_000 + ++phoneSeq).slice(-7)}`;

describe(`the curator's inbox (${databaseKind})`, () => {
  let server: TestServer;
  const sockets: LiveSocket[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.dispose();
  });

  async function leadsOf(team: Awaited<ReturnType<typeof insertTeam>>, n: number) {
    const curator = await loginAs(server, team.curator);
    const leads: { id: number; version: number }[] = [];
    for (let i = 0; i < n; i++) {
      const res = await curator.post('/api/leads', { fullName: `Client ${i}`, phone: nextPhone(), departmentId: team.department.id });
      expect(res.status).toBe(201);
      leads.push({ id: res.body.lead.id, version: res.body.lead.version });
    }
    return { curator, leads };
  }

  it('gives three leads to one manager at once: each written to the manager, with its own history row, and the manager told live', async () => {
    const team = await insertTeam(server);
    const { curator, leads } = await leadsOf(team, 3);
    const managerTab = await (await loginAs(server, team.manager)).connectSocket();
    sockets.push(managerTab);
    const res = await curator.post('/api/inbox/assign', { leads, managerId: team.manager.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ assigned: leads.map((l) => l.id), skipped: [] });
    for (const l of leads) {
      const card = (await curator.get(`/api/leads/${l.id}`)).body;
      expect(card.lead.ownerId).toBe(team.manager.id);
      const history = (await curator.get(`/api/leads/${l.id}/history`)).body.items.filter((h: { action: string }) => h.action === 'assigned');
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ actorId: team.curator.id, newValue: team.manager.name });
      await managerTab.waitFor('lead:assigned', (p) => p.lead.id === l.id);
    }
    const unassigned = (await curator.get('/api/leads?ownerId=none&status=open&limit=50')).body.items.map((l: { id: number }) => l.id);
    for (const l of leads) expect(unassigned).not.toContain(l.id);
  });

  it('skips a lead someone else assigned meanwhile instead of taking it over', async () => {
    const team = await insertTeam(server);
    const { curator, leads } = await leadsOf(team, 2);
    const [first, second] = leads as [(typeof leads)[0], (typeof leads)[0]];
    expect((await curator.post(`/api/leads/${second.id}/assign`, { managerId: team.otherManager.id })).status).toBe(200);
    const res = await curator.post('/api/inbox/assign', { leads, managerId: team.manager.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ assigned: [first.id], skipped: [{ leadId: second.id, reason: 'stale' }] });
    expect((await curator.get(`/api/leads/${second.id}`)).body.lead.ownerId).toBe(team.otherManager.id);
  });

  it('writes nothing when one of the leads is not the curator’s to assign, or the manager is of another department', async () => {
    const team = await insertTeam(server);
    const other = await insertTeam(server);
    const { curator, leads } = await leadsOf(team, 1);
    const { leads: foreign } = await leadsOf(other, 1);
    const hidden = await curator.post('/api/inbox/assign', { leads: [...leads, ...foreign], managerId: team.manager.id });
    expect(hidden.status).toBe(404);
    const wrongManager = await curator.post('/api/inbox/assign', { leads, managerId: other.manager.id });
    expect(wrongManager.status).toBe(400);
    expect(wrongManager.body.error.fields).toHaveProperty('managerId');
    expect((await curator.get(`/api/leads/${leads[0]!.id}`)).body.lead.ownerId).toBeNull();
    const manager = await loginAs(server, team.manager);
    expect((await manager.post('/api/inbox/assign', { leads, managerId: team.manager.id })).status).toBe(404);
  });

  it('answers bad input with field messages, never a server error', async () => {
    const team = await insertTeam(server);
    const curator = await loginAs(server, team.curator);
    const empty = await curator.post('/api/inbox/assign', { leads: [], managerId: team.manager.id });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toHaveProperty('leads');
    const repeated = await curator.post('/api/inbox/assign', { leads: [{ id: 5 }, { id: 5 }], managerId: 'x' });
    expect(repeated.status).toBe(400);
    expect(Object.keys(repeated.body.error.fields)).toEqual(expect.arrayContaining(['leads', 'managerId']));
  });

  it('suggests the present manager with the fewest new leads as next in turn, never one who is away or offline', async () => {
    const team = await insertTeam(server);
    const curator = await loginAs(server, team.curator);
    const ask = async () => (await curator.get(`/api/inbox/next-in-turn?departmentId=${team.department.id}`)).body.next;
    expect(await ask()).toEqual({ userId: null, name: null, openNew: null });
    const busy = await loginAs(server, team.manager);
    sockets.push(await busy.connectSocket());
    const idle = await loginAs(server, team.otherManager);
    sockets.push(await idle.connectSocket());
    const { leads } = await leadsOf(team, 1);
    expect((await curator.post(`/api/leads/${leads[0]!.id}/assign`, { managerId: team.manager.id })).status).toBe(200);
    expect(await ask()).toEqual({ userId: team.otherManager.id, name: team.otherManager.name, openNew: 0 });
    expect((await idle.patch('/api/users/me/presence', { presence: 'away' })).status).toBe(200);
    expect(await ask()).toMatchObject({ userId: team.manager.id, openNew: 1 });
    const stranger = await insertStaff(server, { role: 'curator', departmentId: (await insertTeam(server)).department.id });
    expect((await (await loginAs(server, stranger)).get(`/api/inbox/next-in-turn?departmentId=${team.department.id}`)).status).toBe(403);
  });
});

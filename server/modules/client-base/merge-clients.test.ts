import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertStaff, insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { toDbTime } from '../../db/knex.js';
import { insertCall } from '../calls/calls.repo.js';

describe(`duplicate clients and their merge (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let curator: Client;
  let manager: Client;
  let otherManager: Client;
  let director: Client;

  const intake = (body: Record<string, unknown>) => new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
  async function leadOf(body: Record<string, unknown>, managerId: number): Promise<{ leadId: number; clientId: number }> {
    const res = await intake(body);
    expect(res.status).toBe(201);
    expect((await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId })).status).toBe(200);
    const row = await server.deps.db('leads').where('id', res.body.leadId).first('client_id');
    return { leadId: res.body.leadId, clientId: Number(row.client_id) };
  }

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    const boss = await insertStaff(server, { role: 'director', departmentId: team.department.id });
    [curator, manager, otherManager, director] = await Promise.all([loginAs(server, team.curator), loginAs(server, team.manager), loginAs(server, team.otherManager), loginAs(server, boss)]);
  });
  afterAll(async () => server?.dispose());

  it('finds probable duplicates: same phone digits, an e-mail with a +tag, the same name in one organization', async () => {
    const a = await leadOf({ name: 'Анна Ковалёва', phone: '+79161110001', organization: 'ООО Ромашка' }, team.manager.id);
    const b = await leadOf({ name: 'Ковалева Анна', phone: '+79161110002', organization: 'ООО Ромашка' }, team.manager.id);
    const c = await leadOf({ name: 'Pavel', email: 'pavel@example.com' }, team.manager.id);
    const d = await leadOf({ name: 'Pavel K', email: 'pavel+shop@example.com' }, team.manager.id);
    const e = await leadOf({ name: 'Oleg', phone: '+79161110003' }, team.manager.id);
    // A number kept once with a wrong country code.
    const f = await leadOf({ name: 'Oleg 2', phone: '+79161110004' }, team.otherManager.id);
    await server.deps.db('client_phones').where('client_id', f.clientId).update({ phone: '+89161110003' });
    const groups = (await director.get('/api/clients/duplicates')).body.groups as { reason: string; clients: { id: number }[] }[];
    const ids = (reason: string) => groups.filter((g) => g.reason === reason).map((g) => g.clients.map((x) => x.id).sort((x, y) => x - y));
    expect(ids('name')).toContainEqual([a.clientId, b.clientId]);
    expect(ids('email')).toContainEqual([c.clientId, d.clientId]);
    expect(ids('phone')).toContainEqual([e.clientId, f.clientId]);
    // The manager does not see the other manager's client: no group of one.
    const mine = (await manager.get('/api/clients/duplicates')).body.groups as { reason: string }[];
    expect(mine.some((g) => g.reason === 'phone')).toBe(false);
  });

  it('a merge keeps every lead, call, comment, file, reminder and history entry of both, unites contacts, and says who did it', async () => {
    const kept = await leadOf({ name: 'Мария Соколова', phone: '+79162220001', email: 'maria@example.com' }, team.manager.id);
    const other = await leadOf({ name: 'Мария С.', phone: '+79162220002', email: 'sokolova@example.com', comment: 'вторая заявка' }, team.manager.id);
    await server.deps.db('clients').where('id', other.clientId).update({ birthday: '1985-04-02', orders_count: 2, orders_amount: 500, last_order_at: '2026-01-10' });
    expect((await manager.post(`/api/leads/${other.leadId}/comments`, { text: 'Комментарий у дубля' })).status).toBe(201);
    const reminder = await manager.post(`/api/leads/${other.leadId}/reminders`, { at: new Date(Date.now() + 86_400_000).toISOString(), text: 'Перезвонить' });
    expect(reminder.status).toBe(201);
    const file = new FormData();
    file.append('file', new Blob(['договор']), 'contract.txt');
    expect((await fetch(`${server.url}/api/leads/${other.leadId}/attachments`, { method: 'POST', body: file, headers: { cookie: manager.cookie } })).status).toBe(201);
    await insertCall(server.deps.db, { direction: 'inbound', channelId: `ch-${Math.random()}`, linkedid: null, clientNumber: '+79162220002', dnis: null, departmentId: team.department.id, clientId: other.clientId, leadId: other.leadId, userId: team.manager.id, startedAt: toDbTime() });
    const historyBefore = (await manager.get(`/api/leads/${other.leadId}/history`)).body.items.length;

    const res = await manager.post(`/api/clients/${kept.clientId}/merge`, { otherClientId: other.clientId });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ id: kept.clientId, fullName: 'Мария Соколова', birthday: '1985-04-02' });
    expect(res.body.client.phones.sort()).toEqual(['+79162220001', '+79162220002']);
    expect(res.body.client.emails.sort()).toEqual(['maria@example.com', 'sokolova@example.com']);
    expect((await manager.get(`/api/clients/${other.clientId}`)).status).toBe(404);

    const card = (await manager.get(`/api/clients/${kept.clientId}`)).body;
    expect(card.leads.map((l: any) => l.id).sort()).toEqual([kept.leadId, other.leadId].sort());
    expect(card.calls).toHaveLength(1);
    expect(card.client).toMatchObject({ ordersCount: 2, ordersAmount: 500, lastOrderAt: '2026-01-10' });
    const lead = (await manager.get(`/api/leads/${other.leadId}`)).body;
    expect(lead.client.id).toBe(kept.clientId);
    expect(lead.comments.map((c: any) => c.text)).toEqual(['Комментарий у дубля']);
    expect(lead.attachments.map((a: any) => a.fileName)).toEqual(['contract.txt']);
    expect(lead.reminders.map((r: any) => r.text)).toContain('Перезвонить');
    const history = lead.history as any[];
    expect(history.length).toBe(historyBefore + 1);
    expect(history[history.length - 1]).toMatchObject({ action: 'client', field: 'merged', actorId: team.manager.id, actorName: team.manager.name, oldValue: `#${other.clientId} Мария С.`, newValue: `#${kept.clientId} Мария Соколова` });
    const keptHistory = (await manager.get(`/api/leads/${kept.leadId}/history`)).body.items as any[];
    expect(keptHistory[keptHistory.length - 1]).toMatchObject({ field: 'merged', actorId: team.manager.id });

    // The search index finds the merged client by the other's phone and e-mail, and the old client nowhere.
    for (const q of ['2220002', 'sokolova@example.com']) {
      const found = await manager.get(`/api/clients?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((c: any) => c.id)).toEqual([kept.clientId]);
    }
    const leads = await manager.get('/api/leads?q=2220002');
    expect(leads.body.items.map((l: any) => l.id).sort()).toEqual([kept.leadId, other.leadId].sort());
    // A new request from the other's phone joins the kept client.
    const again = await intake({ phone: '+7 916 222-00-02' });
    expect(Number((await server.deps.db('leads').where('id', again.body.leadId).first('client_id')).client_id)).toBe(kept.clientId);
  });

  it('a manager may not merge someone else’s client (403), nor a client with itself (400); nothing changes', async () => {
    const mine = await leadOf({ name: 'Мой', phone: '+79163330001' }, team.manager.id);
    const theirs = await leadOf({ name: 'Чужой', phone: '+79163330002' }, team.otherManager.id);
    expect((await manager.post(`/api/clients/${mine.clientId}/merge`, { otherClientId: theirs.clientId })).status).toBe(403);
    expect((await manager.post(`/api/clients/${theirs.clientId}/merge`, { otherClientId: mine.clientId })).status).toBe(403);
    expect((await otherManager.post(`/api/clients/${theirs.clientId}/merge`, { otherClientId: mine.clientId })).status).toBe(403);
    expect((await manager.post(`/api/clients/${mine.clientId}/merge`, { otherClientId: mine.clientId })).status).toBe(400);
    expect((await manager.post(`/api/clients/${mine.clientId}/merge`, { otherClientId: 99_999_999 })).status).toBe(404);
    expect((await manager.post(`/api/clients/${mine.clientId}/merge`, {})).status).toBe(400);
    expect((await otherManager.get(`/api/clients/${theirs.clientId}`)).body.leads).toHaveLength(1);
    // The curator of the department may.
    expect((await curator.post(`/api/clients/${mine.clientId}/merge`, { otherClientId: theirs.clientId })).status).toBe(200);
    expect((await otherManager.get(`/api/leads/${theirs.leadId}`)).body.client.id).toBe(mine.clientId);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertStaff, insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { toDbTime } from '../../db/knex.js';
import { insertCall } from '../calls/calls.repo.js';
import { WON_STEP } from '../stats/stats.repo.js';

describe(`client list and card (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let manager: Client;
  let otherManager: Client;
  let curator: Client;
  let director: Client;
  /** Clients in the order they were made: Anna (2 leads of the manager, one closed, one won; calls), Boris (other manager's), Vera (unassigned lead, the manager's own client), Galina (the other manager's). */
  const made: Record<string, number> = {};
  const leadOf: Record<string, number[]> = {};

  const intake = (body: Record<string, unknown>) => new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
  const clientOf = async (leadId: number) => Number((await server.deps.db('leads').where('id', leadId).first('client_id')).client_id);
  const lead = async (who: string, body: Record<string, unknown>, ownerId: number | null) => {
    const res = await intake(body);
    expect(res.status).toBe(201);
    if (ownerId !== null) expect((await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: ownerId })).status).toBe(200);
    made[who] = await clientOf(res.body.leadId);
    (leadOf[who] ??= []).push(res.body.leadId);
  };
  const ids = (items: { id: number }[]) => items.map((c) => c.id);

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    const boss = await insertStaff(server, { role: 'director', departmentId: team.department.id });
    [manager, otherManager, curator, director] = await Promise.all([loginAs(server, team.manager), loginAs(server, team.otherManager), loginAs(server, team.curator), loginAs(server, boss)]);
    await lead('anna', { name: 'Anna Kovaleva', phone: '+79161230001', email: 'anna@kovaleva.example' }, team.manager.id);
    await lead('anna', { name: 'Anna Kovaleva', phone: '+79161230001', comment: 'Second order' }, team.manager.id);
    await lead('boris', { name: 'Boris Kovalev', phone: '+79161230002' }, team.otherManager.id);
    await lead('vera', { name: 'Vera Lebedeva', phone: '+79161230003' }, null);
    await lead('galina', { name: 'Galina Orlova', phone: '+79161230004' }, team.otherManager.id);
    const { db } = server.deps;
    // Vera came from an import as the manager's own client; her request is still in the inbox.
    await db('clients').where('id', made.vera).update({ owner_id: team.manager.id, orders_count: 3, orders_amount: 1500.5 });
    await db('leads').where('id', leadOf.anna[0]).update({ status: 'refused_self' });
    await db('leads').where('id', leadOf.anna[1]).update({ status: 'contract_signed', furthest_step: WON_STEP });
    const call = async (leadId: number | null, talk: number | null) => {
      const id = await insertCall(db, { direction: 'inbound', channelId: `ch-${Math.random()}`, linkedid: null, clientNumber: '+79161230001', dnis: null, departmentId: team.department.id, clientId: made.anna, leadId, userId: team.manager.id, startedAt: toDbTime() });
      await db('calls').where('id', id).update({ status: 'ended', talk_seconds: talk });
    };
    await call(leadOf.anna[0], 60);
    await call(leadOf.anna[1], 45);
    await call(leadOf.anna[1], null);
  });
  afterAll(async () => server?.dispose());

  it('lists clients newest first with contacts, manager and lead counts', async () => {
    const res = await director.get('/api/clients');
    expect(res.status).toBe(200);
    expect(ids(res.body.items)).toEqual([made.galina, made.vera, made.boris, made.anna]);
    expect(res.body.nextCursor).toBeNull();
    const anna = res.body.items.find((c: any) => c.id === made.anna);
    expect(anna).toMatchObject({ fullName: 'Anna Kovaleva', phones: ['+79161230001'], emails: ['anna@kovaleva.example'], ownerId: null, leadsCount: 2, openLeadsCount: 1, ordersCount: null });
    expect(Date.parse(anna.lastLeadAt)).toBeGreaterThan(Date.now() - 60_000);
    const vera = res.body.items.find((c: any) => c.id === made.vera);
    expect(vera).toMatchObject({ ownerId: team.manager.id, ownerName: team.manager.name, leadsCount: 1, openLeadsCount: 1, ordersCount: 3, ordersAmount: 1500.5 });
  });

  it('a manager sees only the clients of their leads and their own clients; counts only their leads', async () => {
    const mine = await manager.get('/api/clients');
    expect(ids(mine.body.items)).toEqual([made.vera, made.anna]);
    // Vera's only lead is still unassigned: the manager does not see it, so it is not counted for them.
    expect(mine.body.items[0]).toMatchObject({ leadsCount: 0, openLeadsCount: 0, lastLeadAt: null });
    expect(ids((await otherManager.get('/api/clients')).body.items)).toEqual([made.galina, made.boris]);
    expect(ids((await curator.get('/api/clients')).body.items)).toEqual([made.galina, made.vera, made.boris, made.anna]);
    expect(ids((await director.get(`/api/clients?ownerId=${team.manager.id}`)).body.items)).toEqual([made.vera]);
  });

  it('searches through the client index by name, phone digits and e-mail, within what the user sees', async () => {
    const find = async (who: Client, q: string) => ids((await who.get(`/api/clients?q=${encodeURIComponent(q)}`)).body.items);
    expect(await find(director, 'koval')).toEqual([made.boris, made.anna]);
    expect(await find(manager, 'koval')).toEqual([made.anna]);
    expect(await find(director, '230003')).toEqual([made.vera]);
    expect(await find(director, '8 916 123 00 04')).toEqual([made.galina]);
    expect(await find(director, 'anna@kovaleva.example')).toEqual([made.anna]);
    expect(await find(director, 'nobody-like-this')).toEqual([]);
  });

  it('pages by cursor without gaps or repeats; a forged cursor is a 400', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: any = await director.get(`/api/clients?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res.body.items));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([made.galina, made.vera, made.boris, made.anna]);
    const bad = await director.get('/api/clients?cursor=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('cursor');
    expect((await director.get('/api/clients?limit=0')).status).toBe(400);
  });

  it('the card shows the client’s leads and calls the viewer may see, with totals', async () => {
    const res = await manager.get(`/api/clients/${made.anna}`);
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ id: made.anna, fullName: 'Anna Kovaleva', phones: ['+79161230001'] });
    expect(res.body.leads.map((l: any) => l.id)).toEqual([...leadOf.anna].reverse());
    expect(res.body.calls).toHaveLength(3);
    expect(res.body.totals).toEqual({ leads: 2, open: 1, won: 1, calls: 3, talkSeconds: 105 });
    // The manager's own client: the card opens, but the unassigned lead is not theirs to see.
    const vera = await manager.get(`/api/clients/${made.vera}`);
    expect(vera.status).toBe(200);
    expect(vera.body.leads).toEqual([]);
    expect(vera.body.client).toMatchObject({ ownerId: team.manager.id, ordersCount: 3 });
    expect(vera.body.totals).toEqual({ leads: 0, open: 0, won: 0, calls: 0, talkSeconds: 0 });
    expect((await curator.get(`/api/clients/${made.vera}`)).body.totals.leads).toBe(1);
  });

  it('a client the viewer may not see is a 404, as is one that does not exist', async () => {
    expect((await otherManager.get(`/api/clients/${made.anna}`)).status).toBe(404);
    expect((await manager.get(`/api/clients/${made.boris}`)).status).toBe(404);
    expect((await director.get('/api/clients/999999')).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`clients (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let manager: Client;
  let otherManager: Client;
  let curator: Client;

  const intake = (body: Record<string, unknown>) => new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
  /** The intake answers only the lead's id; whose client it joined is read from the database. */
  const clientOf = async (leadId: number) => (await server.deps.db('leads').where('id', leadId).first('client_id')).client_id as number;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    [manager, otherManager, curator] = await Promise.all([loginAs(server, team.manager), loginAs(server, team.otherManager), loginAs(server, team.curator)]);
  });
  afterAll(async () => server?.dispose());

  it('edits a client’s details; the lists find the new phone; history says who changed what', async () => {
    const first = await intake({ name: 'Ivan', phone: '+79121110000' });
    const second = await intake({ phone: '8 912 111 00 00', comment: 'Second request' });
    for (const id of [first.body.leadId, second.body.leadId]) await curator.post(`/api/leads/${id}/assign`, { managerId: team.manager.id });
    const clientId = await clientOf(first.body.leadId);
    const socket = await curator.connectSocket();
    try {
      const res = await manager.patch(`/api/clients/${clientId}`, {
        version: 1,
        fullName: 'Ivan Sidorov',
        organization: 'Sidorov & Sons',
        phones: ['+7 912 111 00 00', '8 (913) 222-33-44'],
        emails: ['Ivan@Sidorov.example'],
        address: 'Lenina 1',
        birthday: '1980-05-17',
        needs: 'Bulk orders',
      });
      expect(res.status).toBe(200);
      expect(res.body.client).toMatchObject({
        id: clientId,
        fullName: 'Ivan Sidorov',
        phones: ['+79121110000', '+79132223344'],
        emails: ['ivan@sidorov.example'],
        birthday: '1980-05-17',
        firstOrderAt: null,
        version: 2,
      });
      const event = await socket.waitFor('lead:updated', (p) => p.lead.client.id === clientId);
      expect(event.lead.client.fullName).toBe('Ivan Sidorov');
    } finally {
      socket.close();
    }
    for (const q of ['sidorov', '9132223344', 'ivan@sidorov']) {
      const found = await manager.get(`/api/leads?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((l: any) => l.id).sort(), q).toEqual([first.body.leadId, second.body.leadId].sort());
    }
    // A request from the new phone joins the same client.
    expect(await clientOf((await intake({ phone: '89132223344' })).body.leadId)).toBe(clientId);
    for (const leadId of [first.body.leadId, second.body.leadId]) {
      const history = (await manager.get(`/api/leads/${leadId}/history`)).body.items.filter((h: any) => h.action === 'client');
      expect(history).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'fullName', oldValue: 'Ivan', newValue: 'Ivan Sidorov', actorName: team.manager.name }),
          expect.objectContaining({ field: 'phones', oldValue: '+79121110000', newValue: '+79121110000, +79132223344' }),
        ]),
      );
    }
  });

  it('a stale client edit gets 409; an edit by someone who cannot see the client gets 404', async () => {
    const res = await intake({ name: 'Petr', email: 'petr@example.com' });
    await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id });
    const clientId = await clientOf(res.body.leadId);
    expect((await manager.patch(`/api/clients/${clientId}`, { version: 1, needs: 'Delivery' })).status).toBe(200);
    const stale = await curator.patch(`/api/clients/${clientId}`, { version: 1, needs: 'Pickup' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.current).toMatchObject({ needs: 'Delivery', version: 2 });
    expect((await otherManager.patch(`/api/clients/${clientId}`, { version: 2, needs: 'Mine now' })).status).toBe(404);
    expect((await otherManager.get(`/api/clients/${clientId}`)).status).toBe(404);
    expect((await curator.get(`/api/clients/${clientId}`)).body.client.needs).toBe('Delivery');
  });

  it('refuses bad client edits with 400, including a phone that belongs to another client', async () => {
    const a = await intake({ phone: '+79141110001' });
    const b = await intake({ phone: '+79141110002' });
    const clientId = await clientOf(a.body.leadId);
    const cases: [unknown, string][] = [
      [{ version: 1, phones: ['12'] }, 'phones.0'],
      [{ version: 1, phones: '+79141110001' }, 'phones'],
      [{ version: 1, emails: ['nope'] }, 'emails.0'],
      [{ version: 1, birthday: '1980-13-45' }, 'birthday'],
      [{ version: 1, fullName: 42 }, 'fullName'],
      [{ fullName: 'x' }, 'version'],
      [{ version: 1, phones: ['+79141110001', '8 914 111 00 02'] }, 'phones.1'],
    ];
    for (const [body, field] of cases) {
      const res = await curator.patch(`/api/clients/${clientId}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    expect((await curator.get(`/api/clients/${await clientOf(b.body.leadId)}`)).body.client.phones).toEqual(['+79141110002']);
  });
});

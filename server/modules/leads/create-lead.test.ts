import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { createLead, type NewLead } from './create-lead.js';

describe(`creating leads (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;

  const lead = (departmentId: number, phone: string): NewLead => ({
    departmentId,
    siteId: null,
    source: 'site',
    createdBy: null,
    client: { fullName: null, organization: null, phones: [phone], emails: [] },
    service: null,
    message: null,
    pageUrl: null,
    utm: null,
  });

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
  });
  afterAll(async () => server?.dispose());

  it('leads arriving together are each kept or refused on their own', async () => {
    const results = await Promise.allSettled([
      createLead(server.deps, lead(team.department.id, '+79170000001')),
      createLead(server.deps, lead(999_999, '+79170000002')), // no such department
      createLead(server.deps, lead(team.department.id, '+79170000003')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const phones = await server.deps.db('client_phones').whereIn('phone', ['+79170000001', '+79170000002', '+79170000003']).pluck('phone');
    expect(phones.sort()).toEqual(['+79170000001', '+79170000003']);
  });

  it('a returning client whose manager has left waits for the curator', async () => {
    const site = (body: object) => new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
    const first = await site({ phone: '+79170000010' });
    const curator = await loginAs(server, team.curator);
    await curator.post(`/api/leads/${first.body.leadId}/assign`, { managerId: team.otherManager.id });
    await server.deps.db('users').where('id', team.otherManager.id).update({ active: false });
    const again = await site({ phone: '+79170000010', comment: 'Calling again' });
    const row = await server.deps.db('leads').where('id', again.body.leadId).first();
    expect(Boolean(row.returning_client)).toBe(true);
    expect(row.owner_id).toBeNull();
    expect(row.assigned_at).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../db/knex.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertClientWithLead } from '../../../test/fake-ari/telephony-fixtures.js';

describe(`a curator's view of live calls (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  async function call(c: { departmentId: number; status: string; leadId?: number | null; userId?: number | null; number: string; startedAgoMs?: number; answered?: boolean }) {
    const at = toDbTime(new Date(Date.now() - (c.startedAgoMs ?? 5000)));
    const [id] = await server.deps.db('calls').insert({
      direction: 'inbound',
      client_number: c.number,
      department_id: c.departmentId,
      lead_id: c.leadId ?? null,
      user_id: c.userId ?? null,
      status: c.status,
      started_at: at,
      answered_at: c.answered ? at : null,
      ended_at: c.status === 'ended' ? at : null,
    });
    return Number(id);
  }

  it('shows who talks to whom, whose phones ring and who waits, only in the curator’s department', async () => {
    const team = await insertTeam(server);
    const other = await insertTeam(server);
    const { leadId } = await insertClientWithLead(server, { phone: '+79160000001', ownerId: team.manager.id, departmentId: team.department.id, name: 'Ольга Петрова' });
    const talking = await call({ departmentId: team.department.id, status: 'up', leadId, userId: team.manager.id, number: '+79160000001', answered: true, startedAgoMs: 9000 });
    const ringing = await call({ departmentId: team.department.id, status: 'ringing', number: '+79160000002', startedAgoMs: 6000 });
    await server.deps.db('call_legs').insert({ call_id: ringing, step: 'department', target: 'PJSIP/102', user_id: team.otherManager.id, started_at: toDbTime() });
    const waiting = await call({ departmentId: team.department.id, status: 'ringing', number: '+79160000003', startedAgoMs: 3000 });
    await call({ departmentId: team.department.id, status: 'ended', number: '+79160000004' });
    await call({ departmentId: team.department.id, status: 'up', number: '+79160000005', startedAgoMs: 5 * 3600_000 });
    await call({ departmentId: other.department.id, status: 'up', number: '+79160000006' });

    const curator = await loginAs(server, team.curator);
    const res = await curator.get('/api/calls/live');
    expect(res.status).toBe(200);
    expect(res.body.items).toMatchObject([
      { callId: waiting, state: 'waiting', clientNumber: '+79160000003', ringingNames: [], agentName: null },
      { callId: ringing, state: 'ringing', ringingNames: [team.otherManager.name], clientName: null },
      { callId: talking, state: 'talking', agentName: team.manager.name, clientName: 'Ольга Петрова', leadId },
    ]);
    expect(res.body.items).toHaveLength(3);
    const stranger = await loginAs(server, other.curator);
    expect((await stranger.get('/api/calls/live')).body.items.map((c: { clientNumber: string }) => c.clientNumber)).toEqual(['+79160000006']);
    expect((await (await loginAs(server, team.manager)).get('/api/calls/live')).status).toBe(403);
  });
});

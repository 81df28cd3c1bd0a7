import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../test/helpers/factories.js';
import { retryOnLockConflict } from './lock-retry.js';

describe(`writers racing on one lead (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
  });
  afterAll(async () => server?.dispose());

  it('keeps every one of 60 comments posted 20 at a time on one lead', async () => {
    const anon = new Client(server.url);
    const lead = await anon.post('/api/intake', { phone: '+7 903 111 22 33' }, { 'x-site-key': team.site.key });
    expect(lead.status).toBe(201);
    const curator = await loginAs(server, team.curator);
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const batch = await Promise.all(Array.from({ length: 20 }, (_, i) => curator.post(`/api/leads/${lead.body.leadId}/comments`, { text: `note ${round}-${i}` })));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const stored = await server.deps.db('lead_comments').where('lead_id', lead.body.leadId).count({ n: '*' }).first();
    expect(Number(stored?.n)).toBe(60);
  });

  it('gives up after a bounded number of tries and passes the last conflict on', async () => {
    let tries = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    await expect(
      retryOnLockConflict(async () => {
        tries++;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(tries).toBe(5);
    let other = 0;
    await expect(retryOnLockConflict(async () => (other++, Promise.reject(new Error('constraint'))))).rejects.toThrow('constraint');
    expect(other).toBe(1);
  });
});

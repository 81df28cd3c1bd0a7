import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { insertDepartment, insertSite } from '../../test/helpers/factories.js';
import { toDbTime } from '../db/knex.js';
import { cleanupJob, IDEMPOTENCY_KEY_DAYS } from './cleanup.js';
import { jobs } from './index.js';
import { runLeased } from './registry.js';

describe(`cleanup of ended sessions and old idempotency keys (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  it('deletes ended sessions and keys older than a week, keeps the live ones, as a leased job of the registry', async () => {
    const db = server.deps.db;
    expect(jobs).toContain(cleanupJob);
    const live = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const admin = await db('users').where('email', ADMIN.email).first('id');
    const day = 86_400_000;
    const now = new Date();
    await db('sessions').insert([
      { id: 'a'.repeat(64), user_id: admin.id, created_at: toDbTime(new Date(now.getTime() - 40 * day)), expires_at: toDbTime(new Date(now.getTime() - 10 * day)) },
      { id: 'b'.repeat(64), user_id: admin.id, created_at: toDbTime(new Date(now.getTime() - 2 * day)), expires_at: toDbTime(new Date(now.getTime() - 1000)) },
    ]);
    const site = await insertSite(server, { departmentId: (await insertDepartment(server)).id });
    const fresh = await new Client(server.url).post('/api/intake', { phone: '+7 917 000 00 01' }, { 'x-site-key': site.key, 'idempotency-key': 'fresh' });
    expect(fresh.status).toBe(201);
    await db('idempotency_keys').insert({ site_id: site.id, key: 'old', response: '{"leadId":1}', created_at: toDbTime(new Date(now.getTime() - (IDEMPOTENCY_KEY_DAYS + 1) * day)) });

    expect(await runLeased(server.deps, cleanupJob, now, 'test')).toBe(true);

    expect(await db('sessions').whereIn('id', ['a'.repeat(64), 'b'.repeat(64)]).pluck('id')).toEqual([]);
    expect((await live.get('/api/auth/me')).status).toBe(200);
    expect(await db('idempotency_keys').where('site_id', site.id).pluck('key')).toEqual(['fresh']);
    // Another instance holding the lease: this one does not run it.
    await db('job_leases').where('name', 'cleanup').update({ holder: 'other', expires_at: toDbTime(new Date(now.getTime() + 60_000)) });
    expect(await runLeased(server.deps, cleanupJob, now, 'test')).toBe(false);
  });
});

import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, databaseKind, insertUser, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { OWASP_SCRYPT, PASSWORD_PARAMS } from '../../lib/password.js';
import { loadConfig } from '../../config.js';

describe(`logging in (${databaseKind})`, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ LOGIN_RATE_PER_MINUTE: '1000', LOGIN_ACCOUNT_RATE_PER_MINUTE: '3' });
  });
  afterAll(async () => server?.dispose());

  it('runs the same scrypt work for an unknown e-mail as for a wrong password', async () => {
    const user = await insertUser(server, { name: 'Olga', email: 'olga@test.local', role: 'curator' });
    const anon = new Client(server.url);
    const spy = vi.spyOn(crypto, 'scrypt');
    try {
      await anon.post('/api/auth/login', { email: 'olga@test.local', password: 'wrong-password' });
      const known = spy.mock.calls.map((c) => c[3]);
      spy.mockClear();
      expect((await anon.post('/api/auth/login', { email: 'nobody@test.local', password: 'wrong-password' })).status).toBe(401);
      const unknown = spy.mock.calls.map((c) => c[3]).at(-1);
      expect(known).toHaveLength(1);
      expect(unknown).toMatchObject({ N: PASSWORD_PARAMS.N, r: PASSWORD_PARAMS.r, p: PASSWORD_PARAMS.p });
      expect(known[0]).toMatchObject({ N: PASSWORD_PARAMS.N, r: PASSWORD_PARAMS.r, p: PASSWORD_PARAMS.p });
      // Production's cost is OWASP's minimum for scrypt (the suite runs a cheaper one).
      expect(loadConfig({}).passwordScryptN).toBe(2 ** 17);
      expect(OWASP_SCRYPT).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(user.id).toBeGreaterThan(0);
  });

  it('limits failed logins per account from any address, without locking out others behind the same address', async () => {
    await insertUser(server, { name: 'Target', email: 'target@test.local', role: 'manager', password: 'target-pass-1' });
    await insertUser(server, { name: 'Colleague', email: 'colleague@test.local', role: 'manager', password: 'colleague-pass-1' });
    const anon = new Client(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await anon.post('/api/auth/login', { email: 'target@test.local', password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const locked = await anon.post('/api/auth/login', { email: 'Target@test.local', password: 'target-pass-1' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('rate_limited');
    // Same address, another account: in.
    expect((await new Client(server.url).post('/api/auth/login', { email: 'colleague@test.local', password: 'colleague-pass-1' })).status).toBe(200);
  });

  it('rehashes a password stored with older scrypt parameters at login', async () => {
    const salt = crypto.randomBytes(16);
    const old = crypto.scryptSync('old-params-pass', salt, 32, { N: 4096, r: 8, p: 1 });
    const user = await insertUser(server, { name: 'Old', email: 'old@test.local', role: 'manager', password: 'old-params-pass' });
    await server.deps.db('users').where('id', user.id).update({ password_hash: ['scrypt', 4096, 8, 1, salt.toString('base64url'), old.toString('base64url')].join('$') });
    expect((await new Client(server.url).post('/api/auth/login', { email: 'old@test.local', password: 'old-params-pass' })).status).toBe(200);
    const stored = (await server.deps.db('users').where('id', user.id).first('password_hash')).password_hash as string;
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(PASSWORD_PARAMS.N), String(PASSWORD_PARAMS.r), String(PASSWORD_PARAMS.p)]);
    expect((await new Client(server.url).post('/api/auth/login', { email: 'old@test.local', password: 'old-params-pass' })).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe(`auth (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  it('creates the first director from the environment and lets them log in', async () => {
    const c = new Client(server.url);
    await c.login(ADMIN.email, ADMIN.password);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: ADMIN.email, role: 'director' });
  });

  it('sets an httpOnly SameSite session cookie', async () => {
    const res = await new Client(server.url).post('/api/auth/login', ADMIN);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a wrong password and an anonymous /me with 401', async () => {
    const c = new Client(server.url);
    const bad = await c.post('/api/auth/login', { email: ADMIN.email, password: 'nope-nope' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('unauthenticated');
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('answers who is logged in without an error when nobody is, with the install language', async () => {
    const anon = await new Client(server.url).get('/api/auth/session');
    expect(anon.status).toBe(200);
    expect(anon.body).toEqual({ user: null, defaultLocale: 'ru' });
    const c = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const mine = await c.get('/api/auth/session');
    expect(mine.body.user).toMatchObject({ email: ADMIN.email, locale: 'ru', localeChosen: false });
    expect(mine.body.telephony).toMatchObject({ mode: 'off' });
  });

  it('keeps each person’s language, and forgets it back to the install default', async () => {
    const c = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    expect((await c.patch('/api/auth/me/preferences', { locale: 'bg' })).body.user).toMatchObject({ locale: 'bg', localeChosen: true });
    expect((await c.get('/api/auth/session')).body.user.locale).toBe('bg');
    expect((await c.patch('/api/auth/me/preferences', { locale: 'de' })).status).toBe(400);
    expect((await c.patch('/api/auth/me/preferences', { locale: null })).body.user).toMatchObject({ locale: 'ru', localeChosen: false });
  });

  it('names the bad fields of a malformed login', async () => {
    const res = await new Client(server.url).post('/api/auth/login', { email: 42 });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('refuses a body it cannot read with 415 instead of misreading it', async () => {
    const c = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const res = await c.post('/api/departments', '<department name="x"/>', { 'content-type': 'text/xml' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('logs out: the cookie no longer works', async () => {
    const c = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    const stale = new Client(server.url);
    stale.cookie = cookie;
    expect((await stale.get('/api/auth/me')).status).toBe(401);
  });

  it('refuses a cross-site write even with a valid session', async () => {
    const c = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const res = await c.post('/api/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('reports liveness and readiness', async () => {
    const c = new Client(server.url);
    expect((await c.get('/healthz')).status).toBe(200);
    const ready = await c.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, database: 'up' });
  });

  it('refuses a socket without a session', async () => {
    const c = new Client(server.url);
    await expect(c.connectSocket()).rejects.toThrow(/unauthenticated/);
  });
});

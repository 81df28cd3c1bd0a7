import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertDepartment, insertSite, insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`site intake (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let anon: Client;
  const post = (body: unknown, headers: Record<string, string> = {}) => anon.post('/api/intake', body, { 'x-site-key': team.site.key, ...headers });
  const countLeads = async () => Number((await server.deps.db('leads').count({ n: '*' }).first())?.n);

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server, { allowedOrigins: ['https://shop.example'] });
    anon = new Client(server.url);
  });
  afterAll(async () => server?.dispose());

  const clientOf = async (leadId: number) => (await server.deps.db('leads').where('id', leadId).first('client_id')).client_id as number;

  it('accepts a request and answers 201 with the new lead alone (nothing about the client)', async () => {
    const res = await post({ name: 'Anna Petrova', phone: '+7 911 000 11 22', email: 'Anna@Example.com', service: 'Audit', comment: 'Call me', utm_source: 'google', utm_campaign: 'spring' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ leadId: expect.any(Number) });
    const again = await post({ phone: '+7 911 000 11 22' });
    expect(again.body).toEqual({ leadId: expect.any(Number) });
    res.body.clientId = await clientOf(res.body.leadId);
    const lead = await server.deps.db('leads').where('id', res.body.leadId).first();
    expect(lead.status).toBe('new');
    expect(lead.department_id).toBe(team.department.id);
    expect(lead.site_id).toBe(team.site.id);
    expect(JSON.parse(lead.utm)).toEqual({ utm_source: 'google', utm_campaign: 'spring' });
    expect(await server.deps.db('client_phones').where('client_id', res.body.clientId).pluck('phone')).toEqual(['+79110001122']);
    expect(await server.deps.db('client_emails').where('client_id', res.body.clientId).pluck('email')).toEqual(['anna@example.com']);
  });

  it('joins one client whatever the phone format, and marks the second request as returning', async () => {
    const a = await post({ name: 'Boris', phone: '8 (900) 123-45-67' });
    const b = await post({ phone: '+7 900 123 4567', comment: 'Second request' });
    const c = await post({ phone: '9001234567', email: 'boris@example.com', comment: 'Third request' });
    expect(a.status).toBe(201);
    const returning = async (leadId: number) => Boolean((await server.deps.db('leads').where('id', leadId).first()).returning_client);
    const clientId = await clientOf(a.body.leadId);
    expect(await returning(a.body.leadId)).toBe(false);
    expect(await clientOf(b.body.leadId)).toBe(clientId);
    expect(await clientOf(c.body.leadId)).toBe(clientId);
    expect(await returning(b.body.leadId)).toBe(true);
    expect(await server.deps.db('client_phones').where('client_id', clientId).pluck('phone')).toEqual(['+79001234567']);
    // The new e-mail was learnt; a later request by e-mail alone joins the same client.
    const d = await post({ email: 'BORIS@example.com', comment: 'By e-mail' });
    expect(await clientOf(d.body.leadId)).toBe(clientId);
    expect(await returning(d.body.leadId)).toBe(true);
  });

  it('gives a returning client straight to the manager of their latest lead', async () => {
    const first = await post({ phone: '+7 901 555 00 01' });
    const curator = await loginAs(server, team.curator);
    expect((await curator.post(`/api/leads/${first.body.leadId}/assign`, { managerId: team.manager.id })).status).toBe(200);
    const manager = await loginAs(server, team.manager);
    const socket = await manager.connectSocket();
    try {
      const again = await post({ phone: '89015550001', comment: 'Me again' });
      const event = await socket.waitFor('lead:assigned', (p) => p.lead.id === again.body.leadId);
      expect(event.lead).toMatchObject({ ownerId: team.manager.id, returningClient: true });
      const lead = await server.deps.db('leads').where('id', again.body.leadId).first();
      expect(lead.owner_id).toBe(team.manager.id);
      expect(lead.assigned_at).not.toBeNull();
    } finally {
      socket.close();
    }
  });

  it('replays the same Idempotency-Key with 200 and the same body, creating nothing', async () => {
    const first = await post({ phone: '+7 902 000 00 02' }, { 'idempotency-key': 'form-abc-1' });
    expect(first.status).toBe(201);
    const before = await countLeads();
    const again = await post({ phone: '+7 902 000 00 02' }, { 'idempotency-key': 'form-abc-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await countLeads()).toBe(before);
  });

  it('remembers an Idempotency-Key across a restart', async () => {
    const first = await startTestServer();
    let second: TestServer | undefined;
    try {
      const dept = await insertDepartment(first);
      const site = await insertSite(first, { departmentId: dept.id });
      const send = (s: TestServer) => new Client(s.url).post('/api/intake', { phone: '+79099990000' }, { 'x-site-key': site.key, 'idempotency-key': 'restart-1' });
      const before = await send(first);
      expect(before.status).toBe(201);
      await first.close();
      const db = first.config.database;
      second = await startTestServer(db.client === 'sqlite' ? { DATA_DIR: first.config.dataDir } : { DATABASE_URL: db.url });
      const after = await send(second);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before.body);
      expect(Number((await second.deps.db('leads').count({ n: '*' }).first())?.n)).toBe(1);
    } finally {
      await second?.dispose();
      await first.dispose();
    }
  });

  it('settles two posts of the same key at once into one lead', async () => {
    const before = await countLeads();
    const results = await Promise.all([1, 2, 3].map(() => post({ phone: '+7 903 000 00 03' }, { 'idempotency-key': 'race-1' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.leadId)).size).toBe(1);
    expect(await countLeads()).toBe(before + 1);
  });

  it('settles two posts of the same new phone at once into one client', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((i) => post({ phone: '+7 904 000 00 04', comment: `Request ${i}` })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const leads = await server.deps.db('leads').whereIn('id', results.map((r) => r.body.leadId));
    expect(new Set(leads.map((l) => l.client_id)).size).toBe(1);
    expect(leads.filter((l) => !l.returning_client)).toHaveLength(1);
  });

  it('accepts a plain HTML form (urlencoded) and answers the browser with a page', async () => {
    const form = new URLSearchParams({ name: 'Form User', phone: '8 905 111 22 33', utm_source: 'newsletter' }).toString();
    const res = await anon.request('POST', '/api/intake', form, {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
      'x-site-key': team.site.key,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.body).toMatch(/<html lang="ru">.*Спасибо!/); // the site's language: the install's default here
    const client = await server.deps.db('client_phones').where('phone', '+79051112233').first();
    expect(client).toBeTruthy();
  });

  it('takes the key from a hidden form field and redirects 303 to an allowed page', async () => {
    const form = new URLSearchParams({ siteKey: team.site.key, phone: '8 905 111 22 44', redirect: 'https://shop.example/thanks' }).toString();
    const res = await fetch(`${server.url}/api/intake`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: 'https://shop.example' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://shop.example/thanks');
  });

  it('accepts form-urlencoded from a script as JSON', async () => {
    const res = await anon.request('POST', '/api/intake', 'email=script%40example.com', {
      'content-type': 'application/x-www-form-urlencoded',
      'x-site-key': team.site.key,
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ leadId: expect.any(Number) });
  });

  it('refuses a missing, unknown or inactive site key with 401', async () => {
    expect((await anon.post('/api/intake', { phone: '+79000000001' })).status).toBe(401);
    const unknown = await anon.post('/api/intake', { phone: '+79000000001' }, { 'x-site-key': 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ code: 'unauthenticated', message: 'Неизвестный или отключённый ключ сайта' });
    const dept = await insertDepartment(server);
    const inactive = await insertSite(server, { departmentId: dept.id, active: false });
    expect((await anon.post('/api/intake', { phone: '+79000000001' }, { 'x-site-key': inactive.key })).status).toBe(401);
  });

  it('names the missing fields when there is neither phone nor e-mail', async () => {
    const res = await post({ name: 'Nobody' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['phone', 'email']));
  });

  it('answers bad payloads with 4xx and a clear message, never 500', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: '12' }, 'phone'],
      [{ phone: '0000000000' }, 'phone'],
      [{ phone: { number: '+79001234567' } }, 'phone'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields, JSON.stringify(body)).toHaveProperty([field]);
    }
    const array = await post([1, 2]);
    expect(array.status).toBe(400);
    const malformed = await anon.request('POST', '/api/intake', '{"phone": "+7900', { 'content-type': 'application/json', 'x-site-key': team.site.key });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_body');
    const huge = await post({ phone: '+79001234567', comment: 'x'.repeat(40_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'payload_too_large', message: 'Слишком большой запрос' });
    const xml = await anon.request('POST', '/api/intake', '<lead/>', { 'content-type': 'application/xml', 'x-site-key': team.site.key });
    expect(xml.status).toBe(415);
    const badKey = await post({ phone: '+79001234567' }, { 'idempotency-key': 'x'.repeat(300) });
    expect(badKey.status).toBe(400);
  });

  it('answers a CORS preflight for an allowed origin only', async () => {
    const ok = await fetch(`${server.url}/api/intake`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-site-key,idempotency-key' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/X-Site-Key/i);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/i);
    const evil = await fetch(`${server.url}/api/intake`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.status).toBeGreaterThanOrEqual(400);
    const post1 = await post({ phone: '+7 906 000 00 06' }, { origin: 'https://shop.example' });
    expect(post1.status).toBe(201);
    expect(post1.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const post2 = await post({ phone: '+7 906 000 00 07' }, { origin: 'https://evil.example' });
    expect(post2.status).toBe(403);
    expect(post2.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('tells the department curator at once, and no other department', async () => {
    const curator = await loginAs(server, team.curator);
    const other = await insertTeam(server);
    const otherCurator = await loginAs(server, other.curator);
    const s1 = await curator.connectSocket();
    const s2 = await otherCurator.connectSocket();
    try {
      const res = await post({ name: 'Live Lead', phone: '+7 907 000 00 07' });
      const event = await s1.waitFor('lead:created', (p) => p.lead.id === res.body.leadId);
      expect(event.lead).toMatchObject({ status: 'new', departmentId: team.department.id, client: { fullName: 'Live Lead', phone: '+79070000007' } });
      await new Promise((r) => setTimeout(r, 200));
      expect(s2.named('lead:created').some((p) => p.lead.id === res.body.leadId)).toBe(false);
    } finally {
      s1.close();
      s2.close();
    }
  });

  it('answers only POST (and the CORS preflight), with the same security headers as the rest of the API', async () => {
    const get = await fetch(`${server.url}/api/intake`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await get.json()).error.code).toBe('method_not_allowed');
    const res = await post({ phone: '+7 909 000 00 09' });
    const api = await fetch(`${server.url}/api/auth/me`);
    // Plain HTTP (an office LAN): no HSTS, no upgrade-insecure-requests; the rest as everywhere.
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    for (const name of ['content-security-policy', 'x-content-type-options', 'cross-origin-resource-policy', 'referrer-policy']) {
      expect(res.headers.get(name), name).toBeTruthy();
      expect(res.headers.get(name), name).toBe(api.headers.get(name));
    }
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('ratelimit')).toMatch(/^limit=\d+, remaining=\d+, reset=\d+$/);
  });

  it('refuses a body in another charset or compressed with 415', async () => {
    const latin = await anon.request('POST', '/api/intake', '{"phone":"+79090000010"}', { 'content-type': 'application/json; charset=latin1', 'x-site-key': team.site.key });
    expect(latin.status).toBe(415);
    const gzipped = await anon.request('POST', '/api/intake', '{"phone":"+79090000011"}', { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-site-key': team.site.key });
    expect(gzipped.status).toBe(415);
  });

  it('rate-limits a site key per address with 429', async () => {
    const limited = await startTestServer({ INTAKE_RATE_PER_MINUTE: '3' });
    try {
      const dept = await insertDepartment(limited);
      const site = await insertSite(limited, { departmentId: dept.id });
      const c = new Client(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await c.post('/api/intake', { phone: `+7908000000${i}` }, { 'x-site-key': site.key })).status);
      expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
      expect(statuses[4]).toBe(429);
    } finally {
      await limited.dispose();
    }
  });
});

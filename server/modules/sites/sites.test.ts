import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/password.js';
import { ADMIN, Client, databaseKind, insertUser, startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe(`sites (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  let deptId: number;
  let otherDeptId: number;
  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    deptId = (await director.post('/api/departments', { name: 'Sales', phoneNumbers: [] })).body.department.id;
    otherDeptId = (await director.post('/api/departments', { name: 'Service', phoneNumbers: [] })).body.department.id;
  });
  afterAll(async () => server?.dispose());

  it('creates a site and shows its key once, with a ready form and fetch snippet', async () => {
    const res = await director.post('/api/sites', {
      name: 'example.ru',
      departmentId: deptId,
      allowedOrigins: ['https://example.ru', 'https://www.example.ru/', 'http://localhost:8080'],
    });
    expect(res.status).toBe(201);
    const { key, site, snippet } = res.body;
    const id = site.id;
    expect(key).toMatch(/^ll_[A-Za-z0-9_-]{20,}$/);
    expect(site).toMatchObject({
      name: 'example.ru',
      departmentId: deptId,
      allowedOrigins: ['https://example.ru', 'https://www.example.ru', 'http://localhost:8080'],
      keyPrefix: key.slice(0, 8),
      active: true,
    });
    expect(snippet.html).toContain(`action="${server.url}/api/intake"`);
    expect(snippet.html).toContain(`name="siteKey" value="${key}"`);
    expect(snippet.fetch).toContain(`'X-Site-Key': "${key}"`);
    expect(snippet.fetch).toContain('Idempotency-Key');

    // Only the hash is stored, and no later read shows the key again.
    const row = await server.deps.db('sites').where('id', id).first();
    expect(row.key_hash).toBe(sha256(key));
    expect(JSON.stringify(row)).not.toContain(key);
    const list = await director.get('/api/sites');
    expect(list.body.items.find((s: { id: number }) => s.id === id)).toMatchObject({ keyPrefix: key.slice(0, 8) });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(JSON.stringify((await director.get(`/api/sites/${id}`)).body)).not.toContain(key);
  });

  it('gives a form that works: the fields it posts are accepted by the intake with that key', async () => {
    const { key, snippet } = (await director.post('/api/sites', { name: 'form.ru', departmentId: deptId })).body;
    const form = new URLSearchParams();
    for (const m of snippet.html.matchAll(/name="([a-zA-Z]+)"(?: value="([^"]*)")?/g)) form.set(m[1], m[2] ?? '');
    form.set('name', 'Irina');
    form.set('phone', '8 (900) 111-22-33');
    form.set('pageUrl', 'https://form.ru/contacts');
    form.delete('redirect');
    const res = await fetch(`${server.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    expect(res.status).toBe(201);
    expect(form.get('siteKey')).toBe(key);
    // Sent as UTF-8 whatever the page's charset; the same fill sent again (its key) is the same lead.
    expect(snippet.html).toContain('accept-charset="UTF-8"');
    form.set('idempotencyKey', 'fill-1');
    form.set('comment', 'A second request');
    const send = () => fetch(`${server.url}/api/intake`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() });
    const first = await send();
    const again = await send();
    expect([first.status, again.status]).toEqual([201, 200]);
    expect((await again.json()).leadId).toBe((await first.json()).leadId);
  });

  const postLead = (key: string, phone: string) =>
    fetch(`${server.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-site-key': key },
      body: JSON.stringify({ phone }),
    });

  it('rotates a key: a new one shown once, the old one refused at once', async () => {
    const created = await director.post('/api/sites', { name: 'rotate.ru', departmentId: deptId });
    expect((await postLead(created.body.key, '+7 900 222 33 43')).status).toBe(201);
    const rotated = await director.post(`/api/sites/${created.body.site.id}/rotate-key`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(created.body.key);
    expect(rotated.body.site.keyPrefix).toBe(rotated.body.key.slice(0, 8));
    const row = await server.deps.db('sites').where('id', created.body.site.id).first();
    expect(row.key_hash).toBe(sha256(rotated.body.key));
    expect((await postLead(created.body.key, '+7 900 222 33 44')).status).toBe(401);
    expect((await postLead(rotated.body.key, '+7 900 222 33 44')).status).toBe(201);
    expect((await director.post('/api/sites/999999/rotate-key')).status).toBe(404);
    // The snippet again later: the same form, with the key's first characters where the key goes, never the key.
    const again = await director.get(`/api/sites/${created.body.site.id}/snippet`);
    expect(again.status).toBe(200);
    expect(again.body.snippet.html).toContain('/api/intake');
    expect(again.body.snippet.html).toContain(`${rotated.body.key.slice(0, 8)}…`);
    expect(JSON.stringify(again.body)).not.toContain(rotated.body.key);
    expect((await director.get('/api/sites/999999/snippet')).status).toBe(404);
  });

  it('edits name, origins and turns a site off: its key is refused from then on', async () => {
    const created = await director.post('/api/sites', { name: 'edit.ru', departmentId: deptId });
    expect((await postLead(created.body.key, '+7 900 222 33 45')).status).toBe(201);
    const res = await director.patch(`/api/sites/${created.body.site.id}`, { name: 'Edit', allowedOrigins: ['https://edit.ru'], active: false });
    expect(res.status).toBe(200);
    expect(res.body.site).toMatchObject({ name: 'Edit', allowedOrigins: ['https://edit.ru'], active: false });
    expect((await postLead(created.body.key, '+7 900 222 33 46')).status).toBe(401);
    await director.patch(`/api/sites/${created.body.site.id}`, { active: true });
    expect((await postLead(created.body.key, '+7 900 222 33 46')).status).toBe(201);
  });

  it('names bad fields: origins with a path or no scheme, an unknown department', async () => {
    const res = await director.post('/api/sites', { name: '', departmentId: 'one', allowedOrigins: ['example.ru', 'https://example.ru/form', 'ftp://x.ru'] });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['name', 'departmentId', 'allowedOrigins.0', 'allowedOrigins.1', 'allowedOrigins.2']));
    const ghost = await director.post('/api/sites', { name: 'ghost', departmentId: 999999 });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.fields.departmentId).toBeTruthy();
  });

  it('shows curators their department\'s sites only and lets only the director manage sites', async () => {
    const mine = await director.post('/api/sites', { name: 'mine.ru', departmentId: deptId });
    const theirs = await director.post('/api/sites', { name: 'theirs.ru', departmentId: otherDeptId });
    const u = await insertUser(server, { name: 'Cur', email: 'cur@sites.test', role: 'curator', departmentId: deptId });
    const curator = await new Client(server.url).login(u.email, u.password);
    const ids = (await curator.get('/api/sites')).body.items.map((s: { id: number }) => s.id);
    expect(ids).toContain(mine.body.site.id);
    expect(ids).not.toContain(theirs.body.site.id);
    expect((await curator.get(`/api/sites/${theirs.body.site.id}`)).status).toBe(404);
    expect((await curator.post('/api/sites', { name: 'x', departmentId: deptId })).status).toBe(403);
    expect((await curator.patch(`/api/sites/${mine.body.site.id}`, { active: false })).status).toBe(403);
    expect((await curator.post(`/api/sites/${mine.body.site.id}/rotate-key`)).status).toBe(403);
    expect((await new Client(server.url).get('/api/sites')).status).toBe(401);
  });
});

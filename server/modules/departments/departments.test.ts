import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, insertUser, startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe(`departments (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => server?.dispose());

  it('lets the director create a department with its public numbers, stored in E.164', async () => {
    const res = await director.post('/api/departments', {
      name: 'Sales — Moscow',
      phoneNumbers: ['+7 (495) 123-45-67', '8 800 555 35 35'],
      ringTimeoutSec: 25,
      routingChain: ['owner', 'ring_group', 'voicemail'],
    });
    expect(res.status).toBe(201);
    expect(res.body.department).toMatchObject({
      name: 'Sales — Moscow',
      phoneNumbers: ['+74951234567', '+78005553535'],
      ringTimeoutSec: 25,
      routingChain: ['owner', 'ring_group', 'voicemail'],
    });
    const list = await director.get('/api/departments');
    expect(list.body.items.map((d: { name: string }) => d.name)).toContain('Sales — Moscow');
  });

  it('refuses a number that already rings another department (409) and keeps both departments intact', async () => {
    const first = await director.post('/api/departments', { name: 'North', phoneNumbers: ['8125550000'] });
    expect(first.status).toBe(201);
    const clash = await director.post('/api/departments', { name: 'South', phoneNumbers: ['+7 812 555-00-00'] }); // the same number, typed otherwise
    expect(clash.status).toBe(409);
    expect(clash.body.error.fields.phoneNumbers).toMatch(/North/);
    const list = await director.get('/api/departments');
    expect(list.body.items.map((d: { name: string }) => d.name)).not.toContain('South');

    const other = await director.post('/api/departments', { name: 'West', phoneNumbers: ['3430000000'] });
    const move = await director.patch(`/api/departments/${other.body.department.id}`, { phoneNumbers: ['3430000000', '8125550000'] });
    expect(move.status).toBe(409);
    expect((await director.get(`/api/departments/${other.body.department.id}`)).body.department.phoneNumbers).toEqual(['+73430000000']);
  });

  it('keeps instant callback off with retries after 2, 10 and 60 min until a director turns it on; names bad retries', async () => {
    const created = await director.post('/api/departments', { name: 'Samara', phoneNumbers: [] });
    const id = created.body.department.id;
    expect(created.body.department.instantCallback).toEqual({ enabled: false, retryMinutes: [2, 10, 60] });
    const on = await director.patch(`/api/departments/${id}`, { instantCallback: { enabled: true, retryMinutes: [5, 30] } });
    expect(on.status).toBe(200);
    expect((await director.get(`/api/departments/${id}`)).body.department.instantCallback).toEqual({ enabled: true, retryMinutes: [5, 30] });
    const bad = await director.patch(`/api/departments/${id}`, { instantCallback: { enabled: 'yes', retryMinutes: [0, 2000] } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['instantCallback.enabled', 'instantCallback.retryMinutes.0', 'instantCallback.retryMinutes.1']));
    expect((await director.get(`/api/departments/${id}`)).body.department.instantCallback).toEqual({ enabled: true, retryMinutes: [5, 30] });
  });

  it('edits name, numbers, ring timeout and routing chain; null restores the default chain', async () => {
    const created = await director.post('/api/departments', { name: 'Kazan', phoneNumbers: ['8432000000'] });
    const id = created.body.department.id;
    const edited = await director.patch(`/api/departments/${id}`, {
      name: 'Sales — Kazan',
      phoneNumbers: ['8432000001'],
      routingChain: ['owner', 'owner_mobile'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.department).toMatchObject({ name: 'Sales — Kazan', phoneNumbers: ['+78432000001'], routingChain: ['owner', 'owner_mobile'] });
    const reset = await director.patch(`/api/departments/${id}`, { routingChain: null });
    expect(reset.body.department.routingChain).toBeNull();
    expect(reset.body.department.phoneNumbers).toEqual(['+78432000001']);
    // The freed number can now go to another department.
    expect((await director.post('/api/departments', { name: 'Kazan 2', phoneNumbers: ['8432000000'] })).status).toBe(201);
  });

  it('refuses a save made on an older version (409 with the department as it is now) instead of putting old settings back', async () => {
    const created = (await director.post('/api/departments', { name: 'Samara', phoneNumbers: ['8462000000'] })).body.department;
    expect(created.version).toBe(1);
    const hours = { timeZone: 'Europe/Samara', days: [1, 2, 3, 4, 5], from: '08:00', to: '17:00' };
    const first = await director.patch(`/api/departments/${created.id}`, { speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: hours }, version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.department.version).toBe(2);
    // A second dialog opened before that save still shows version 1 and the old hours.
    const stale = await director.patch(`/api/departments/${created.id}`, { name: 'Samara (old dialog)', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const now = (await director.get(`/api/departments/${created.id}`)).body.department;
    expect(now).toMatchObject({ name: 'Samara', version: 2, speedToLead: { workingHours: hours } });
    // Without a version (an API client that does not care) the change applies.
    expect((await director.patch(`/api/departments/${created.id}`, { name: 'Samara — sales' })).body.department).toMatchObject({ name: 'Samara — sales', version: 3 });
  });

  it('names the bad fields: empty name, a non-number, an unknown routing step, a silly timeout', async () => {
    const res = await director.post('/api/departments', {
      name: '',
      phoneNumbers: ['call us'],
      routingChain: ['owner', 'pager'],
      ringTimeoutSec: 1,
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['name', 'phoneNumbers.0', 'routingChain.1', 'ringTimeoutSec']));
    expect((await director.patch('/api/departments/abc', { name: 'x' })).status).toBe(400);
    expect((await director.patch('/api/departments/999999', { name: 'x' })).status).toBe(404);
  });

  it('lets everyone logged in read departments, but only the director change them', async () => {
    const dept = await director.post('/api/departments', { name: 'Readers', phoneNumbers: [] });
    const curator = await insertUser(server, { name: 'Cura', email: 'cura@test.local', role: 'curator', departmentId: dept.body.department.id });
    const manager = await insertUser(server, { name: 'Mana', email: 'mana@test.local', role: 'manager', departmentId: dept.body.department.id });
    for (const u of [curator, manager]) {
      const c = await new Client(server.url).login(u.email, u.password);
      expect((await c.get('/api/departments')).status).toBe(200);
      expect((await c.post('/api/departments', { name: 'Mine', phoneNumbers: [] })).status).toBe(403);
      expect((await c.patch(`/api/departments/${dept.body.department.id}`, { name: 'Mine' })).status).toBe(403);
    }
    expect((await new Client(server.url).get('/api/departments')).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../db/knex.js';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe(`users (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  let deptId: number;
  let otherDeptId: number;
  let curator: { id: number; email: string; password: string };
  let manager: { id: number; email: string; password: string };
  let n = 0;
  const email = (role: string) => `${role}${++n}@example.test`;

  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    deptId = (await director.post('/api/departments', { name: 'Sales — Moscow', phoneNumbers: ['4951234567'] })).body.department.id;
    otherDeptId = (await director.post('/api/departments', { name: 'Sales — St Petersburg', phoneNumbers: ['8125550000'] })).body.department.id;
    const c = { name: 'Anna Curator', email: email('curator'), password: 'curator-pass-1', role: 'curator', departmentId: deptId };
    curator = { ...c, id: (await director.post('/api/users', c)).body.user.id };
    const m = { name: 'Boris Manager', email: email('manager'), password: 'manager-pass-1', role: 'manager', departmentId: deptId, endpoint: 'PJSIP/101' };
    manager = { ...m, id: (await director.post('/api/users', m)).body.user.id };
  });
  afterAll(async () => server?.dispose());

  it('lets the director add a curator, a manager with phone and mobile, and an assistant of that manager', async () => {
    const res = await director.post('/api/users', {
      name: 'Vera Manager',
      email: 'Vera.Manager@Example.test',
      password: 'manager-pass-2',
      role: 'manager',
      departmentId: deptId,
      endpoint: 'PJSIP/102',
      mobile: '8 (900) 123-45-67',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      name: 'Vera Manager',
      email: 'vera.manager@example.test',
      role: 'manager',
      departmentId: deptId,
      assistsUserId: null,
      endpoint: 'PJSIP/102',
      mobile: '+79001234567',
      active: true,
      online: false,
      presence: 'offline',
      openLeads: 0,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|scrypt/i);

    const assistant = await director.post('/api/users', {
      name: 'Galina Assistant',
      email: email('assistant'),
      password: 'assistant-pass-1',
      role: 'assistant',
      departmentId: deptId,
      assistsUserId: res.body.user.id,
    });
    expect(assistant.status).toBe(201);
    expect(assistant.body.user.assistsUserId).toBe(res.body.user.id);
    const asAssistant = await new Client(server.url).login(assistant.body.user.email, 'assistant-pass-1');
    expect((await asAssistant.get('/api/auth/me')).body.user).toMatchObject({ role: 'assistant', assistsUserId: res.body.user.id });

    const list = await director.get('/api/users');
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([curator.email, manager.email, 'vera.manager@example.test']));
    expect(JSON.stringify(list.body)).not.toMatch(/password|scrypt/i);
  });

  it('names the bad fields and refuses a duplicate e-mail with 409', async () => {
    const empty = await director.post('/api/users', {});
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error.fields)).toEqual(expect.arrayContaining(['name', 'email', 'password', 'role']));

    const bad = await director.post('/api/users', { name: 'X', email: 'not-mail', password: 'short', role: 'boss', endpoint: '101' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['email', 'password', 'role', 'endpoint']));

    const base = { name: 'X', password: 'long-enough-1' };
    const noDept = await director.post('/api/users', { ...base, email: email('m'), role: 'manager' });
    expect(noDept.status).toBe(400);
    expect(noDept.body.error.fields.departmentId).toBeTruthy();
    const ghostDept = await director.post('/api/users', { ...base, email: email('m'), role: 'manager', departmentId: 999999 });
    expect(ghostDept.body.error.fields.departmentId).toBe('Такого отдела нет');
    const noManager = await director.post('/api/users', { ...base, email: email('a'), role: 'assistant', departmentId: deptId });
    expect(noManager.body.error.fields.assistsUserId).toBeTruthy();
    const foreignManager = await director.post('/api/users', {
      ...base,
      email: email('a'),
      role: 'assistant',
      departmentId: otherDeptId,
      assistsUserId: manager.id,
    });
    expect(foreignManager.status).toBe(400);
    expect(foreignManager.body.error.fields.assistsUserId).toMatch(/из того же отдела/);
    const assistsCurator = await director.post('/api/users', { ...base, email: email('a'), role: 'assistant', departmentId: deptId, assistsUserId: curator.id });
    expect(assistsCurator.body.error.fields.assistsUserId).toMatch(/менеджер/);
    const badMobile = await director.post('/api/users', { ...base, email: email('m'), role: 'manager', departmentId: deptId, mobile: '12' });
    expect(badMobile.status).toBe(400);
    expect(badMobile.body.error.fields.mobile).toBeTruthy();

    const dup = await director.post('/api/users', { ...base, email: manager.email.toUpperCase(), role: 'manager', departmentId: deptId });
    expect(dup.status).toBe(409);
    expect(dup.body.error.fields.email).toBeTruthy();
    const dupEdit = await director.patch(`/api/users/${curator.id}`, { email: manager.email });
    expect(dupEdit.status).toBe(409);
    const dupEndpoint = await director.post('/api/users', { ...base, email: email('m'), role: 'manager', departmentId: deptId, endpoint: 'PJSIP/101' });
    expect(dupEndpoint.status).toBe(409);
    expect(dupEndpoint.body.error.fields.endpoint).toBeTruthy();
  });

  it('keeps a manager’s own working hours, names bad ones, and clears them back to the department’s', async () => {
    const hours = { timeZone: 'Asia/Yekaterinburg', days: [3, 1, 1], from: '15:00', to: '23:00' };
    const set = await director.patch(`/api/users/${manager.id}`, { workingHours: hours });
    expect(set.status).toBe(200);
    expect(set.body.user.workingHours).toEqual({ ...hours, days: [1, 3] });
    const listed = (await director.get('/api/users')).body.items.find((u: { id: number }) => u.id === manager.id);
    expect(listed.workingHours).toEqual({ ...hours, days: [1, 3] });

    const bad = await director.patch(`/api/users/${manager.id}`, { workingHours: { timeZone: 'Mars/Olympus', days: [8], from: '25:00', to: '18:00' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['workingHours.timeZone', 'workingHours.days.0', 'workingHours.from']));

    const cleared = await director.patch(`/api/users/${manager.id}`, { workingHours: null });
    expect(cleared.body.user.workingHours).toBeNull();
  });

  it('lets a curator add and edit managers and assistants of their own department only', async () => {
    const asCurator = await new Client(server.url).login(curator.email, curator.password);
    const own = await asCurator.post('/api/users', { name: 'Dmitry', email: email('manager'), password: 'manager-pass-3', role: 'manager' });
    expect(own.status).toBe(201);
    expect(own.body.user.departmentId).toBe(deptId);
    const explicitNull = await asCurator.post('/api/users', { name: 'Elena', email: email('assistant'), password: 'assistant-pass-3', role: 'assistant', departmentId: null, assistsUserId: own.body.user.id });
    expect(explicitNull.status).toBe(201);
    expect(explicitNull.body.user.departmentId).toBe(deptId);
    expect((await asCurator.patch(`/api/users/${own.body.user.id}`, { endpoint: 'PJSIP/103', mobile: '+7 900 765 43 21' })).body.user).toMatchObject({
      endpoint: 'PJSIP/103',
      mobile: '+79007654321',
    });

    const director2 = await asCurator.post('/api/users', { name: 'Boss', email: email('director'), password: 'director-pass-2', role: 'director' });
    expect(director2.status).toBe(403);
    const curator2 = await asCurator.post('/api/users', { name: 'Cur', email: email('curator'), password: 'curator-pass-2', role: 'curator', departmentId: deptId });
    expect(curator2.status).toBe(403);
    const foreign = await asCurator.post('/api/users', { name: 'Far', email: email('manager'), password: 'manager-pass-4', role: 'manager', departmentId: otherDeptId });
    expect(foreign.status).toBe(403);
    expect((await asCurator.patch(`/api/users/${own.body.user.id}`, { role: 'curator' })).status).toBe(403);
    expect((await asCurator.patch(`/api/users/${own.body.user.id}`, { departmentId: otherDeptId })).status).toBe(403);
    expect((await asCurator.patch(`/api/users/${curator.id}`, { name: 'Renamed' })).status).toBe(403);

    const farManager = await director.post('/api/users', { name: 'Far', email: email('manager'), password: 'manager-pass-5', role: 'manager', departmentId: otherDeptId });
    expect((await asCurator.patch(`/api/users/${farManager.body.user.id}`, { name: 'Mine now' })).status).toBe(404);
    const seen = (await asCurator.get('/api/users')).body.items.map((u: { id: number }) => u.id);
    expect(seen).toContain(own.body.user.id);
    expect(seen).not.toContain(farManager.body.user.id);
  });

  it('refuses managers and assistants who try to manage users (403) and shows them only their department', async () => {
    const asManager = await new Client(server.url).login(manager.email, manager.password);
    expect((await asManager.post('/api/users', { name: 'Me2', email: email('manager'), password: 'manager-pass-6', role: 'manager', departmentId: deptId })).status).toBe(403);
    expect((await asManager.patch(`/api/users/${manager.id}`, { name: 'Promoted', role: 'director' })).status).toBe(403);
    const seen = (await asManager.get('/api/users')).body.items;
    expect(seen.every((u: { departmentId: number | null }) => u.departmentId === deptId)).toBe(true);
    expect(seen.map((u: { id: number }) => u.id)).toContain(curator.id);
    expect((await new Client(server.url).get('/api/users')).status).toBe(401);
  });

  it('tells each person what they may do, so the web app never decides it by role', async () => {
    const asCurator = await new Client(server.url).login(curator.email, curator.password);
    const asManager = await new Client(server.url).login(manager.email, manager.password);
    expect((await director.get('/api/auth/me')).body.user.can).toEqual({
      assignLeads: true,
      allDepartments: true,
      manageTeam: true,
      manageDepartments: true,
      manageSites: true,
      viewReports: true,
      grantRoles: ['director', 'curator', 'manager', 'assistant'],
    });
    expect((await asCurator.get('/api/auth/me')).body.user.can).toEqual({
      assignLeads: true,
      allDepartments: false,
      manageTeam: true,
      manageDepartments: false,
      manageSites: false,
      viewReports: true,
      grantRoles: ['manager', 'assistant'],
    });
    expect((await asManager.get('/api/auth/me')).body.user.can).toMatchObject({ assignLeads: false, manageTeam: false, viewReports: false, grantRoles: [] });
    // In the team list, a curator may edit their managers but not themselves-as-curator or the director.
    const team = (await asCurator.get('/api/users')).body.items as { id: number; can: { edit: boolean } }[];
    expect(team.find((u) => u.id === manager.id)?.can.edit).toBe(true);
    expect(team.find((u) => u.id === curator.id)?.can.edit).toBe(false);
    expect(((await asManager.get('/api/users')).body.items as { can: { edit: boolean } }[]).every((u) => !u.can.edit)).toBe(true);
  });

  it("counts each manager's open leads for the curator's view of load", async () => {
    const db = server.deps.db;
    const now = toDbTime();
    const [clientId] = await db('clients').insert({ full_name: 'Load Client', search_text: 'load client', created_at: now, updated_at: now });
    const lead = (status: string) => ({ client_id: clientId, department_id: deptId, owner_id: manager.id, source: 'manual', status, created_at: now, updated_at: now });
    await db('leads').insert([lead('new'), lead('offer_sent'), lead('completed'), lead('refused_price_competitor')]);
    const asCurator = await new Client(server.url).login(curator.email, curator.password);
    const me = (await asCurator.get('/api/users')).body.items.find((u: { id: number }) => u.id === manager.id);
    expect(me.openLeads).toBe(2);
  });

  it('ends a deactivated user\'s session and closes their open tabs; they cannot log in again', async () => {
    const created = await director.post('/api/users', { name: 'Leaving', email: email('manager'), password: 'leaving-pass-1', role: 'manager', departmentId: deptId });
    const leaving = await new Client(server.url).login(created.body.user.email, 'leaving-pass-1');
    const socket = await leaving.connectSocket();
    const closed = new Promise<void>((resolve) => socket.socket.once('disconnect', () => resolve()));
    const res = await director.patch(`/api/users/${created.body.user.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.user.active).toBe(false);
    await closed;
    expect((await leaving.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(server.url).post('/api/auth/login', { email: created.body.user.email, password: 'leaving-pass-1' })).status).toBe(401);
    socket.close();
  });

  it('does not let the director lock themselves out', async () => {
    const me = (await director.get('/api/users/me')).body.user;
    const res = await director.patch(`/api/users/${me.id}`, { active: false, role: 'manager', departmentId: deptId });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['active', 'role']));
  });

  it('moves a user to another department: their open tabs reconnect into the new rooms', async () => {
    const created = await director.post('/api/users', { name: 'Mover', email: email('manager'), password: 'mover-pass-1', role: 'manager', departmentId: deptId });
    const mover = await new Client(server.url).login(created.body.user.email, 'mover-pass-1');
    const socket = await mover.connectSocket();
    const closed = new Promise<void>((resolve) => socket.socket.once('disconnect', () => resolve()));
    const res = await director.patch(`/api/users/${created.body.user.id}`, { departmentId: otherDeptId });
    expect(res.body.user.departmentId).toBe(otherDeptId);
    await closed;
    // The session itself still works: the web app reconnects.
    expect((await mover.get('/api/auth/me')).body.user.departmentId).toBe(otherDeptId);
    socket.close();
  });

  it('lets a user change their own password with the current one', async () => {
    const created = await director.post('/api/users', { name: 'Pw', email: email('manager'), password: 'first-pass-1', role: 'manager', departmentId: deptId });
    const me = await new Client(server.url).login(created.body.user.email, 'first-pass-1');
    const otherTab = await new Client(server.url).login(created.body.user.email, 'first-pass-1');
    const wrong = await me.patch('/api/users/me', { currentPassword: 'nope-nope-nope', password: 'second-pass-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.currentPassword).toBeTruthy();
    expect((await me.patch('/api/users/me', { currentPassword: 'first-pass-1', password: 'short' })).status).toBe(400);
    expect((await me.patch('/api/users/me', { currentPassword: 'first-pass-1', password: 'second-pass-2' })).status).toBe(204);
    expect((await me.get('/api/auth/me')).status).toBe(200);
    expect((await otherTab.get('/api/auth/me')).status).toBe(401);
    expect((await new Client(server.url).post('/api/auth/login', { email: created.body.user.email, password: 'first-pass-1' })).status).toBe(401);
    await new Client(server.url).login(created.body.user.email, 'second-pass-2');
  });
});

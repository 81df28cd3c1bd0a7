import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, insertUser, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { planFor, whoRings } from '../../telephony/routing/routing-plan.js';
import { STAFF_COLUMNS, type StaffRow } from '../../telephony/routing/staff-row.js';

async function team(server: TestServer, tag: string) {
  const director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
  const dept = (await director.post('/api/departments', { name: `Dept ${tag}`, phoneNumbers: [] })).body.department.id;
  const otherDept = (await director.post('/api/departments', { name: `Other ${tag}`, phoneNumbers: [] })).body.department.id;
  const curator = await insertUser(server, { name: 'Curator', email: `curator-${tag}@p.test`, role: 'curator', departmentId: dept });
  const manager = await insertUser(server, { name: 'Manager', email: `manager-${tag}@p.test`, role: 'manager', departmentId: dept });
  const stranger = await insertUser(server, { name: 'Stranger', email: `stranger-${tag}@p.test`, role: 'manager', departmentId: otherDept });
  return { director, curator, manager, stranger };
}

const login = (server: TestServer, u: { email: string; password: string }) => new Client(server.url).login(u.email, u.password);

/** Whether call routing would ring this user's desk phone now (the very rule the inbound call uses). */
async function wouldRing(server: TestServer, userId: number): Promise<boolean> {
  await server.deps.db('users').where('id', userId).update({ endpoint: `PJSIP/${userId}` });
  const owner = await server.deps.db('users').where('id', userId).first<StaffRow>(STAFF_COLUMNS);
  const department = { id: 1, name: 'Sales', ringTimeoutSec: 20, chain: ['owner' as const] };
  const plan = planFor(department, { kind: 'known', match: { clientId: 1, leadId: 1, owner } });
  const { targets } = whoRings(plan, 'owner', { presence: server.deps.presence, ringGroup: [], alreadyRung: new Set(), trunkDialTemplate: 'PJSIP/{number}@trunk' });
  return targets.length === 1;
}

describe(`presence (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PRESENCE_OFFLINE_GRACE_SEC: '0' });
  });
  afterAll(async () => server?.dispose());

  it('shows a colleague choosing "away" live to the department, not to other departments', async () => {
    const t = await team(server, 'a');
    const curatorSocket = await (await login(server, t.curator)).connectSocket();
    const strangerSocket = await (await login(server, t.stranger)).connectSocket();
    const directorSocket = await t.director.connectSocket();
    const manager = await login(server, t.manager);
    const managerSocket = await manager.connectSocket();
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.online);

    const res = await manager.patch('/api/users/me/presence', { presence: 'away' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ presence: 'away', effective: 'away' });
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.presence === 'away' && p.online === true);
    await directorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.presence === 'away');
    const list = (await (await login(server, t.curator)).get('/api/users')).body.items;
    expect(list.find((u: { id: number }) => u.id === t.manager.id)).toMatchObject({ presence: 'away', online: true });

    expect((await manager.patch('/api/users/me/presence', { presence: 'offline' })).status).toBe(400);
    expect((await manager.patch('/api/users/me/presence', { presence: 'dnd' })).status).toBe(200);
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.presence === 'dnd');
    expect(strangerSocket.named('presence:changed').some((p) => p.userId === t.manager.id)).toBe(false);
    for (const s of [curatorSocket, strangerSocket, directorSocket, managerSocket]) s.close();
  });

  it('turns a user offline when their last tab closes (after the grace period) and back when they return', async () => {
    const t = await team(server, 'b');
    const curatorSocket = await (await login(server, t.curator)).connectSocket();
    const manager = await login(server, t.manager);
    const first = await manager.connectSocket();
    const second = await manager.connectSocket();
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.online);

    first.close();
    second.close();
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && !p.online && p.presence === 'offline');
    const curator = await login(server, t.curator);
    const offline = (await curator.get('/api/users')).body.items.find((u: { id: number }) => u.id === t.manager.id);
    expect(offline).toMatchObject({ presence: 'offline', online: false });

    const back = await manager.connectSocket();
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.online && p.presence === 'available', 5000);
    const online = (await curator.get('/api/users')).body.items.find((u: { id: number }) => u.id === t.manager.id);
    expect(online).toMatchObject({ presence: 'available', online: true });
    back.close();
    curatorSocket.close();
  });

  it('shows a user on a call as busy and does not ring them', async () => {
    const t = await team(server, 'c');
    const curatorSocket = await (await login(server, t.curator)).connectSocket();
    const managerSocket = await (await login(server, t.manager)).connectSocket();
    expect(await wouldRing(server, t.manager.id)).toBe(true);
    server.deps.presence.setOnCall(t.manager.id, true);
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.onCall === true);
    expect(await wouldRing(server, t.manager.id)).toBe(false);
    server.deps.presence.setOnCall(t.manager.id, false);
    await curatorSocket.waitFor('presence:changed', (p) => p.userId === t.manager.id && p.onCall === false);
    managerSocket.close();
    curatorSocket.close();
  });
});

describe(`presence with a grace period (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ PRESENCE_OFFLINE_GRACE_SEC: '60' });
  });
  afterAll(async () => server?.dispose());

  it('does not call a reload "offline": a closed tab keeps the user online during the grace period', async () => {
    const t = await team(server, 'd');
    const socket = await (await login(server, t.manager)).connectSocket();
    socket.close();
    await new Promise((r) => setTimeout(r, 200));
    const curator = await login(server, t.curator);
    const me = (await curator.get('/api/users')).body.items.find((u: { id: number }) => u.id === t.manager.id);
    expect(me).toMatchObject({ presence: 'available', online: true });
    expect(await wouldRing(server, t.manager.id)).toBe(true);
  });
});

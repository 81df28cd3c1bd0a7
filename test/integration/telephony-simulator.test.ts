import { afterEach, describe, expect, it } from 'vitest';
import type { AriTelephony } from '../../server/telephony/ari-telephony.js';
import { insertDepartment, insertStaff, loginAs } from '../helpers/factories.js';
import { Client, databaseKind, startTestServer, type TestServer } from '../helpers/server.js';
import { FakeAsterisk } from '../fake-ari/index.js';
import { until } from '../fake-ari/telephony-fixtures.js';

describe(`the built-in telephony simulator (${databaseKind})`, () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  it('places a simulated call that the manager answers from the web app, and records it', async () => {
    server = await startTestServer({ TELEPHONY: 'simulator' });
    const s = server;
    await until(() => s.deps.telephony.status().state === 'connected', 5000, 'simulator connected');
    const department = await insertDepartment(s, { phoneNumbers: ['+7 (495) 123-45-67'] });
    const manager = await insertStaff(s, { role: 'manager', departmentId: department.id, name: 'Sim Manager' });
    await s.deps.db('users').where('id', manager.id).update({ endpoint: 'PJSIP/201' });
    const browser = await loginAs(s, manager);
    const socket = await browser.connectSocket();
    expect((await browser.get('/api/telephony/status')).body.telephony).toEqual({ mode: 'simulator', state: 'connected' });

    expect((await browser.post('/api/telephony/simulator/phone/answer')).status).toBe(404); // nothing rings yet
    const placed = await browser.post('/api/telephony/simulator/inbound', { from: '8 900 123-45-67', to: '74951234567' });
    expect(placed.status).toBe(201);
    const pop = await socket.waitFor('call:ringing');
    expect(pop.callerNumber).toBe('+79001234567');

    expect((await browser.post('/api/telephony/simulator/phone/answer')).status).toBe(204);
    await socket.waitFor('call:answered');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await browser.post('/api/telephony/simulator/caller/hangup', { channelId: placed.body.channelId })).status).toBe(204);
    expect(await socket.waitFor('call:ended')).toEqual({ callId: pop.callId, disposition: 'answered' });
    await until(async () => (await s.deps.db('calls').where('id', pop.callId).first()).recording_state === 'ready', 3000, 'recording');
    // The caller was unknown: their new lead waits in the curator inbox, so only curators and directors hear it yet.
    expect((await browser.get(`/api/calls/${pop.callId}/recording`)).status).toBe(404);
    const director = await new Client(s.url).login('director@test.local', 'director-pass-1');
    const audio = await fetch(`${s.url}/api/calls/${pop.callId}/recording`, { headers: { cookie: director.cookie } });
    expect(audio.status).toBe(200);
    expect(Number(audio.headers.get('content-length'))).toBeGreaterThan(16_000); // about a second of audio
    expect((await browser.post('/api/telephony/simulator/inbound', { from: '' })).status).toBe(400);
    expect((await new Client(s.url).post('/api/telephony/simulator/inbound', { from: '1', to: '2' })).status).toBe(401);
    socket.close();
  });

  it('lets a manager decline a ringing simulated call', async () => {
    server = await startTestServer({ TELEPHONY: 'simulator' });
    const s = server;
    await until(() => s.deps.telephony.status().state === 'connected', 5000, 'simulator connected');
    const department = await insertDepartment(s, { phoneNumbers: ['4957654321'] });
    await s.deps.db('departments').where('id', department.id).update({ routing_chain: 'ring_group' });
    const manager = await insertStaff(s, { role: 'manager', departmentId: department.id });
    await s.deps.db('users').where('id', manager.id).update({ endpoint: 'PJSIP/202' });
    const browser = await loginAs(s, manager);
    const socket = await browser.connectSocket();
    await browser.post('/api/telephony/simulator/inbound', { from: '+79001112233', to: '4957654321' });
    const pop = await socket.waitFor('call:ringing');
    expect((await browser.post('/api/telephony/simulator/phone/decline')).status).toBe(204);
    expect(await socket.waitFor('call:ended')).toEqual({ callId: pop.callId, disposition: 'busy' });
    socket.close();
  });

  it('has no simulator buttons when telephony is off, and says telephony is off', async () => {
    server = await startTestServer();
    const director = await new Client(server.url).login('director@test.local', 'director-pass-1');
    expect((await director.post('/api/telephony/simulator/inbound', { from: '1', to: '2' })).status).toBe(404);
    expect((await director.post('/api/telephony/simulator/phone/answer')).status).toBe(404);
    expect((await director.get('/api/telephony/status')).body.telephony).toMatchObject({ mode: 'off', state: 'off' });
    expect((await new Client(server.url).get('/api/telephony/status')).status).toBe(401);
  });

  it('survives wrong ARI credentials: keeps serving, reports why, keeps retrying', async () => {
    const fake = await new FakeAsterisk({ username: 'ari', password: 'right' }).start();
    server = await startTestServer({ ARI_URL: fake.url, ARI_USERNAME: 'ari', ARI_PASSWORD: 'wrong' });
    const s = server;
    await until(() => s.deps.telephony.status().state === 'disconnected', 3000, 'disconnected');
    expect((s.deps.telephony as AriTelephony).status().detail).toMatch(/refused the ARI credentials/);
    const ready = await fetch(`${s.url}/readyz`);
    expect((await ready.json()).telephony).toMatchObject({ mode: 'ari', state: 'disconnected' });
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 700));
    expect(fake.requests.length).toBe(0); // refused before being logged: retries hit the 401 wall, nothing else
    await s.dispose();
    server = undefined;
    await fake.close();
  });
});

import { toDbTime } from '../../server/db/knex.js';
import type { AriTelephony } from '../../server/telephony/ari-telephony.js';
import { insertDepartment, insertStaff, loginAs, type TestUser } from '../helpers/factories.js';
import { startTestServer, type Client, type LiveSocket, type TestServer } from '../helpers/server.js';
import { FakeAsterisk } from './index.js';

export const DNIS = '4951234567';
export const ARI_USER = 'leadline-test';
export const ARI_PASSWORD = 'ari-secret';

/** One Asterisk "second" lasts this many ms in the fake: a 5 s ring step takes 100 ms. */
export const SECOND_MS = 20;

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Person extends TestUser {
  client: Client;
  socket: LiveSocket;
}

export interface TelephonyWorld {
  fake: FakeAsterisk;
  server: TestServer;
  telephony: AriTelephony;
  department: { id: number; name: string };
  curator: Person;
  owner: Person;
  colleague: Person;
  director: Client;
  dispose(): Promise<void>;
}

async function person(server: TestServer, u: TestUser): Promise<Person> {
  const client = await loginAs(server, u);
  const socket = await client.connectSocket();
  return { ...u, client, socket };
}

/**
 * A Leadline connected to a fake Asterisk, one department (number 4951234567, ring steps of `ringTimeoutSec`, by
 * default 250 s = 5 s of the test's time: long enough to catch and answer a ringing phone on a loaded machine; a
 * test about a phone ringing out asks for 5 = 100 ms) with a curator
 * and two managers whose desk phones are PJSIP/101 (the owner) and PJSIP/102, all with a tab open.
 */
export async function telephonyWorld(opts: { env?: Record<string, string>; chain?: string; ownerMobile?: string; ringTimeoutSec?: number } = {}): Promise<TelephonyWorld> {
  const fake = await new FakeAsterisk({ username: ARI_USER, password: ARI_PASSWORD, secondMs: SECOND_MS }).start();
  const server = await startTestServer({ ARI_URL: fake.url, ARI_USERNAME: ARI_USER, ARI_PASSWORD: ARI_PASSWORD, ARI_REQUEST_TIMEOUT_MS: '1500', ...opts.env });
  const telephony = server.deps.telephony as AriTelephony;
  await until(() => telephony.status().state === 'connected', 5000, 'telephony connected');
  const department = await insertDepartment(server, { phoneNumbers: [DNIS] });
  await server.deps.db('departments').where('id', department.id).update({ ring_timeout_sec: opts.ringTimeoutSec ?? 250, routing_chain: opts.chain ?? 'owner,ring_group' });
  const curator = await insertStaff(server, { role: 'curator', departmentId: department.id, name: 'Curator Cora' });
  const owner = await insertStaff(server, { role: 'manager', departmentId: department.id, name: 'Owner Olga' });
  const colleague = await insertStaff(server, { role: 'manager', departmentId: department.id, name: 'Colleague Carl' });
  await server.deps.db('users').where('id', owner.id).update({ endpoint: 'PJSIP/101', mobile: opts.ownerMobile ?? null });
  await server.deps.db('users').where('id', colleague.id).update({ endpoint: 'PJSIP/102' });
  const director = await loginAs(server, { email: 'director@test.local', password: 'director-pass-1' });
  const world: TelephonyWorld = {
    fake,
    server,
    telephony,
    department,
    curator: await person(server, curator),
    owner: await person(server, owner),
    colleague: await person(server, colleague),
    director,
    async dispose() {
      for (const p of [world.curator, world.owner, world.colleague]) p.socket.close();
      await server.dispose();
      await fake.close();
    },
  };
  return world;
}

/** A client with this phone and an open lead owned by `ownerId`. */
export async function insertClientWithLead(server: TestServer, p: { phone: string; ownerId: number | null; departmentId: number; name?: string }): Promise<{ clientId: number; leadId: number }> {
  const db = server.deps.db;
  const now = toDbTime();
  const [clientId] = await db('clients').insert({ full_name: p.name ?? 'Ivan Petrov', search_text: '', version: 1, department_id: p.departmentId, created_at: now, updated_at: now });
  await db('client_phones').insert({ client_id: Number(clientId), phone: p.phone });
  const [leadId] = await db('leads').insert({
    client_id: Number(clientId),
    department_id: p.departmentId,
    owner_id: p.ownerId,
    source: 'site',
    status: 'offer_sent',
    flagged: false,
    returning_client: false,
    version: 1,
    created_at: now,
    updated_at: now,
    assigned_at: p.ownerId ? now : null,
  });
  await db('lead_comments').insert({ lead_id: Number(leadId), author_id: p.ownerId, text: 'Wants the premium plan', created_at: now });
  return { clientId: Number(clientId), leadId: Number(leadId) };
}

/** The agent legs the fake has seen created for an endpoint (POST /channels/create or /channels). */
export function legsCreatedFor(fake: FakeAsterisk, endpoint: string): string[] {
  return fake.requests.filter((r) => r.method === 'POST' && (r.path === '/channels/create' || r.path === '/channels') && r.query.endpoint === endpoint).map((r) => r.query.channelId);
}

/** Waits until the endpoint's leg rings, and returns its channel id. */
export async function ringingLeg(fake: FakeAsterisk, endpoint: string, timeoutMs = 3000): Promise<string> {
  let id = '';
  await until(
    () => {
      id = fake.channels().find((c) => c.endpoint === endpoint && c.state === 'Ringing')?.id ?? '';
      return id !== '';
    },
    timeoutMs,
    `${endpoint} ringing`,
  );
  return id;
}

export async function callRow(server: TestServer, callId: number) {
  return server.deps.db('calls').where('id', callId).first();
}

export async function legsOfCall(server: TestServer, callId: number) {
  return server.deps.db('call_legs').where('call_id', callId).orderBy('id');
}

/** A call from `from` that the owner (PJSIP/101) has answered and that is being recorded. */
export async function answeredCall(w: TelephonyWorld, from: string): Promise<{ callId: number; callerChannel: string }> {
  const before = w.owner.socket.named('call:ringing').length;
  const callerChannel = w.fake.placeInbound({ from, to: DNIS });
  await until(() => w.owner.socket.named('call:ringing').length > before, 3000, 'the owner’s pop');
  const callId = w.owner.socket.named('call:ringing')[before].callId as number;
  w.fake.answer(await ringingLeg(w.fake, 'PJSIP/101'));
  await until(async () => (await callRow(w.server, callId)).recording_state === 'recording', 3000, 'recording');
  return { callId, callerChannel };
}

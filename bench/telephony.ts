import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Db } from '../server/db/knex.js';
import { toDbTime } from '../server/db/knex.js';
import { FakeAsterisk } from '../server/telephony/simulator/fake-asterisk.js';
import { heading, insertDepartment, insertPerson, login, ms, report, startBenchServer, summarize, writeResults } from './lib.js';

/**
 * Telephony: how long from a caller's StasisStart to the dial of the agent's phone (the routing decision,
 * ARI round trips included) with 100k and 1M clients in SQLite; how that compares with a minimal ARI app that
 * only creates and dials a fixed endpoint against the same fake Asterisk; and StasisStart → screen pop received
 * by a socket.io client. BENCH_TELEPHONY_CLIENTS=100000 (comma-separated) picks the sizes; BENCH_TELEPHONY_CALLS
 * the calls per measurement.
 */

const DNIS = '4951234567';
const USER = 'bench';
const PASSWORD = 'bench-secret';

function phoneOf(i: number): string {
  return `+7900${String(i).padStart(7, '0')}`;
}

/** N clients, each with a phone and an open lead of the owner, as raw multi-row inserts in one transaction. */
async function seedClients(db: Db, n: number, departmentId: number, ownerId: number): Promise<void> {
  const now = toDbTime();
  const chunk = 2000;
  await db.transaction(async (tx) => {
    for (let start = 1; start <= n; start += chunk) {
      const end = Math.min(n, start + chunk - 1);
      const clients: string[] = [];
      const phones: string[] = [];
      const leads: string[] = [];
      for (let i = start; i <= end; i++) {
        clients.push(`(${i},'Client ${i}','',1,${departmentId},'${now}','${now}')`);
        phones.push(`(${i},'${phoneOf(i)}')`);
        leads.push(`(${i},${departmentId},${ownerId},'site','new',0,0,1,'${now}','${now}')`);
      }
      await tx.raw(`insert into clients (id, full_name, search_text, version, department_id, created_at, updated_at) values ${clients.join(',')}`);
      await tx.raw(`insert into client_phones (client_id, phone) values ${phones.join(',')}`);
      await tx.raw(
        `insert into leads (client_id, department_id, owner_id, source, status, flagged, returning_client, version, created_at, updated_at) values ${leads.join(',')}`,
      );
    }
  });
  // Calls are timed on a settled database: the seed's write-ahead log folded in first, as after any big import.
  await db.raw('pragma wal_checkpoint(TRUNCATE)');
}

interface Timings {
  routing: number[];
  decision: number[];
  pop: number[];
  /** ms from the dial request (the owner's INVITE goes out with it) to the pop at the socket. */
  popAfterDial: number[];
  /** ARI requests received between the caller's StasisStart and the agent's dial (the dial not counted). */
  beforeDial: number[];
}

/** What the requests counted before dials were, over a run (`POST /channels/create` → count). */
const requestKinds = new Map<string, number>();

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

const noTimings = (): Timings => ({ routing: [], decision: [], pop: [], popAfterDial: [], beforeDial: [] });

/** Places calls one after another; measures StasisStart → dial request (and → pop when a socket is given). */
async function measureCalls(fake: FakeAsterisk, calls: number, callerOf: (k: number) => string, pop: Socket | null, warmup = 20): Promise<Timings> {
  const out = noTimings();
  for (let k = 0; k < calls + warmup; k++) {
    let stasisAt = 0;
    let callerId = '';
    let createAt = 0;
    let requests = 0;
    const dialled = new Promise<number>((resolve) => {
      const onRequest = (r: { method: string; path: string }) => {
        if (r.method === 'POST' && r.path === '/channels/create' && !createAt) createAt = performance.now();
        if (!(r.method === 'POST' && r.path.endsWith('/dial'))) {
          requests += 1;
          const kind = `${r.method} ${r.path.replace(/\/(channels|bridges)\/(?!create$)[^/]+/, '/$1/:id')}`;
          requestKinds.set(kind, (requestKinds.get(kind) ?? 0) + 1);
        }
        if (r.method === 'POST' && r.path.endsWith('/dial')) {
          fake.off('request', onRequest);
          resolve(performance.now());
        }
      };
      fake.on('request', onRequest);
    });
    const popped = pop
      ? new Promise<number>((resolve) => pop.once('call:ringing', () => resolve(performance.now())))
      : Promise.resolve(0);
    const onEvent = (e: { type: string; args?: string[]; channel?: { id: string } }) => {
      if (e.type === 'StasisStart' && e.args?.[0] === 'inbound' && e.channel?.id === callerId) stasisAt = performance.now();
    };
    fake.on('event', onEvent);
    callerId = fake.placeInbound({ from: callerOf(k), to: DNIS });
    if (!stasisAt) stasisAt = performance.now();
    const dialAt = await dialled;
    const popAt = await popped;
    fake.off('event', onEvent);
    if (k >= warmup) {
      out.routing.push(dialAt - stasisAt);
      out.decision.push(createAt - stasisAt);
      out.beforeDial.push(requests);
      if (pop) {
        out.pop.push(popAt - stasisAt);
        out.popAfterDial.push(popAt - dialAt);
      }
    }
    // The caller gives up; wait until every channel of the call is gone before the next one.
    fake.hangupFromPhone(callerId);
    for (const c of fake.channels()) if (c.linkedid === callerId) fake.hangupFromPhone(c.id);
    const until = Date.now() + 5000;
    while (fake.channels().length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 2));
    // …and until the app has sent its last request about it (bridge destroyed, legs closed): calls do not overlap.
    let lastRequestAt = performance.now();
    const onAny = () => (lastRequestAt = performance.now());
    fake.on('request', onAny);
    while (performance.now() - lastRequestAt < 80 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    fake.off('request', onAny);
  }
  return out;
}

/** The baseline: an ARI app that does nothing but create and dial PJSIP/101 for every inbound call. */
async function minimalApp(fake: FakeAsterisk): Promise<() => void> {
  const base = `${fake.url}/ari`;
  const auth = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` };
  const ws = new WebSocket(`${base.replace('http', 'ws')}/events?app=leadline`, { headers: auth });
  ws.on('message', (data) => {
    const e = JSON.parse(data.toString()) as { type: string; args: string[]; channel: { id: string } };
    if (e.type !== 'StasisStart') return;
    if (e.args[0] === 'inbound') {
      void fetch(`${base}/channels/create?endpoint=PJSIP/101&app=leadline&appArgs=agent,${e.channel.id}&originator=${e.channel.id}&channelId=min-${e.channel.id}`, {
        method: 'POST',
        headers: auth,
      }).then((r) => r.arrayBuffer());
    } else if (e.args[0] === 'agent') {
      void fetch(`${base}/channels/${e.channel.id}/dial?timeout=20&caller=${e.args[1]}`, { method: 'POST', headers: auth }).then((r) => r.arrayBuffer());
    }
  });
  await new Promise((r) => ws.once('open', r));
  return () => ws.close();
}

export async function runTelephonyBench(): Promise<void> {
  const sizes = (process.env.BENCH_TELEPHONY_CLIENTS ?? '100000,1000000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
  const calls = Number(process.env.BENCH_TELEPHONY_CALLS ?? 300);
  const serviceTimeMs = Number(process.env.BENCH_ARI_SERVICE_MS ?? 2);
  const results: Record<string, unknown> = {};
  for (const size of sizes) {
    heading(`telephony: ${size.toLocaleString('en')} clients, ${calls} calls`);
    // Both fakes answer each REST request in 2 ms, one at a time (the traces' median): requests sent before the dial delay it.
    const fake = await new FakeAsterisk({ username: USER, password: PASSWORD, serviceTimeMs }).start();
    const baselineFake = await new FakeAsterisk({ username: USER, password: PASSWORD, serviceTimeMs }).start();
    const server = await startBenchServer({ ARI_URL: fake.url, ARI_USERNAME: USER, ARI_PASSWORD: PASSWORD });
    try {
      const db = server.deps.db;
      const departmentId = await insertDepartment(db, 'Sales', [DNIS]);
      const owner = await insertPerson(db, { name: 'Owner', email: 'owner@bench.local', role: 'manager', departmentId });
      await db('users').where('id', owner.id).update({ endpoint: 'PJSIP/101' });
      const seedStart = performance.now();
      await seedClients(db, size, departmentId, owner.id);
      report('seeded clients + phones + leads', `${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

      const cookie = await login(server.url, owner);
      const socket = ioClient(server.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const t0 = Date.now();
      while (server.deps.telephony.status().state !== 'connected' && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20));

      const stopBaseline = await minimalApp(baselineFake);
      // Interleave Leadline and the baseline in rounds, so that both see the same machine.
      const leadline = noTimings();
      const baseline = noTimings();
      const rounds = 3;
      for (let r = 0; r < rounds; r++) {
        const l = await measureCalls(fake, Math.ceil(calls / rounds), () => phoneOf(1 + Math.floor(Math.random() * size)), socket, r === 0 ? 20 : 5);
        leadline.routing.push(...l.routing);
        leadline.decision.push(...l.decision);
        leadline.pop.push(...l.pop);
        leadline.popAfterDial.push(...l.popAfterDial);
        leadline.beforeDial.push(...l.beforeDial);
        const b = await measureCalls(baselineFake, Math.ceil(calls / rounds), () => '+79990000000', null, r === 0 ? 20 : 5);
        baseline.routing.push(...b.routing);
        baseline.decision.push(...b.decision);
        baseline.beforeDial.push(...b.beforeDial);
      }
      stopBaseline();
      socket.close();

      const routing = summarize(leadline.routing);
      const pop = summarize(leadline.pop);
      const base = summarize(baseline.routing);
      const decision = summarize(leadline.decision);
      const baseDecision = summarize(baseline.decision);
      const ratio = routing.p50 / base.p50;
      const popAfterDial = summarize(leadline.popAfterDial);
      console.log(`  requests seen before dials (both apps): ${[...requestKinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
      const perCall = (t: Timings) => t.beforeDial.reduce((a, b) => a + b, 0) / Math.max(1, t.beforeDial.length);
      report(`ARI requests between StasisStart and the dial (service time ${serviceTimeMs} ms each)`, `Leadline ${perCall(leadline).toFixed(2)} · minimal app ${perCall(baseline).toFixed(2)}`, {
        text: '= minimal app',
        pass: perCall(leadline) <= perCall(baseline),
      });
      report('StasisStart → create request (lookup + plan) p50 / p99', `${ms(decision.p50)} / ${ms(decision.p99)}`);
      report('  the same for the minimal app (no lookup) p50 / p99', `${ms(baseDecision.p50)} / ${ms(baseDecision.p99)}`);
      report('StasisStart → agent dial (routing decision) p50', ms(routing.p50));
      report('StasisStart → agent dial (routing decision) p99', ms(routing.p99));
      report('minimal ARI app: StasisStart → dial p50 / p99', `${ms(base.p50)} / ${ms(base.p99)}`);
      report('Leadline / minimal app (p50)', `${ratio.toFixed(2)}×`, { text: '≤1.2×', pass: ratio <= 1.2 });
      report('Leadline / minimal app (p99)', `${(routing.p99 / base.p99).toFixed(2)}×`);
      const p90 = percentile(leadline.routing, 90);
      report('StasisStart → agent dial p90', ms(p90), { text: '≤10 ms', pass: p90 <= 10 });
      report('StasisStart → call:ringing at the socket p50', ms(pop.p50));
      report('StasisStart → call:ringing at the socket p99', ms(pop.p99));
      report("owner's dial (INVITE) → call:ringing at the socket p99", ms(popAfterDial.p99), { text: '≤50 ms', pass: popAfterDial.p99 <= 50 });
      results[String(size)] = {
        routing,
        decision,
        baseline: base,
        baselineDecision: baseDecision,
        ratioP50: ratio,
        ratioP99: routing.p99 / base.p99,
        pop,
        popAfterDial,
        requestsBeforeDial: { leadline: perCall(leadline), minimalApp: perCall(baseline), kinds: Object.fromEntries(requestKinds) },
        serviceTimeMs,
      };
    } finally {
      await server.dispose();
      await fake.close();
      await baselineFake.close();
    }
  }
  console.log(`  results: ${writeResults('telephony', results)}`);
}

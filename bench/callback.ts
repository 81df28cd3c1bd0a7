import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { saveInstantCallback } from '../server/modules/departments/callback-settings.js';
import { DEFAULT_DISTRIBUTION, saveDistribution } from '../server/modules/departments/distribution-settings.js';
import { saveSpeedToLead } from '../server/modules/departments/speed-to-lead-settings.js';
import { FakeAsterisk, type FakeRequest } from '../server/telephony/simulator/fake-asterisk.js';
import type { Db } from '../server/db/knex.js';
import { heading, insertDepartment, insertPerson, insertSite, login, ms, report, request, sleep, startBenchServer, summarize, writeResults, type Summary } from './lib.js';

/**
 * Instant callback: from the intake's `201` at the website to the manager's channel being originated on the (fake)
 * Asterisk, at a steady BENCH_CALLBACK_RATE leads/s (default 20) for BENCH_CALLBACK_SECONDS (default 30) — the target
 * is p99 ≤ 50 ms. The floor, measured in the same run and interleaved with it in rounds: the same intake into an auto
 * department without callback (POST → 201). Managers' phones answer after 100 ms and clients are busy, so each call
 * is over in a moment and the managers are free again (the fair pool takes turns over 20 of them, each with a tab open).
 */

const USER = 'bench';
const PASSWORD = 'bench-secret';
const MANAGERS = 20;
const ALWAYS = { timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };

interface Department {
  siteKey: string;
  sockets: Socket[];
}

async function department(db: Db, baseUrl: string, name: string, callback: boolean, firstEndpoint: number): Promise<Department> {
  const id = await insertDepartment(db, name, []);
  const site = await insertSite(db, `${name} site`, id);
  await saveDistribution(db, id, { ...DEFAULT_DISTRIBUTION, mode: 'auto' });
  await saveSpeedToLead(db, id, { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: ALWAYS });
  await saveInstantCallback(db, id, { enabled: callback, retryMinutes: [2, 10, 60] });
  const sockets: Socket[] = [];
  for (let i = 0; i < MANAGERS; i++) {
    const m = await insertPerson(db, { name: `${name} manager ${i}`, email: `${name.toLowerCase()}-${i}@bench.local`, role: 'manager', departmentId: id });
    await db('users').where('id', m.id).update({ endpoint: `PJSIP/${firstEndpoint + i}` });
    const cookie = await login(baseUrl, m);
    const socket = ioClient(baseUrl, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    sockets.push(socket);
  }
  return { siteKey: site.key, sockets };
}

interface PhaseTimes {
  /** POST sent → 201 received (ms). */
  response: number[];
  /** 201 received → the manager's originate at the fake (ms; negative when the ring went out before the answer arrived). */
  afterAnswer: number[];
  /** POST sent → the manager's originate (ms). */
  afterPost: number[];
  missing: number;
  /** Requests that got no answer (connection reset …). */
  failed: number;
  /** This process's CPU (server, fake Asterisk and load together) per lead, ms. */
  cpuMsPerLead: number;
}

/** Posts `rate` leads a second for `seconds` (open loop: never waits for answers); with `originates`, pairs each with its ring. */
async function phase(agent: http.Agent, baseUrl: string, siteKey: string, rate: number, seconds: number, prefix: string, originates: Map<string, number> | null): Promise<PhaseTimes> {
  const out: PhaseTimes = { response: [], afterAnswer: [], afterPost: [], missing: 0, failed: 0, cpuMsPerLead: 0 };
  const cpu0 = process.cpuUsage();
  const answered = new Map<string, { sent: number; got: number }>();
  const pending: Promise<void>[] = [];
  const n = Math.round(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const phone = `+7${prefix}${String(i).padStart(7, '0')}`;
    const sent = performance.now();
    pending.push(
      request(agent, baseUrl, 'POST', '/api/intake', { phone, name: `Client ${i}`, service: 'a quote' }, { 'x-site-key': siteKey }).then((res) => {
        if (res.status !== 201) {
          out.failed += 1;
          return;
        }
        const got = performance.now();
        out.response.push(got - sent);
        answered.set(phone, { sent, got });
      }, () => {
        out.failed += 1;
      }),
    );
  }
  await Promise.all(pending);
  if (originates) await sleep(500);
  const cpu = process.cpuUsage(cpu0);
  out.cpuMsPerLead = (cpu.user + cpu.system) / 1000 / n;
  if (originates) {
    for (const [phone, t] of answered) {
      const at = originates.get(phone);
      if (at === undefined) {
        out.missing += 1;
        continue;
      }
      out.afterAnswer.push(at - t.got);
      out.afterPost.push(at - t.sent);
    }
  }
  return out;
}

export async function runCallbackBench(): Promise<void> {
  const rate = Number(process.env.BENCH_CALLBACK_RATE ?? 20);
  const seconds = Number(process.env.BENCH_CALLBACK_SECONDS ?? 30);
  const rounds = 3;
  heading(`callback: ${rate} leads/s for ${seconds} s with instant callback, and as long without (floor)`);
  const fake = await new FakeAsterisk({
    username: USER,
    password: PASSWORD,
    defaultBehaviour: (endpoint) => (endpoint.endsWith('@trunk') ? { kind: 'busy' } : { kind: 'answer', afterMs: 100 }),
  }).start();
  const server = await startBenchServer({ ARI_URL: fake.url, ARI_USERNAME: USER, ARI_PASSWORD: PASSWORD });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sockets: Socket[] = [];
  try {
    const db = server.deps.db;
    const t0 = Date.now();
    while (server.deps.telephony.status().state !== 'connected' && Date.now() - t0 < 10_000) await sleep(20);
    const queries = new Map<string, number>();
    if (process.env.BENCH_CALLBACK_QUERIES) db.on('query', (q: { sql: string }) => queries.set(q.sql.slice(0, 90), (queries.get(q.sql.slice(0, 90)) ?? 0) + 1));
    const floorDept = await department(db, server.url, 'Floor', false, 300);
    const callbackDept = await department(db, server.url, 'Callback', true, 200);
    sockets.push(...floorDept.sockets, ...callbackDept.sockets);
    // The manager's originate carries the client's number as caller ID: `"Client 7" <+79160000007>`.
    const originates = new Map<string, number>();
    fake.on('request', (r: FakeRequest) => {
      if (r.method !== 'POST' || r.path !== '/channels' || r.query.endpoint?.endsWith('@trunk')) return;
      const phone = /<(\+\d+)>/.exec(r.query.callerId ?? '')?.[1];
      if (phone && !originates.has(phone)) originates.set(phone, performance.now());
    });
    // Warm-up: a second of each, not counted.
    await phase(agent, server.url, floorDept.siteKey, rate, 1, '999', null);
    await phase(agent, server.url, callbackDept.siteKey, rate, 1, '998', originates);
    const floor: number[] = [];
    const withCallback: PhaseTimes = { response: [], afterAnswer: [], afterPost: [], missing: 0, failed: 0, cpuMsPerLead: 0 };
    const cpuFloor: number[] = [];
    const cpuCallback: number[] = [];
    let failed = 0;
    for (let r = 0; r < rounds; r++) {
      const f = await phase(agent, server.url, floorDept.siteKey, rate, seconds / rounds, `91${r}`, null);
      floor.push(...f.response);
      cpuFloor.push(f.cpuMsPerLead);
      failed += f.failed;
      const c = await phase(agent, server.url, callbackDept.siteKey, rate, seconds / rounds, `92${r}`, originates);
      withCallback.response.push(...c.response);
      withCallback.afterAnswer.push(...c.afterAnswer);
      withCallback.afterPost.push(...c.afterPost);
      withCallback.missing += c.missing;
      cpuCallback.push(c.cpuMsPerLead);
      failed += c.failed;
    }
    const outcomes = await db('callback_attempts').groupBy('outcome').select<{ outcome: string | null; n: number }[]>('outcome', db.raw('count(*) as n'));
    const floorS = summarize(floor);
    const response = summarize(withCallback.response);
    const afterAnswer = summarize(withCallback.afterAnswer);
    const afterPost = summarize(withCallback.afterPost);
    const line = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)}`;
    report('floor: intake POST → 201, auto, no callback p50 / p99', line(floorS));
    report('with callback: intake POST → 201 p50 / p99', line(response));
    report('with callback: POST → manager originate p50 / p99', line(afterPost));
    report('intake 201 → manager originate p50', ms(afterAnswer.p50));
    report('intake 201 → manager originate p99', ms(afterAnswer.p99), { text: '≤50 ms', pass: afterAnswer.p99 <= 50 });
    report('leads without a ring', `${withCallback.missing} of ${withCallback.response.length}`, { text: '0', pass: withCallback.missing === 0 });
    report('intake requests without a 201', String(failed));
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
    report('CPU per lead (server + fake + load), floor / with callback', `${ms(avg(cpuFloor))} / ${ms(avg(cpuCallback))}`);
    if (process.env.BENCH_CALLBACK_QUERIES) for (const [q, n] of [...queries].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${n}\t${q}`);
    console.log(`  attempts by outcome: ${outcomes.map((o) => `${o.outcome ?? 'open'} ×${o.n}`).join(', ')}`);
    console.log(`  results: ${writeResults('callback', { rate, seconds, floor: floorS, response, afterAnswer, afterPost, missing: withCallback.missing, failed, outcomes, cpuMsPerLead: { floor: avg(cpuFloor), callback: avg(cpuCallback) } })}`);
  } finally {
    for (const s of sockets) s.close();
    agent.destroy();
    await server.dispose();
    await fake.close();
  }
}

import { performance } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { Pool } from 'undici';
import { summarize, type Summary } from './lib.js';

/**
 * The load side of the intake benchmark, in its own process (its own CPU core): a website posting requests and
 * a curator's browser tab listening for `lead:created`. Driven over IPC by bench/intake.ts.
 */

export type LoadPhase =
  | { kind: 'closed'; name: string; n: number; concurrency: number; phonePrefix: string }
  | { kind: 'open'; name: string; ratePerSec: number; durationSec: number; phonePrefix: string };

export interface PhaseResult {
  name: string;
  sent: number;
  created: number;
  failed: number;
  failures: string[];
  elapsedMs: number;
  throughputPerSec: number;
  response: Summary;
  notice: Summary;
  noticesMissing: number;
  /** This process's own CPU per request: near 1 core at full speed means the load side, not Leadline, is the limit. */
  loadCpuMsPerRequest: number;
}

export type ToLoad = { cmd: 'connect'; baseUrl: string; cookie: string; siteKey: string } | { cmd: 'run'; phase: LoadPhase } | { cmd: 'exit' };
export type FromLoad = { ok: 'connected' } | { ok: 'phase'; result: PhaseResult } | { error: string };

let socket: Socket | undefined;
let baseUrl = '';
let siteKey = '';
/** E.164 phone → when its lead:created reached the curator's socket. */
const noticeAt = new Map<string, number>();
const noticeWaiters = new Map<string, () => void>();

function send(msg: FromLoad): void {
  process.send!(msg);
}

async function connect(url: string, cookie: string): Promise<void> {
  baseUrl = url;
  socket = ioClient(url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  socket.on('lead:created', (p: { lead: { client: { phone: string | null } } }) => {
    const phone = p.lead.client.phone;
    if (!phone) return;
    noticeAt.set(phone, performance.now());
    noticeWaiters.get(phone)?.();
  });
  await new Promise<void>((resolve, reject) => {
    socket!.once('connect', () => resolve());
    socket!.once('connect_error', reject);
  });
}

/** `8 (916) 000-01-23`, as people type it into site forms; Leadline stores `+79160000123`. */
function phoneFor(prefix: string, i: number): { typed: string; e164: string } {
  const d = String(i).padStart(7, '0');
  return { typed: `8 (${prefix}) ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`, e164: `+7${prefix}${d}` };
}

async function runPhase(phase: LoadPhase): Promise<PhaseResult> {
  // undici's pool: about half the CPU per request of node:http's client, so this side stays out of the server's way.
  const pool = new Pool(baseUrl, { connections: phase.kind === 'closed' ? phase.concurrency : 256 });
  const sentAt = new Map<string, number>();
  const responseMs: number[] = [];
  const failures: string[] = [];
  let created = 0;
  let lastResponseAt = 0;

  async function post(i: number): Promise<void> {
    const { typed, e164 } = phoneFor(phase.phonePrefix, i);
    const body = {
      name: `Bench Client ${phase.phonePrefix}-${i}`,
      phone: typed,
      email: `client${i}.${phase.phonePrefix}@bench.example`,
      service: 'Office cleaning',
      comment: 'Please call me back in the afternoon',
      pageUrl: 'https://shop.example/services/cleaning',
      utm_source: 'bench',
    };
    const t0 = performance.now();
    sentAt.set(e164, t0);
    try {
      const res = await pool.request({
        path: '/api/intake',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-site-key': siteKey },
        body: JSON.stringify(body),
      });
      const text = await res.body.text();
      const t1 = performance.now();
      lastResponseAt = t1;
      responseMs.push(t1 - t0);
      if (res.statusCode === 201) created++;
      else if (failures.length < 5) failures.push(`${res.statusCode} ${text.slice(0, 200)}`);
      else failures.push('');
    } catch (err) {
      failures.push(String(err));
    }
  }

  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let sent: number;
  if (phase.kind === 'closed') {
    let next = 0;
    await Promise.all(
      Array.from({ length: phase.concurrency }, async () => {
        while (next < phase.n) await post(next++);
      }),
    );
    sent = phase.n;
  } else {
    // Open loop: requests leave on schedule whether or not earlier ones have been answered.
    const total = Math.round(phase.ratePerSec * phase.durationSec);
    const interval = 1000 / phase.ratePerSec;
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inflight.push(post(i));
    }
    await Promise.all(inflight);
    sent = total;
  }
  const elapsedMs = lastResponseAt - start;
  const cpu = process.cpuUsage(cpu0);

  // Every created lead must reach the curator: wait (up to 10 s) for stragglers.
  const missing = () => [...sentAt.keys()].filter((p) => !noticeAt.has(p));
  const deadline = performance.now() + 10_000;
  while (missing().length && performance.now() < deadline) {
    await Promise.race([
      new Promise<void>((r) => {
        for (const p of missing().slice(0, 1)) noticeWaiters.set(p, r);
      }),
      new Promise((r) => setTimeout(r, 200)),
    ]);
  }
  const noticeMs = [...sentAt].filter(([p]) => noticeAt.has(p)).map(([p, t0]) => noticeAt.get(p)! - t0);
  await pool.close();
  return {
    name: phase.name,
    sent,
    created,
    failed: failures.length,
    failures: failures.filter(Boolean),
    elapsedMs,
    throughputPerSec: (created / elapsedMs) * 1000,
    response: summarize(responseMs),
    notice: summarize(noticeMs),
    noticesMissing: missing().length,
    loadCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, sent),
  };
}

process.on('message', (msg: ToLoad) => {
  void (async () => {
    try {
      if (msg.cmd === 'connect') {
        siteKey = msg.siteKey;
        await connect(msg.baseUrl, msg.cookie);
        send({ ok: 'connected' });
      } else if (msg.cmd === 'run') {
        send({ ok: 'phase', result: await runPhase(msg.phase) });
      } else {
        socket?.close();
        process.exit(0);
      }
    } catch (err) {
      send({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  })();
});

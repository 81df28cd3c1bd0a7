import { fork, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FromLoad, LoadPhase, PhaseResult, ToLoad } from './intake-load.js';
import { heading, insertDepartment, insertPerson, insertSite, login, ms, report, startBenchServer, writeResults } from './lib.js';

/**
 * Intake: websites post requests to a real Leadline (SQLite, production settings); a curator's tab waits for
 * each `lead:created`. Reports throughput and the intake → curator-notice latency, both flat out (32 posts in
 * flight) and at a moderate steady rate (where p99 is the notice latency itself, not queueing).
 * Targets (issue 3): ≥ 2,000 leads/s and p99 ≤ 50 ms on a 2-core machine.
 */

export interface IntakeBenchOptions {
  n?: number;
  concurrency?: number;
  ratePerSec?: number;
  durationSec?: number;
  warmup?: number;
  /** Called with the running server before any load: lets a profiling run try a change in place. */
  tweak?: (server: Awaited<ReturnType<typeof startBenchServer>>) => Promise<void>;
}

interface ServerSide {
  cpuMsPerLead: number;
  /** The kernel's part (loopback TCP, file writes). */
  cpuSystemMsPerLead: number;
  eventLoopDelayP99Ms: number;
}

export async function runIntakeBench(opts: IntakeBenchOptions = {}): Promise<Record<string, unknown>> {
  const n = opts.n ?? 5000;
  const concurrency = opts.concurrency ?? 32;
  const ratePerSec = opts.ratePerSec ?? 200;
  const durationSec = opts.durationSec ?? 10;
  const warmup = opts.warmup ?? 3000;

  heading(`intake: ${n} site requests, ${concurrency} in flight; then ${ratePerSec}/s for ${durationSec} s`);
  const server = await startBenchServer();
  let child: ChildProcess | undefined;
  try {
    const db = server.deps.db;
    const departmentId = await insertDepartment(db, 'Sales', ['4951234567']);
    const curator = await insertPerson(db, { name: 'Bench Curator', email: 'curator@bench.local', role: 'curator', departmentId });
    const site = await insertSite(db, 'shop.example', departmentId);
    const cookie = await login(server.url, curator);
    await opts.tweak?.(server);

    child = fork(new URL('./intake-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const ask = (msg: ToLoad) =>
      new Promise<FromLoad>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load process exited (${code})`));
        child!.once('exit', onExit);
        child!.once('message', (m: FromLoad) => {
          child!.off('exit', onExit);
          if ('error' in m) reject(new Error(m.error));
          else resolve(m);
        });
        child!.send(msg);
      });
    await ask({ cmd: 'connect', baseUrl: server.url, cookie, siteKey: site.key });

    const runPhase = async (phase: LoadPhase): Promise<PhaseResult & ServerSide> => {
      const loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      const cpu0 = process.cpuUsage();
      const m = await ask({ cmd: 'run', phase });
      const cpu = process.cpuUsage(cpu0);
      loop.disable();
      if (!('ok' in m) || m.ok !== 'phase') throw new Error('unexpected answer from the load process');
      const r = m.result;
      const perLead = (micros: number) => micros / 1000 / Math.max(1, r.created);
      return { ...r, cpuMsPerLead: perLead(cpu.user + cpu.system), cpuSystemMsPerLead: perLead(cpu.system), eventLoopDelayP99Ms: loop.percentile(99) / 1e6 };
    };

    await runPhase({ kind: 'closed', name: 'warm-up', n: warmup, concurrency, phonePrefix: '915' });
    const flat = await runPhase({ kind: 'closed', name: 'flat out', n, concurrency, phonePrefix: '916' });
    const steady = await runPhase({ kind: 'open', name: `steady ${ratePerSec}/s`, ratePerSec, durationSec, phonePrefix: '926' });
    await ask({ cmd: 'exit' }).catch(() => undefined);

    for (const r of [flat, steady]) {
      console.log(`  -- ${r.name}: ${r.created}/${r.sent} created (201), ${r.failed} failed, ${r.noticesMissing} notices missing`);
      for (const f of r.failures.slice(0, 3)) console.log(`     failure: ${f}`);
    }
    report('throughput, flat out (leads/s)', flat.throughputPerSec.toFixed(0), { text: '>= 2000/s', pass: flat.throughputPerSec >= 2000 });
    report('POST /api/intake response p50 / p99, flat out', `${ms(flat.response.p50)} / ${ms(flat.response.p99)}`);
    report('intake -> curator notice p50, flat out', ms(flat.notice.p50));
    report('intake -> curator notice p99, flat out', ms(flat.notice.p99), { text: '<= 50 ms', pass: flat.notice.p99 <= 50 });
    report(`intake -> curator notice p50, steady ${ratePerSec}/s`, ms(steady.notice.p50));
    report(`intake -> curator notice p99, steady ${ratePerSec}/s`, ms(steady.notice.p99), { text: '<= 50 ms', pass: steady.notice.p99 <= 50 });
    report(`POST /api/intake response p99, steady ${ratePerSec}/s`, ms(steady.response.p99));
    report('server CPU per lead, flat out (of it in the kernel)', `${ms(flat.cpuMsPerLead)} (${ms(flat.cpuSystemMsPerLead)})`);
    report('=> leads/s one core could take at that cost', (1000 / flat.cpuMsPerLead).toFixed(0));
    report('server event-loop delay p99, flat out', ms(flat.eventLoopDelayP99Ms));
    report('load process CPU per request, flat out (its own core)', ms(flat.loadCpuMsPerRequest));
    const allNoticed = flat.noticesMissing === 0 && steady.noticesMissing === 0 && flat.failed === 0 && steady.failed === 0;
    report('every request created and noticed', allNoticed ? 'yes' : 'NO', { text: 'all', pass: allNoticed });

    const results = { database: 'sqlite', n, concurrency, ratePerSec, durationSec, flat, steady };
    console.log(`  results: ${writeResults('intake', results)}`);
    return results;
  } finally {
    if (child && child.exitCode === null) child.kill();
    await server.dispose();
  }
}

import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { loadConfig, type Config } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startServer, type RunningServer } from '../server/server.js';
import { toDbTime, type Db } from '../server/db/knex.js';
import { hashPassword, randomToken, sha256 } from '../server/lib/password.js';
import { departmentNumbers } from '../server/modules/departments/department-number.js';

/** Shared by the benchmarks: a real Leadline on a fresh SQLite, seeding, an HTTP client, statistics, output. */

export const benchDir = path.dirname(fileURLToPath(import.meta.url));

export interface BenchServer extends RunningServer {
  config: Config;
  dataDir: string;
  dispose(): Promise<void>;
}

/**
 * Leadline as it runs in production (NODE_ENV=production, SQLite under a fresh data dir, or `keepDataDir`, which
 * outlives it), quiet, no jobs.
 */
export async function startBenchServer(env: Record<string, string> = {}, keepDataDir?: string): Promise<BenchServer> {
  const dataDir = keepDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-bench-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LEADLINE_ADMIN_EMAIL: 'director@bench.local',
    LEADLINE_ADMIN_PASSWORD: 'director-bench-1',
    LOG_LEVEL: 'silent',
    INTAKE_RATE_PER_MINUTE: '100000000',
    LOGIN_RATE_PER_MINUTE: '100000',
    ...env,
  });
  const running = await startServer(config, { log: createLogger(config.logLevel), jobs: false });
  return {
    ...running,
    config,
    dataDir,
    async dispose() {
      await running.close();
      if (!keepDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Person {
  id: number;
  email: string;
  password: string;
}

export async function insertDepartment(db: Db, name: string, numbers: string[]): Promise<number> {
  const now = toDbTime();
  const [id] = await db('departments').insert({ name, created_at: now, updated_at: now });
  if (numbers.length) await db('department_numbers').insert(departmentNumbers(numbers, 'RU').map((number) => ({ number, department_id: Number(id) })));
  return Number(id);
}

const benchPasswordHash = new Map<string, Promise<string>>();

export async function insertPerson(
  db: Db,
  p: { name: string; email: string; role: 'director' | 'curator' | 'manager' | 'assistant'; departmentId: number | null; assistsUserId?: number },
): Promise<Person> {
  const password = `${p.role}-bench-1`;
  // scrypt is deliberately slow: hash each role's password once.
  if (!benchPasswordHash.has(password)) benchPasswordHash.set(password, hashPassword(password));
  const now = toDbTime();
  const [id] = await db('users').insert({
    name: p.name,
    email: p.email,
    password_hash: await benchPasswordHash.get(password)!,
    role: p.role,
    department_id: p.departmentId,
    assists_user_id: p.assistsUserId ?? null,
    presence: 'available',
    active: true,
    created_at: now,
    updated_at: now,
  });
  return { id: Number(id), email: p.email, password };
}

/** A site as POST /api/sites makes it: only the key's hash is stored. */
export async function insertSite(db: Db, name: string, departmentId: number): Promise<{ id: number; key: string }> {
  const key = `site_${randomToken(24)}`;
  const [id] = await db('sites').insert({
    name,
    department_id: departmentId,
    key_hash: sha256(key),
    key_prefix: key.slice(0, 12),
    allowed_origins: '[]',
    active: true,
    created_at: toDbTime(),
  });
  return { id: Number(id), key };
}

// ---- HTTP ------------------------------------------------------------------------------------------------

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** node:http over a keep-alive agent: cheaper per request than fetch, so the client measures the server. */
export function request(agent: http.Agent, baseUrl: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const target = new URL(url, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** POST /api/auth/login → the session cookie (`leadline_session=…`). */
export async function login(baseUrl: string, who: { email: string; password: string }): Promise<string> {
  const agent = new http.Agent({ keepAlive: false });
  const res = await request(agent, baseUrl, 'POST', '/api/auth/login', { email: who.email, password: who.password });
  agent.destroy();
  const setCookie = res.headers['set-cookie']?.[0];
  if (res.status !== 200 || !setCookie) throw new Error(`login as ${who.email} failed: ${res.status} ${res.body}`);
  return setCookie.split(';')[0];
}

// ---- Statistics and output ---------------------------------------------------------------------------------

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return { n: sorted.length, mean, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? NaN };
}

/** Times `repeats` sequential runs of `run` (milliseconds each, one clock) and summarizes them. */
export async function timeRepeats(repeats: number, run: () => Promise<unknown>): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return summarize(times);
}

export const ms = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 1)} ms` : 'n/a');

/** `  label ........ value   target  PASS` */
export function report(label: string, value: string, target?: { text: string; pass: boolean }): void {
  const left = `  ${label} `.padEnd(62, '.');
  const right = ` ${value}`.padEnd(22);
  console.log(target ? `${left}${right} target ${target.text.padEnd(10)} ${target.pass ? 'PASS' : 'MISS'}` : `${left}${right}`);
}

/** Other work on the machine steals CPU from the benchmark: measure how idle it is for a second and say so. */
export async function machineBusyNote(): Promise<string | null> {
  const idleOf = () => os.cpus().reduce((acc, c) => ({ idle: acc.idle + c.times.idle, total: acc.total + Object.values(c.times).reduce((a, b) => a + b, 0) }), { idle: 0, total: 0 });
  const a = idleOf();
  await sleep(1000);
  const b = idleOf();
  const busy = 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
  return busy > 0.15 ? `note: other processes keep the CPUs ${(busy * 100).toFixed(0)}% busy right now: the numbers below are pessimistic` : null;
}

export function heading(text: string): void {
  console.log(`\n== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);
}

/** bench/results/<name>-<time>.json (git-ignored) and bench/results/<name>-latest.json. */
export function writeResults(name: string, data: unknown): string {
  const dir = path.join(benchDir, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const body = JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...((data as object) ?? {}) }, null, 2);
  const file = path.join(dir, `${name}-${stamp}.json`);
  fs.writeFileSync(file, body);
  fs.writeFileSync(path.join(dir, `${name}-latest.json`), body);
  return path.relative(process.cwd(), file);
}

export function machine(): { cpus: number; cpu: string; node: string; memoryGb: number; loadAverage: number[] } {
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg() };
}

export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));

/** The InnoDB buffer pool the MariaDB/MySQL benches run with, in bytes. */
export const BENCH_BUFFER_POOL = 2 * 2 ** 30;

/**
 * MariaDB/MySQL's default buffer pool (128 MB) holds a small part of a million leads' indexes (about 1 GB for the
 * lead list with its search index): a production server of that size is given a pool that fits them. Raised to
 * BENCH_BUFFER_POOL for the run (`set global`, which needs the privilege; without it the numbers are the server's
 * as configured) and printed either way; `restore` puts the size it had back.
 */
export async function raiseBufferPool(url: string): Promise<{ restore(): Promise<void> } | null> {
  const admin = knexFactory({ client: 'mysql2', connection: url.replace(/\/[^/]*$/, '/') });
  try {
    const [[row]] = (await admin.raw('select @@innodb_buffer_pool_size as size')) as [{ size: number }[]];
    const before = Number(row!.size);
    if (before >= BENCH_BUFFER_POOL) {
      console.log(`  innodb_buffer_pool_size ${before / 2 ** 20} MB (as configured)`);
      return null;
    }
    await admin.raw(`set global innodb_buffer_pool_size = ${BENCH_BUFFER_POOL}`);
    console.log(`  innodb_buffer_pool_size ${before / 2 ** 20} MB → ${BENCH_BUFFER_POOL / 2 ** 20} MB for the run`);
    return {
      // The server is shared: a resize it refuses (another run resizing it) is reported, not a failed bench.
      async restore() {
        const a = knexFactory({ client: 'mysql2', connection: url.replace(/\/[^/]*$/, '/') });
        await a
          .raw(`set global innodb_buffer_pool_size = ${before}`)
          .catch((e: Error) => console.log(`  innodb_buffer_pool_size not put back to ${before / 2 ** 20} MB (${e.message})`))
          .finally(() => a.destroy());
      },
    };
  } catch (e) {
    console.log(`  innodb_buffer_pool_size left as it is (${(e as Error).message})`);
    return null;
  } finally {
    await admin.destroy();
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import knexFactory from 'knex';
import { io as ioClient, type Socket } from 'socket.io-client';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { toDbTime } from '../../server/db/knex.js';
import { hashPassword } from '../../server/lib/password.js';

export const ADMIN = { email: 'director@test.local', password: 'director-pass-1' };

/** Which database the suite runs on: SQLite by default, MariaDB/MySQL when TEST_DATABASE_URL is set. */
export const databaseKind = process.env.TEST_DATABASE_URL ? 'mysql' : 'sqlite';

export interface TestServer extends RunningServer {
  config: Config;
  dispose(): Promise<void>;
}

/** A real Leadline on a random port with a fresh, migrated database of its own. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-test-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const base = process.env.TEST_DATABASE_URL.replace(/\/[^/]*$/, '');
    const name = `leadline_test_${crypto.randomBytes(5).toString('hex')}`;
    const admin = knexFactory({ client: 'mysql2', connection: `${base}/` });
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.destroy();
    databaseUrl = `${base}/${name}`;
    dropDatabase = async () => {
      const a = knexFactory({ client: 'mysql2', connection: `${base}/` });
      await a.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.destroy();
    };
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LEADLINE_ADMIN_EMAIL: ADMIN.email,
    LEADLINE_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    // The suite logs in hundreds of times: a cheaper scrypt than production's (login.test.ts checks production's).
    PASSWORD_SCRYPT_N: '16384',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const running = await startServer(config, { log: createLogger(config.logLevel) });
  return {
    ...running,
    config,
    async dispose() {
      await running.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A logged-in (or anonymous) HTTP client that keeps its session cookie, like one browser. */
export class Client {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    if (body instanceof FormData || typeof body === 'string') {
      init.body = body;
    } else if (body !== undefined) {
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + url, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', url, body, headers);
  }
  patch<T = any>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async login(email: string, password: string): Promise<this> {
    const res = await this.post('/api/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return this;
  }

  /** A socket.io connection authenticated by this client's cookie, collecting every event it receives. */
  async connectSocket(): Promise<LiveSocket> {
    const socket = ioClient(this.baseUrl, { transports: ['websocket'], extraHeaders: { cookie: this.cookie }, reconnection: false });
    const live = new LiveSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return live;
  }
}

export class LiveSocket {
  readonly events: { event: string; payload: any }[] = [];
  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => this.events.push({ event, payload }));
  }
  /** Resolves with the first event (already received or coming) that matches. */
  waitFor(event: string, match: (payload: any) => boolean = () => true, timeoutMs = 5000): Promise<any> {
    const found = this.events.find((e) => e.event === event && match(e.payload));
    if (found) return Promise.resolve(found.payload);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off(event, handler);
        reject(new Error(`no ${event} within ${timeoutMs} ms; got ${this.events.map((e) => e.event).join(', ') || 'nothing'}`));
      }, timeoutMs);
      const handler = (payload: unknown) => {
        if (!match(payload)) return;
        clearTimeout(timer);
        this.socket.off(event, handler);
        resolve(payload);
      };
      this.socket.on(event, handler);
    });
  }
  named(event: string): any[] {
    return this.events.filter((e) => e.event === event).map((e) => e.payload);
  }
  close(): void {
    this.socket.close();
  }
}

/** One hash per test password: hashing at production cost for every inserted user would dominate the suite. */
const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => hashes.get(password) ?? (hashes.set(password, hashPassword(password)), hashes.get(password)!);

/** Inserts a user straight into the database (fast set-up for tests that are not about user management). */
export async function insertUser(
  server: TestServer,
  u: { name: string; email: string; password?: string; role: string; departmentId?: number | null; assistsUserId?: number | null; endpoint?: string | null; mobile?: string | null },
): Promise<{ id: number; email: string; password: string }> {
  const password = u.password ?? `${u.role}-pass-1`;
  const now = toDbTime();
  const [id] = await server.deps.db('users').insert({
    name: u.name,
    email: u.email,
    password_hash: await hashOnce(password),
    role: u.role,
    department_id: u.departmentId ?? null,
    assists_user_id: u.assistsUserId ?? null,
    endpoint: u.endpoint ?? null,
    mobile: u.mobile ?? null,
    presence: 'available',
    active: true,
    created_at: now,
    updated_at: now,
  });
  return { id: Number(id), email: u.email, password };
}

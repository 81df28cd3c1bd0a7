import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import knexFactory from 'knex';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import { Client, ADMIN } from '../../test/helpers/server.js';
import { insertDepartment, insertSite } from '../../test/helpers/factories.js';
import { httpErrorOf } from './error-handler.js';

/** A TCP door in front of MariaDB that the test can shut (the database "goes down") and open again. */
class DatabaseDoor {
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}
  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as net.AddressInfo).port;
  }
  async shut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

const mysqlUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!mysqlUrl)('the database goes down (mysql)', () => {
  const lines: { level: number; msg: string }[] = [];
  let door: DatabaseDoor;
  let running: RunningServer;
  let dropDatabase: () => Promise<void>;
  let siteKey: string;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-down-'));

  beforeAll(async () => {
    const url = new URL(mysqlUrl!);
    const name = `leadline_test_${crypto.randomBytes(5).toString('hex')}`;
    const admin = knexFactory({ client: 'mysql2', connection: `${mysqlUrl!.replace(/\/[^/]*$/, '')}/` });
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    dropDatabase = async () => {
      await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    };
    door = new DatabaseDoor({ host: url.hostname, port: Number(url.port || 3306) });
    await door.open();
    const config = loadConfig({
      NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir,
      LEADLINE_ADMIN_EMAIL: ADMIN.email, LEADLINE_ADMIN_PASSWORD: ADMIN.password, LOGIN_RATE_PER_MINUTE: '1000',
      DATABASE_URL: `mysql://${url.username}:${url.password}@127.0.0.1:${door.port}/${name}`,
    });
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    running = await startServer(config, { log, jobs: false });
    const fake = { deps: running.deps } as Parameters<typeof insertDepartment>[0];
    siteKey = (await insertSite(fake, { departmentId: (await insertDepartment(fake)).id })).key;
  });
  afterAll(async () => {
    await running?.close();
    await dropDatabase?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After and an honest message, logs it once, and works again when it is back', async () => {
    const anon = new Client(running.url);
    const before = await anon.post('/api/intake', { phone: '+7 915 000 00 01' }, { 'x-site-key': siteKey });
    expect(before.status).toBe(201);
    await door.shut();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const intake = await anon.post('/api/intake', { phone: `+7 915 000 00 ${10 + i}`, comment: `try ${i}` }, { 'x-site-key': siteKey });
      const login = await anon.post('/api/auth/login', { email: ADMIN.email, password: ADMIN.password });
      statuses.push(intake.status, login.status);
      if (i === 0) {
        expect(intake.headers.get('retry-after')).toBe('5');
        expect(intake.body.error).toMatchObject({ code: 'database_unavailable' });
        expect(intake.body.error.message).toMatch(/ничего не сохранено/);
        expect(login.headers.get('retry-after')).toBe('5');
      }
    }
    expect(new Set(statuses)).toEqual(new Set([503]));
    expect(lines.filter((l) => l.level >= 50)).toHaveLength(1);
    await door.open();
    const after = await anon.post('/api/intake', { phone: '+7 915 000 00 02' }, { 'x-site-key': siteKey });
    expect(after.status).toBe(201);
  });
});

describe('database errors as answers', () => {
  it('a database that cannot be reached is a 503, a constraint or a bug is not', () => {
    for (const err of [Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), Object.assign(new Error('io'), { code: 'SQLITE_IOERR_WRITE' }), Object.assign(new Error('t'), { name: 'KnexTimeoutError' })]) {
      expect(httpErrorOf(err, 'en')).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
    }
    expect(httpErrorOf(Object.assign(new Error('dup'), { code: 'ER_DUP_ENTRY' }), 'en')).toBeNull();
    expect(httpErrorOf(new TypeError('x is undefined'), 'en')).toBeNull();
  });
});

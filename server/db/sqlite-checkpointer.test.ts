import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { toDbTime } from './knex.js';

describe.skipIf(databaseKind !== 'sqlite')('SQLite checkpoints off the event loop', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  it('folds committed writes into the database file from a worker, with no checkpoint on the serving connection', async () => {
    const db = server.deps.db;
    const [{ wal_autocheckpoint: auto }] = (await db.raw('pragma wal_autocheckpoint')) as { wal_autocheckpoint: number }[];
    expect(auto).toBe(0);
    const file = (server.config.database as { filename: string }).filename;
    const before = fs.statSync(file).size;
    const now = toDbTime();
    const rows = Array.from({ length: 2000 }, (_, i) => ({ full_name: `Client ${i}`, search_text: 'x'.repeat(900), version: 1, created_at: now, updated_at: now }));
    for (let i = 0; i < rows.length; i += 200) await db('clients').insert(rows.slice(i, i + 200));
    // Only a checkpoint writes the main file; the serving connection no longer makes them.
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size < before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 1_000_000);
  });
});

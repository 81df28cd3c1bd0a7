import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from '../../test/helpers/server.js';
import { releaseLease, takeLease } from './lease.js';
import { runLeased, type JobDefinition } from './registry.js';

describe(`job leases (${databaseKind})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.dispose());

  it('lets exactly one of many instances racing for a job hold it', async () => {
    const holders = Array.from({ length: 12 }, (_, i) => `instance-${i}`);
    const won = await Promise.all(holders.map((h) => takeLease(server.deps.db, 'race', h, 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('keeps a lease from others until it expires or its holder gives it back', async () => {
    const db = server.deps.db;
    const t0 = new Date('2026-12-01T10:00:00.000Z');
    expect(await takeLease(db, 'guard', 'a', 30_000, t0)).toBe(true);
    expect(await takeLease(db, 'guard', 'b', 30_000, new Date(t0.getTime() + 10_000))).toBe(false);
    expect(await takeLease(db, 'guard', 'a', 30_000, new Date(t0.getTime() + 10_000))).toBe(true); // its holder renews it
    expect(await takeLease(db, 'guard', 'b', 30_000, new Date(t0.getTime() + 41_000))).toBe(true); // a died: expired
    await releaseLease(db, 'guard', 'a', new Date(t0.getTime() + 41_000)); // not a's any more: nothing happens
    expect(await takeLease(db, 'guard', 'a', 30_000, new Date(t0.getTime() + 42_000))).toBe(false);
  });

  it('runs a job only on the instance that holds its lease, and frees it when the run ends', async () => {
    let runs = 0;
    let release!: () => void;
    const job: JobDefinition = { name: 'slow', schedule: '* * * * * *', run: () => new Promise<void>((r) => ((runs += 1), (release = r))) };
    const first = runLeased(server.deps, job, new Date(), 'one');
    await new Promise((r) => setTimeout(r, 50));
    expect(await runLeased(server.deps, job, new Date(), 'two')).toBe(false); // the first one still runs
    release();
    expect(await first).toBe(true);
    const second = runLeased(server.deps, job, new Date(), 'two');
    await new Promise((r) => setTimeout(r, 50));
    release();
    expect(await second).toBe(true);
    expect(runs).toBe(2);
  });
});

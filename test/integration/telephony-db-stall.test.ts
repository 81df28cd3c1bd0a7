import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/knex.js';
import { databaseKind } from '../helpers/server.js';
import { DNIS, callRow, insertClientWithLead, legsOfCall, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';

/**
 * Freezes the database as a stalled MariaDB does: every query through the pool waits until `release()`.
 * (Works by holding back knex's connection acquisition, so transactions and plain reads alike wait.)
 */
function stallDatabase(db: Db): { release(): void } {
  const client = db.client as { acquireConnection(): Promise<unknown> };
  const original = client.acquireConnection;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  client.acquireConnection = async function (this: unknown) {
    await gate;
    return original.call(this);
  };
  return {
    release() {
      client.acquireConnection = original;
      release();
    },
  };
}

/** ms from the caller's StasisStart to the first agent dial the fake received. */
async function firstDialAfter(w: TelephonyWorld, callerChannel: string, since: number): Promise<number> {
  let at = 0;
  await until(
    () => {
      const create = w.fake.requests.find((r) => r.path === '/channels/create' && r.query.originator === callerChannel);
      const dial = create && w.fake.requests.find((r) => r.path === `/channels/${create.query.channelId}/dial`);
      at = dial?.at ?? 0;
      return at > 0;
    },
    5000,
    'the first dial',
  );
  return at - since;
}

/**
 * Places calls until one rings the ring group, then hangs it up: Leadline has read the department and its group.
 * (On a loaded machine the very first, cold lookup may miss the 150 ms deadline itself and go to the fallback.)
 */
async function teachDepartment(w: TelephonyWorld): Promise<void> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const rang = () => w.colleague.socket.named('call:ringing').length;
    const before = rang();
    const earlier = w.fake.placeInbound({ from: '+79005550011', to: DNIS });
    const fellBack = () => w.fake.requests.some((r) => r.path === `/channels/${earlier}/continue`);
    await until(() => rang() > before || fellBack(), 5000, 'the earlier call routed');
    if (rang() > before) {
      w.fake.hangupFromPhone(earlier);
      await w.colleague.socket.waitFor('call:ended');
      return;
    }
    w.fake.hangupFromPhone(earlier);
  }
  throw new Error('the department was never read within the routing deadline');
}

describe(`the database stalls while a call comes in (${databaseKind})`, () => {
  let w: TelephonyWorld;
  let stall: { release(): void } | undefined;
  afterEach(async () => {
    stall?.release(); // a failed test must not leave the database frozen under the teardown
    await w?.dispose();
  });

  it('rings within the routing deadline on what it last knew, and writes the whole call record once the database is back', async () => {
    w = await telephonyWorld({ env: { ROUTING_DEADLINE_MS: '150' } });
    await w.server.deps.db('departments').where('id', w.department.id).update({ ring_timeout_sec: 3000 }); // nobody rings out meanwhile (60 s of the test's time)
    await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    // An earlier call taught it the department and its ring group; they are more than 2 s old when the stall comes.
    await teachDepartment(w);
    await new Promise((r) => setTimeout(r, 2100));

    stall = stallDatabase(w.server.deps.db);
    const started = Date.now();
    const caller = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const dialMs = await firstDialAfter(w, caller, started);
    expect(dialMs).toBeLessThan(600); // the routing deadline (150 ms) and the agent leg's own round trips
    await new Promise((r) => setTimeout(r, 3000 - (Date.now() - started)));
    const probe = w.server.deps.db.raw('select 1').then(() => 'answered');
    expect(await Promise.race([probe, new Promise((r) => setTimeout(() => r('stalled'), 50))])).toBe('stalled');
    stall.release();
    await probe;

    // The bookkeeping catches up: the call row, its legs, and its end.
    await until(async () => Boolean(await w.server.deps.db('calls').where('channel_id', caller).first()), 5000, 'call row written');
    const row = await w.server.deps.db('calls').where('channel_id', caller).first();
    await until(async () => (await legsOfCall(w.server, row.id)).length > 0, 3000, 'legs written');
    w.fake.hangupFromPhone(caller);
    await until(async () => (await callRow(w.server, row.id)).status === 'ended', 3000, 'call closed');
    expect((await callRow(w.server, row.id)).disposition).toBe('abandoned');
  });

  it('hands a call for a number it never looked up to the dialplan fallback within the routing deadline', async () => {
    w = await telephonyWorld({ env: { ROUTING_DEADLINE_MS: '150' } });
    stall = stallDatabase(w.server.deps.db);
    const started = Date.now();
    const caller = w.fake.placeInbound({ from: CALLER, to: DNIS });
    await until(() => w.fake.requests.some((r) => r.path === `/channels/${caller}/continue`), 3000, 'fallback');
    expect(w.fake.requests.find((r) => r.path === `/channels/${caller}/continue`)!.at - started).toBeLessThan(600);
    stall.release();
  });
});

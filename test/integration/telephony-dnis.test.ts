import { afterEach, describe, expect, it } from 'vitest';
import { databaseKind } from '../helpers/server.js';
import * as e164Migration from '../../migrations/20261201000201_department_numbers_e164.js';
import { telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

/** How people type a department's number (`n` = the 10-digit national number). */
const TYPED: [string, (n: string) => string][] = [
  ['+7…', (n) => `+7${n}`],
  ['7…', (n) => `7${n}`],
  ['8…', (n) => `8${n}`],
  ['10 digits', (n) => n],
  ['8 (495) 123-45-67', (n) => `8 (${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`],
  ['+7 495 123 45 67', (n) => `+7 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}`],
];

/** How trunks send the dialled number (dnis-formats trace), and a trunk that puts `+` before the national number. */
const DIALLED: [string, (n: string) => string][] = [
  ['10 digits', (n) => n],
  ['7…', (n) => `7${n}`],
  ['+7…', (n) => `+7${n}`],
  ['8…', (n) => `8${n}`],
  ["trunk's + on 10 digits", (n) => `+${n}`],
];

describe(`a dialled number in any format reaches its department (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it('stores department numbers in E.164 and routes every DNIS format to every way the number was typed', async () => {
    // About number formats, not the deadline: a cold lookup on a loaded MariaDB must not read as a wrong format.
    w = await telephonyWorld({ chain: 'ring_group', env: { ROUTING_DEADLINE_MS: '5000' } });
    const failures: string[] = [];
    for (const [t, [typedAs, type]] of TYPED.entries()) {
      // A number of its own per typing: the department lookup's 2 s memory must not answer for the previous one.
      const national = `49512345${String(t).padStart(2, '0')}`;
      const saved = await w.director.patch(`/api/departments/${w.department.id}`, { phoneNumbers: [type(national)] });
      expect(saved.status).toBe(200);
      expect(saved.body.department.phoneNumbers).toEqual([`+7${national}`]);
      for (const [sentAs, send] of DIALLED) {
        const caller = w.fake.placeInbound({ from: '+79001234567', to: send(national) });
        await until(
          () => w.fake.requests.some((r) => (r.path === '/channels/create' && r.query.originator === caller) || r.path === `/channels/${caller}/continue`),
          3000,
          `routing of ${sentAs}`,
        );
        if (w.fake.requests.some((r) => r.path === `/channels/${caller}/continue`)) failures.push(`typed ${typedAs}, dialled ${sentAs}`);
        w.fake.hangupFromPhone(caller);
        await until(async () => (await w.server.deps.db('calls').where('channel_id', caller).first())?.status === 'ended' || failures.length > 0, 3000, 'call ended');
      }
    }
    expect(failures).toEqual([]);
    // A number nobody has still goes back to the dialplan.
    const stranger = w.fake.placeInbound({ from: '+79001234567', to: '+74990000000' });
    await until(() => w.fake.requests.some((r) => r.path === `/channels/${stranger}/continue`), 3000, 'fallback');
  }, 60_000); // 4 typings × 5 dialled forms, each call routed and ended: long on a loaded MariaDB

  it('turns the numbers already stored as digits into E.164, one row per number', async () => {
    w = await telephonyWorld();
    const db = w.server.deps.db;
    const other = (await w.director.post('/api/departments', { name: 'Piter', phoneNumbers: [] })).body.department.id;
    await db('department_numbers').delete();
    await db('department_numbers').insert([
      { number: '4951234567', department_id: w.department.id },
      { number: '74951234567', department_id: w.department.id },
      { number: '88125550000', department_id: other },
      { number: '100', department_id: other },
    ]);
    await e164Migration.up(db);
    const rows = await db('department_numbers').orderBy('number').select('number', 'department_id');
    expect(rows.map((r: { number: string; department_id: number }) => [r.number, Number(r.department_id)])).toEqual([
      ['+74951234567', w.department.id],
      ['+78125550000', other],
      ['100', other],
    ]);
    const caller = w.fake.placeInbound({ from: '+79001234567', to: '84951234567' });
    await until(() => w.fake.requests.some((r) => r.path === '/channels/create' && r.query.originator === caller), 3000, 'routed');
  });
});

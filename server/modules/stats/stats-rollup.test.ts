import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, databaseKind, startTestServer, type Client, type TestServer } from '../../../test/helpers/server.js';
import { loginAs } from '../../../test/helpers/factories.js';
import { insertReportFixture, WEEK, type ReportFixture } from '../../../test/helpers/report-fixture.js';
import { toDbTime } from '../../db/knex.js';
import { periodOf } from './period.js';
import { countsFromRows, countsOver, localDate, type Counts } from './stats.counts.js';
import { funnelCounts } from './stats.funnel.js';
import { funnelFromRows } from './stats.repo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe(`reports: the hourly rollup stays exact (${databaseKind})`, () => {
  let server: TestServer;
  let f: ReportFixture;
  let director: Client;
  let curator: Client;
  let ids: number[];

  beforeAll(async () => {
    server = await startTestServer();
    f = await insertReportFixture(server);
    [director, curator] = await Promise.all([loginAs(server, ADMIN), loginAs(server, f.curator)]);
    ids = [f.anna.id, f.boris.id, f.vera.id, f.curator.id];
  });
  afterAll(async () => server?.dispose());

  const sorted = (m: Map<number, Counts>) => Object.fromEntries([...m].filter(([, c]) => Object.values(c).some((v) => (typeof v === 'number' ? v : Object.values(v).some(Boolean)))).sort(([a], [b]) => a - b));

  /** Assign, reassign, status changes through the app, then a call that rings, is answered and ends, and a missed one. */
  async function mixOfWrites() {
    const db = server.deps.db;
    const anna = await loginAs(server, f.anna);
    const boris = await loginAs(server, f.boris);
    // L10 (nobody's) to Boris; L3 (Anna's, with an answered call and a status change) over to Boris; L1 (Anna's, with a missed call) to Boris and back.
    for (const [lead, managerId] of [['L10', f.boris.id], ['L3', f.boris.id], ['L1', f.boris.id], ['L1', f.anna.id]] as const) {
      expect((await curator.post(`/api/leads/${f.leads[lead]}/assign`, { managerId })).status).toBe(200);
    }
    const card = await boris.get(`/api/leads/${f.leads.L10}`);
    const moved = await boris.patch(`/api/leads/${f.leads.L10}`, { version: card.body.lead.version, status: 'contract_signed' });
    expect(moved.status).toBe(200);
    expect((await boris.patch(`/api/leads/${f.leads.L10}`, { version: moved.body.lead.version, status: 'refused_self' })).status).toBe(200);
    const l2 = await anna.get(`/api/leads/${f.leads.L2}`);
    expect((await anna.patch(`/api/leads/${f.leads.L2}`, { version: l2.body.lead.version, status: 'postponed' })).status).toBe(200);
    const now = toDbTime();
    const [callId] = await db('calls').insert({ direction: 'outbound', client_number: '+79160000002', department_id: f.north, lead_id: f.leads.L10, user_id: f.boris.id, status: 'ringing', started_at: now });
    await db('calls').where('id', callId).update({ status: 'up', answered_at: now });
    await db('calls').where('id', callId).update({ status: 'ended', disposition: 'answered', ended_at: toDbTime(), talk_seconds: 95 });
    const [missedId] = await db('calls').insert({ direction: 'inbound', client_number: '+79160000003', department_id: f.north, lead_id: null, user_id: null, status: 'ringing', started_at: now });
    await db('calls').where('id', missedId).update({ status: 'ended', disposition: 'missed', lead_id: f.leads.L7, ended_at: toDbTime() });
  }

  it('after assignments, reassignments, status changes and calls, every figure from the rollup equals the rows’ own count', async () => {
    await mixOfWrites();
    const db = server.deps.db;
    const now = Date.now();
    // Whole hours (all from the rollup), and periods with ends inside an hour (the ends from the rows).
    const periods = [
      periodOf(new Date('2026-10-01T00:00:00Z'), new Date(now + DAY)),
      periodOf(new Date('2026-11-02T10:00:30Z'), new Date(now + 61_000)),
      periodOf(new Date(WEEK.from), new Date(WEEK.to)),
      periodOf(new Date('2026-11-02T10:30:00Z'), new Date('2026-11-02T10:59:00Z')),
    ];
    for (const p of periods) {
      const fromRollup = await countsOver(db, p, ids);
      expect(sorted(fromRollup.byUser)).toEqual(sorted(await countsFromRows(db, p, ids)));
    }
    const all = sorted((await countsOver(db, periods[0]!, ids)).byUser);
    // The writes moved figures: Boris has L10 (won, then lost) and L3, one more missed call (L7) and his talk.
    expect(all[f.boris.id]).toMatchObject({ assigned: 4, talkSeconds: 95, made: 1, missed: 2 });
    expect(all[f.boris.id]!.lost.refused_self).toBe(1);
    expect(all[f.anna.id]!.lost.postponed).toBe(1);
  });

  it('keeps the daily rollup equal to the sums of its hours and to the rows of each UTC day', async () => {
    const db = server.deps.db;
    const counters = ['assigned', 'won', 'calls_made', 'calls_answered', 'talk_seconds', 'conversations', 'calls_missed', 'status_changes', 'lost_refused_self', 'lost_postponed'];
    const hourly: Record<string, unknown>[] = await db('stats_hourly').select('user_id', 'hour', ...counters);
    const expected = new Map<string, Record<string, number>>();
    for (const r of hourly) {
      const key = `${r.user_id}:${Math.floor(Number(r.hour) / 24)}`;
      const sums = expected.get(key) ?? Object.fromEntries(counters.map((c) => [c, 0]));
      for (const c of counters) sums[c]! += Number(r[c]);
      expected.set(key, sums);
    }
    const daily: Record<string, unknown>[] = await db('stats_daily').select('user_id', 'day', ...counters);
    const nonZero = (m: Map<string, Record<string, number>>) => Object.fromEntries([...m].filter(([, v]) => Object.values(v).some(Boolean)).sort());
    const actual = new Map(daily.map((r) => [`${r.user_id}:${r.day}`, Object.fromEntries(counters.map((c) => [c, Number(r[c])]))]));
    expect(nonZero(actual)).toEqual(nonZero(expected));
    expect(Object.keys(nonZero(actual)).length).toBeGreaterThan(3);
    // Each UTC day that has figures, read through the rollup, equals its rows (after the writes above moved figures).
    for (const day of new Set(daily.map((r) => Number(r.day)))) {
      const p = periodOf(new Date(day * DAY), new Date((day + 1) * DAY));
      expect({ day, counts: sorted((await countsOver(db, p, ids)).byUser) }).toEqual({ day, counts: sorted(await countsFromRows(db, p, ids)) });
    }
  });

  it('keeps the daily funnel equal to the leads’ own count, for every department and across days cut by the period', async () => {
    const db = server.deps.db;
    const now = Date.now();
    const periods = [
      periodOf(new Date('2026-10-01T00:00:00Z'), new Date(now + DAY)),
      periodOf(new Date('2026-10-20T13:30:00Z'), new Date(now - 3 * HOUR)),
      periodOf(new Date(WEEK.from), new Date(WEEK.to)),
      periodOf(new Date('2026-11-02T10:30:00Z'), new Date('2026-11-02T10:59:00Z')),
    ];
    for (const p of periods) {
      for (const filter of [{}, { departmentId: f.north }, { ownerId: f.boris.id }]) {
        expect({ p, filter, ...(await funnelCounts(db, p, filter)) }).toEqual({ p, filter, ...(await funnelFromRows(db, p, filter)) });
      }
    }
    // The writes above reached `contract_signed` and then closed L10 as refused_self: the rollup followed.
    const all = await funnelCounts(db, periods[0]!, {});
    expect(all.reached[5]).toBeGreaterThan(0);
    expect(all.lost.refused_self).toBeGreaterThan(0);
    expect(Number((await db('funnel_daily').sum({ n: 'leads' }))[0]!.n)).toBe(Number((await db('leads').count({ n: '*' }))[0]!.n));
  });

  it('splits a period into the local days of a zone, across a daylight-saving change and in a zone off by half an hour', async () => {
    const db = server.deps.db;
    for (const zone of ['Europe/Sofia', 'Asia/Kolkata', 'UTC', 'America/New_York', 'Pacific/Kiritimati']) {
      const p = periodOf(new Date('2026-10-20T00:00:00Z'), new Date('2026-11-10T00:00:00Z'));
      const { byUser, byDay } = await countsOver(db, p, ids, zone);
      expect(sorted(byUser)).toEqual(sorted(await countsFromRows(db, p, ids)));
      // Each day equals the rows of that local day (the first and last cut by the period).
      for (const [date, counts] of byDay!) {
        const start = Math.max(p.from.getTime(), localMidnight(zone, date));
        const end = Math.min(p.to.getTime(), localMidnight(zone, nextDate(date)));
        expect({ zone, date, counts: sorted(counts) }).toEqual({ zone, date, counts: sorted(await countsFromRows(db, periodOf(new Date(start), new Date(end)), ids)) });
      }
    }
  });

  it('answers the managers report with one line per local day of the asked zone', async () => {
    const res = await director.get(`/api/stats/managers?from=2026-11-01T22:00:00Z&to=2026-11-08T22:00:00Z&departmentId=${f.north}&timeZone=Europe/Sofia`);
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('Europe/Sofia');
    expect(res.body.days.map((d: any) => d.date)).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08']);
    for (const figure of ['leadsAssigned', 'callsMade', 'callsAnswered', 'callsMissed', 'talkSeconds', 'statusChanges', 'won'] as const) {
      for (const m of res.body.managers) {
        const perDay = res.body.days.reduce((sum: number, d: any) => sum + d.managers.find((x: any) => x.userId === m.userId)[figure], 0);
        expect({ figure, userId: m.userId, total: perDay }).toEqual({ figure, userId: m.userId, total: m[figure] });
      }
      expect(res.body.days.reduce((sum: number, d: any) => sum + d.totals[figure], 0)).toBe(res.body.totals[figure]);
    }
    const bad = await director.get(`/api/stats/managers?from=${WEEK.from}&to=${WEEK.to}&timeZone=Mars/Olympus`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('timeZone');
  });
});

/** The instant a local date begins in `zone` (scans the quarter hours around UTC midnight). */
function localMidnight(zone: string, date: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  for (let t = utc - 15 * HOUR; t <= utc + 15 * HOUR; t += 15 * 60_000) if (localDate(zone, t) === date) return t;
  throw new Error(`no ${date} in ${zone}`);
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, databaseKind, startTestServer, type Client, type TestServer } from '../../../test/helpers/server.js';
import { loginAs } from '../../../test/helpers/factories.js';
import { insertReportFixture, WEEK, type ReportFixture } from '../../../test/helpers/report-fixture.js';

const week = `from=${WEEK.from}&to=${WEEK.to}`;
const noLost = { rejected_not_needed: 0, refused_self: 0, refused_price_competitor: 0, postponed: 0, refused_no_money: 0 };

describe(`reports: managers and the funnel (${databaseKind})`, () => {
  let server: TestServer;
  let f: ReportFixture;
  let director: Client;
  let curator: Client;
  let anna: Client;
  let assistant: Client;

  beforeAll(async () => {
    server = await startTestServer();
    f = await insertReportFixture(server);
    [director, curator, anna, assistant] = await Promise.all([loginAs(server, ADMIN), loginAs(server, f.curator), loginAs(server, f.anna), loginAs(server, f.assistant)]);
  });
  afterAll(async () => server?.dispose());

  it('puts the managers of a department side by side with every figure of the week, the totals and the week before', async () => {
    const res = await director.get(`/api/stats/managers?${week}&departmentId=${f.north}`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.from).toBe('2026-11-02T00:00:00.000Z');
    expect(s.to).toBe('2026-11-09T00:00:00.000Z');
    expect(s.previous).toEqual({ from: '2026-10-26T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' });
    expect(s.managers.map((m: any) => m.name)).toEqual(['=Boris', 'Anna']);
    const anna = s.managers.find((m: any) => m.userId === f.anna.id);
    expect(anna).toMatchObject({
      departmentId: f.north,
      leadsAssigned: 5,
      assignSeconds: { median: 180, p90: 960 },
      firstContactSeconds: { median: 400, p90: 850 },
      callsMade: 2,
      callsAnswered: 1,
      callsMissed: 1,
      talkSeconds: 180,
      avgTalkSeconds: 90,
      statusChanges: 3,
      won: 2,
      lost: { ...noLost, refused_price_competitor: 1 },
      conversionRate: 0.4,
    });
    expect(anna.previous).toMatchObject({
      leadsAssigned: 1,
      assignSeconds: { median: 300, p90: 300 },
      firstContactSeconds: { median: 200, p90: 200 },
      callsMade: 1,
      talkSeconds: 30,
      statusChanges: 1,
      won: 0,
      conversionRate: 0,
    });
    const boris = s.managers.find((m: any) => m.userId === f.boris.id);
    expect(boris).toMatchObject({
      leadsAssigned: 2,
      assignSeconds: { median: 60, p90: 84 },
      firstContactSeconds: { median: 45, p90: 45 },
      callsMade: 0,
      callsAnswered: 0,
      callsMissed: 1,
      talkSeconds: 0,
      avgTalkSeconds: null,
      statusChanges: 1,
      won: 0,
      lost: { ...noLost, rejected_not_needed: 1 },
      conversionRate: 0,
    });
    // Nothing the week before: no sample is null, never 0.
    expect(boris.previous).toMatchObject({ leadsAssigned: 0, assignSeconds: { median: null, p90: null }, firstContactSeconds: { median: null, p90: null }, conversionRate: null });
    expect(s.totals).toMatchObject({
      leadsAssigned: 7,
      assignSeconds: { median: 120, p90: 840 },
      firstContactSeconds: { median: 300, p90: 800 },
      callsMade: 2,
      callsAnswered: 1,
      callsMissed: 2,
      talkSeconds: 180,
      avgTalkSeconds: 90,
      statusChanges: 4,
      won: 2,
      lost: { ...noLost, refused_price_competitor: 1, rejected_not_needed: 1 },
      conversionRate: 0.2857,
    });
    expect(s.totals.previous).toMatchObject({ leadsAssigned: 1, callsMade: 1 });
  });

  it('exports the managers table and the funnel as CSV and XLSX, headers in the reader’s language, formulas neutralised', async () => {
    const csv = await fetch(`${server.url}/api/stats/managers?${week}&format=csv`, { headers: { cookie: curator.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark Excel needs for UTF-8
    const text = bytes.toString('utf8');
    const rows: string[][] = parseCsv(text, { bom: true });
    expect(rows[0].slice(0, 3)).toEqual(['Менеджер', 'Назначено заявок', 'Время до назначения, медиана (с)']);
    expect(rows[0]).toContain('Потеряно: Отказ — дорого, ушли к конкуренту');
    expect(rows.map((r) => r.slice(0, 13))).toEqual([
      rows[0].slice(0, 13),
      ["'=Boris", '2', '60', '84', '45', '45', '0', '0', '1', '0', '', '1', '0'],
      ['Anna', '5', '180', '960', '400', '850', '2', '1', '1', '180', '90', '3', '2'],
      ['Итого', '7', '120', '840', '300', '800', '2', '1', '2', '180', '90', '4', '2'],
    ]);
    expect(rows.map((r) => r.at(-1))).toEqual(['Конверсия (%)', '0', '40', '28.6']);

    await server.deps.db('users').where('email', ADMIN.email).update({ locale: 'en' });
    const res = await fetch(`${server.url}/api/stats/funnel?${week}&format=xlsx`, { headers: { cookie: director.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Funnel');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Status', 'Leads', 'From the previous step (%)']);
    expect(sheet.getRow(2).values).toEqual([undefined, 'New', 9]);
    expect(sheet.getRow(3).values).toEqual([undefined, 'Collecting info', 5, 55.6]);
    expect(sheet.getRow(11).values).toEqual([undefined, 'Lost: Rejected — not needed', 1]);
    expect((await director.get(`/api/stats/managers?${week}&format=pdf`)).status).toBe(400);
  });

  it('every count opens the lead list filtered to exactly those leads', async () => {
    // The stats' `to` is exclusive; the list's datetime bounds are inclusive, so the link ends a millisecond earlier.
    const last = new Date(Date.parse(WEEK.to) - 1).toISOString();
    const ids = async (q: string) => {
      const res = await director.get(`/api/leads?limit=200&${q}`);
      expect(res.status).toBe(200);
      return res.body.items.map((l: any) => l.id).sort((a: number, b: number) => a - b);
    };
    const leads = (...keys: string[]) => keys.map((k) => f.leads[k]).sort((a, b) => a - b);
    const assigned = `ownerId=${f.anna.id}&assignedFrom=${WEEK.from}&assignedTo=${last}`;
    expect(await ids(assigned)).toEqual(leads('L1', 'L2', 'L3', 'L4', 'L5'));
    expect(await ids(`${assigned}&reached=contract_signed`)).toEqual(leads('L1', 'L5'));
    expect(await ids(`${assigned}&status=refused_price_competitor`)).toEqual(leads('L2'));
    expect(await ids(`departmentId=${f.north}&assignedFrom=${WEEK.from}&assignedTo=${last}`)).toHaveLength(7);
    const arrived = `createdFrom=${WEEK.from}&createdTo=${last}`;
    expect(await ids(`${arrived}&reached=collecting_info`)).toEqual(leads('L1', 'L2', 'L3', 'L6', 'L11'));
    expect(await ids(`${arrived}&reached=contract_paid`)).toEqual(leads('L11'));
    expect(await ids(`${arrived}&status=rejected_not_needed`)).toEqual(leads('L6'));
    expect((await director.get('/api/leads?reached=refused_self')).status).toBe(400);
  });

  it('counts for a funnel the leads that arrived in the period by the furthest step they reached, and where they were lost', async () => {
    const res = await director.get(`/api/stats/funnel?${week}`);
    expect(res.status).toBe(200);
    expect(res.body.steps).toEqual([
      { status: 'new', reached: 9, conversionFromPrevious: null },
      { status: 'collecting_info', reached: 5, conversionFromPrevious: 0.5556 },
      { status: 'offer_sent', reached: 4, conversionFromPrevious: 0.8 },
      { status: 'interested', reached: 3, conversionFromPrevious: 0.75 },
      { status: 'contract_approval', reached: 2, conversionFromPrevious: 0.6667 },
      { status: 'contract_signed', reached: 2, conversionFromPrevious: 1 },
      { status: 'contract_paid', reached: 1, conversionFromPrevious: 0.5 },
      { status: 'in_progress', reached: 0, conversionFromPrevious: 0 },
      { status: 'completed', reached: 0, conversionFromPrevious: null },
    ]);
    expect(res.body.lost).toEqual([
      { status: 'rejected_not_needed', count: 1 },
      { status: 'refused_self', count: 0 },
      { status: 'refused_price_competitor', count: 1 },
      { status: 'postponed', count: 0 },
      { status: 'refused_no_money', count: 0 },
    ]);
    const north = await curator.get(`/api/stats/funnel?${week}`);
    expect(north.body.steps.map((s: any) => s.reached)).toEqual([8, 4, 3, 2, 1, 1, 0, 0, 0]);
    const boris = await director.get(`/api/stats/funnel?${week}&ownerId=${f.boris.id}`);
    expect(boris.body.steps.map((s: any) => s.reached)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('a lead moved on and back again still counts as having reached its furthest step', async () => {
    const lead = f.leads.L4; // Anna's, new
    const card = await anna.get(`/api/leads/${lead}`);
    const on = await anna.patch(`/api/leads/${lead}`, { version: card.body.lead.version, status: 'contract_signed' });
    expect(on.status).toBe(200);
    expect((await anna.patch(`/api/leads/${lead}`, { version: on.body.lead.version, status: 'collecting_info' })).status).toBe(200);
    const res = await anna.get(`/api/stats/funnel?${week}`);
    // Anna's leads of the week: L1 (signed), L2 (offer sent, lost), L3 (interested), L4 (signed, now back), L8 (new).
    expect(res.body.steps.map((s: any) => s.reached)).toEqual([5, 4, 4, 3, 2, 2, 0, 0, 0]);
    const stats = await anna.get(`/api/stats/managers?${week}`);
    expect(stats.body.managers[0]).toMatchObject({ won: 3, conversionRate: 0.6 });
  });

  it('times a lead assigned and first contacted through the app, not only leads written straight to the database', async () => {
    const db = server.deps.db;
    const created = new Date(Date.now() - 300_000);
    const stored = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
    const [clientId] = await db('clients').insert({ full_name: 'Walk-in', search_text: 'walk-in', created_at: stored(created), updated_at: stored(created) });
    const [leadId] = await db('leads').insert({ client_id: Number(clientId), department_id: f.north, source: 'manual', status: 'new', created_at: stored(created), updated_at: stored(created) });
    expect((await curator.post(`/api/leads/${leadId}/assign`, { managerId: f.boris.id })).status).toBe(200);
    const borisClient = await loginAs(server, f.boris);
    expect((await borisClient.post(`/api/leads/${leadId}/comments`, { text: 'Called, all clear' })).status).toBe(201);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const today = await director.get(`/api/stats/managers?from=${stored(created).slice(0, 10)}&to=${tomorrow}&departmentId=${f.north}`);
    const boris = today.body.managers.find((m: any) => m.userId === f.boris.id);
    expect(boris.leadsAssigned).toBe(1);
    expect(boris.assignSeconds.median).toBeGreaterThanOrEqual(299);
    expect(boris.assignSeconds.median).toBeLessThan(330);
    expect(boris.firstContactSeconds.median).toBeGreaterThanOrEqual(0);
    expect(boris.firstContactSeconds.median).toBeLessThan(30);
  });

  it('shows each person only what they may see: directors everyone, curators their department, managers and assistants themselves', async () => {
    const all = await director.get(`/api/stats/managers?${week}`);
    expect(all.body.managers.map((m: any) => m.name)).toEqual(['=Boris', 'Anna', 'Vera']);
    expect(all.body.totals.leadsAssigned).toBe(8);

    const north = await curator.get(`/api/stats/managers?${week}`);
    expect(north.body.managers.map((m: any) => m.userId)).toEqual([f.boris.id, f.anna.id]);
    expect((await curator.get(`/api/stats/managers?${week}&departmentId=${f.south}`)).status).toBe(403);
    expect((await curator.get(`/api/stats/funnel?${week}&ownerId=${f.vera.id}`)).status).toBe(403);

    const own = await anna.get(`/api/stats/managers?${week}`);
    expect(own.body.managers.map((m: any) => m.userId)).toEqual([f.anna.id]);
    expect(own.body.totals.leadsAssigned).toBe(own.body.managers[0].leadsAssigned);
    expect((await anna.get(`/api/stats/managers?${week}&departmentId=${f.south}`)).status).toBe(403);
    expect((await anna.get(`/api/stats/funnel?${week}&ownerId=${f.boris.id}`)).status).toBe(403);

    const assisted = await assistant.get(`/api/stats/managers?${week}`);
    expect(assisted.body.managers.map((m: any) => m.userId)).toEqual([f.anna.id]);
  });

  it('refuses a period it cannot read, one that ends before it starts, or one over 400 days, naming the field', async () => {
    const bad = async (q: string) => {
      const res = await director.get(`/api/stats/managers?${q}`);
      expect(res.status).toBe(400);
      return res.body.error.fields;
    };
    expect(Object.keys(await bad('from=yesterday&to=2026-11-09'))).toEqual(['from']);
    expect(Object.keys(await bad('from=2026-11-02'))).toEqual(['to']);
    expect(Object.keys(await bad('from=2026-11-02&to=2026-13-45'))).toEqual(['to']);
    expect(Object.keys(await bad('from=2026-11-09&to=2026-11-02'))).toEqual(['to']);
    expect(Object.keys(await bad('from=2025-01-01&to=2026-02-06'))).toEqual(['to']);
    expect((await director.get('/api/stats/funnel?from=2026-11-09T00:00:00Z&to=2026-11-08T23:59:59Z')).status).toBe(400);
    // 400 days exactly is allowed; a bare date as `to` means through that day.
    const longest = await director.get('/api/stats/managers?from=2025-10-06&to=2026-11-09');
    expect(longest.status).toBe(200);
    expect(longest.body.to).toBe('2026-11-10T00:00:00.000Z');
  });

});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, databaseKind, startTestServer, type Client, type TestServer } from '../../../test/helpers/server.js';
import { loginAs } from '../../../test/helpers/factories.js';
import { insertReportFixture, type ReportFixture } from '../../../test/helpers/report-fixture.js';

describe(`activity feed (${databaseKind})`, () => {
  let server: TestServer;
  let f: ReportFixture;
  let director: Client;
  let curator: Client;
  let southCurator: Client;
  let anna: Client;
  let boris: Client;

  beforeAll(async () => {
    server = await startTestServer();
    f = await insertReportFixture(server);
    [director, curator, southCurator, anna, boris] = await Promise.all([
      loginAs(server, ADMIN),
      loginAs(server, f.curator),
      loginAs(server, f.southCurator),
      loginAs(server, f.anna),
      loginAs(server, f.boris),
    ]);
  });
  afterAll(async () => server?.dispose());

  const line = (at: string, kind: string, lead: string, detail: string | null) => ({ at, kind, lead, detail });
  // Anna's week and the week before, newest first; at 11:00 on Nov 2 a status change and a call share the moment.
  const annasFeed = () => [
    line('2026-11-05T09:00:00.000Z', 'reminder_done', 'L4', 'Call back about the quote'),
    line('2026-11-04T13:00:00.000Z', 'attachment', 'L3', 'offer.pdf'),
    line('2026-11-04T12:00:00.000Z', 'status', 'L3', 'interested'),
    line('2026-11-04T11:00:00.000Z', 'answered', 'L3', '+79160000001'),
    line('2026-11-03T11:00:00.000Z', 'called', 'L2', 'busy'),
    line('2026-11-02T11:00:00.000Z', 'status', 'L1', 'contract_signed'),
    line('2026-11-02T11:00:00.000Z', 'called', 'L1', 'answered'),
    line('2026-11-02T10:06:00.000Z', 'comment', 'L1', 'Wants a quote'),
    line('2026-11-02T10:05:00.000Z', 'status', 'L1', 'collecting_info'),
    line('2026-10-28T11:00:00.000Z', 'called', 'L9', 'answered'),
    line('2026-10-27T11:00:00.000Z', 'status', 'L9', 'offer_sent'),
  ];
  const keyOf = (f: ReportFixture, leadId: number) => Object.entries(f.leads).find(([, id]) => id === leadId)?.[0];
  const shown = (items: any[]) => items.map((i) => ({ at: i.at, kind: i.kind, lead: keyOf(f, i.leadId), detail: i.detail }));

  async function allPages(client: Client, query: string): Promise<any[]> {
    const items: any[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: any } = await client.get(`/api/activity?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return items;
  }

  it('lists what a manager did, newest first, with the lead’s name on each line, page by page without loss or repeat', async () => {
    const first = await anna.get('/api/activity?limit=50');
    expect(first.status).toBe(200);
    expect(shown(first.body.items)).toEqual(annasFeed());
    expect(first.body.nextCursor).toBeNull();
    expect(first.body.items[0]).toMatchObject({ userId: f.anna.id, leadName: 'Client L4' });
    expect(first.body.items.every((i: any) => i.leadName === `Client ${keyOf(f, i.leadId)}`)).toBe(true);
    // Pages of three cut between the status change and the call of the same moment.
    expect(shown(await allPages(director, `userId=${f.anna.id}&limit=3`))).toEqual(annasFeed());
  });

  it('narrows the feed by kind and by period', async () => {
    const kinds = await allPages(curator, `userId=${f.anna.id}&kind=status,called&limit=3`);
    expect(shown(kinds)).toEqual(annasFeed().filter((l) => l.kind === 'status' || l.kind === 'called'));
    const week = await anna.get('/api/activity?from=2026-11-02&to=2026-11-04');
    expect(shown(week.body.items)).toEqual(annasFeed().slice(1, 9));
    expect((await anna.get('/api/activity?kind=dancing')).status).toBe(400);
    expect((await anna.get('/api/activity?from=2026-11-05&to=2026-11-01')).body.error.fields).toHaveProperty('to');
    expect((await anna.get('/api/activity?cursor=nonsense')).body.error.fields).toHaveProperty('cursor');
  });

  it('shows a manager’s feed to them, their curator and directors only', async () => {
    expect((await boris.get(`/api/activity?userId=${f.anna.id}`)).status).toBe(403);
    expect((await southCurator.get(`/api/activity?userId=${f.anna.id}`)).status).toBe(403);
    expect((await curator.get(`/api/activity?userId=${f.vera.id}`)).status).toBe(403);
    const own = await boris.get('/api/activity');
    expect(shown(own.body.items)).toEqual([line('2026-11-06T10:00:00.000Z', 'status', 'L6', 'rejected_not_needed')]);
    const curators = await curator.get(`/api/activity?userId=${f.curator.id}`);
    expect(shown(curators.body.items)).toEqual([line('2026-11-02T10:01:00.000Z', 'assigned', 'L1', 'Anna')]);
  });
});

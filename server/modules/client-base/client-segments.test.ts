import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertStaff, insertTeam, loginAs } from '../../../test/helpers/factories.js';
import { toDbTime } from '../../db/knex.js';
import { abcOf } from '../clients/client-segments.js';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

describe('ABC classes (abcOf)', () => {
  it('A holds the clients making the top share of revenue, B the next, C the rest; the largest is always A', () => {
    const revenues = [50, 25, 10, 5, 5, 3, 2].map((revenue, i) => ({ id: i + 1, revenue }));
    const classes = (a: number, b: number) => [...abcOf(revenues, a, b)].sort(([x], [y]) => x - y).map(([, c]) => c).join('');
    expect(classes(75, 20)).toBe('AABBBCC');
    expect(classes(50, 30)).toBe('ABBCCCC');
    expect(classes(90, 5)).toBe('AAAABCC');
    expect([...abcOf([{ id: 1, revenue: 95 }, { id: 2, revenue: 5 }, { id: 3, revenue: 0 }], 75, 20)]).toEqual([[1, 'A'], [2, 'C']]);
  });
});

describe(`client segments: ABC, loyalty, tag (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let other: Awaited<ReturnType<typeof insertTeam>>;
  let director: Client;
  let manager: Client;
  let curator: Client;
  let seq = 0;
  const made: Record<string, number> = {};
  const leadsOf: Record<string, number[]> = {};

  /** A client of the team's manager with a lead per order: `won` amounts signed `daysAgo`, and imported history. */
  async function client(
    name: string,
    opts: { won?: { amount: number; daysAgo: number }[]; imported?: { count?: number; amount?: number; lastDaysAgo?: number }; ownerId?: number; t?: typeof team } = {},
  ) {
    const { db } = server.deps;
    const t = opts.t ?? team;
    const at = toDbTime(daysAgo(400));
    const [id] = await db('clients').insert({ full_name: name, department_id: t.department.id, version: 1, created_at: at, updated_at: at });
    made[name] = Number(id);
    await db('client_phones').insert({ client_id: Number(id), phone: `+7916555${String(seq++).padStart(4, '0')}` });
    const lead = async (extra: Record<string, unknown>) => {
      const [leadId] = await db('leads').insert({ client_id: Number(id), department_id: t.department.id, owner_id: opts.ownerId ?? t.manager.id, source: 'manual', status: 'new', version: 1, furthest_step: 0, created_at: at, updated_at: at, assigned_at: at, ...extra });
      (leadsOf[name] ??= []).push(Number(leadId));
    };
    if (!opts.won?.length) await lead({});
    for (const w of opts.won ?? []) await lead({ status: 'completed', furthest_step: 8, amount: w.amount, currency: 'RUB', won_at: toDbTime(daysAgo(w.daysAgo)) });
    if (opts.imported) {
      await db('clients')
        .where('id', Number(id))
        .update({ orders_count: opts.imported.count ?? null, orders_amount: opts.imported.amount ?? null, last_order_at: opts.imported.lastDaysAgo === undefined ? null : dayOf(daysAgo(opts.imported.lastDaysAgo)) });
    }
  }
  const names = (items: { id: number }[]) => items.map((c) => Object.keys(made).find((n) => made[n] === c.id)).sort();
  const leadClients = (items: { client: { id: number } }[]) => [...new Set(items.map((l) => Object.keys(made).find((n) => made[n] === l.client.id)))].sort();

  beforeAll(async () => {
    server = await startTestServer({ LOYALTY_LAPSED_DAYS: '90' });
    team = await insertTeam(server);
    other = await insertTeam(server);
    const boss = await insertStaff(server, { role: 'director', departmentId: team.department.id });
    [director, manager, curator] = await Promise.all([loginAs(server, boss), loginAs(server, team.manager), loginAs(server, team.curator)]);
    // Revenue in the last 365 days: 50 000, 25 000 (imported), 10 000, 5 000, 5 000, 3 000, 2 000 — 100 000 in all.
    await client('a1', { won: [{ amount: 30000, daysAgo: 10 }, { amount: 20000, daysAgo: 20 }] });
    await client('a2', { imported: { count: 4, amount: 25000, lastDaysAgo: 30 } });
    await client('b1', { won: [{ amount: 10000, daysAgo: 40 }] });
    await client('b2', { won: [{ amount: 5000, daysAgo: 50 }] });
    await client('b3', { won: [{ amount: 5000, daysAgo: 60 }], ownerId: team.otherManager.id });
    await client('c1', { won: [{ amount: 3000, daysAgo: 70 }] });
    await client('c2', { won: [{ amount: 2000, daysAgo: 80 }] });
    // A big order two years ago: outside the default period.
    await client('old', { won: [{ amount: 90000, daysAgo: 700 }] });
    await client('none');
    // Another department is classed among its own clients: its only client is A there.
    await client('elsewhere', { won: [{ amount: 100, daysAgo: 5 }], t: other });
    // Loyalty (lapsed after 90 days here): two orders; three recent; three, the last 120 days ago.
    await client('twice', { imported: { count: 2 } });
    await client('loyal', { imported: { count: 2, lastDaysAgo: 200 }, won: [{ amount: 0, daysAgo: 3 }] });
    await client('lapsed', { imported: { count: 3, lastDaysAgo: 120 } });
  });
  afterAll(async () => server?.dispose());

  it('ABC classes a department’s clients by their revenue in the period, on the client list and the lead list', async () => {
    const abc = async (cls: string, extra = '') => names((await director.get(`/api/clients?abc=${cls}&limit=200${extra}`)).body.items);
    expect(await abc('A')).toEqual(['a1', 'a2', 'elsewhere']);
    expect(await abc('B')).toEqual(['b1', 'b2', 'b3']);
    expect(await abc('C')).toEqual(['c1', 'c2']);
    // The last three years take the old 90 000 order in (190 000 in all): old, a1 and a2 (73.7 % before it) are A.
    const from = dayOf(daysAgo(3 * 365));
    expect(await abc('A', `&abcFrom=${from}`)).toEqual(['a1', 'a2', 'elsewhere', 'old']);
    expect(await abc('C', `&abcFrom=${from}`)).toEqual(['c1', 'c2']);

    const leads = await director.get('/api/leads?abc=A&limit=200');
    expect(leadClients(leads.body.items)).toEqual(['a1', 'a2', 'elsewhere']);
    // A manager filters only what they see: b3 is the other manager's.
    expect(names((await manager.get('/api/clients?abc=B&limit=200')).body.items)).toEqual(['b1', 'b2']);
    expect(leadClients((await manager.get('/api/leads?abc=B&limit=200')).body.items)).toEqual(['b1', 'b2']);

    const card = await director.get(`/api/clients/${made.a1}`);
    expect(card.body.segments).toMatchObject({ abc: 'A', orders: 2, revenue: 50000, loyalty: 'bought_twice', tag: null });
    const leadCard = await manager.get(`/api/leads/${leadsOf.c1[0]}`);
    expect(leadCard.body.clientSegments).toMatchObject({ abc: 'C', orders: 1, revenue: 3000, loyalty: 'bought_once' });
    expect((await director.get('/api/clients?abc=D')).status).toBe(400);
    expect((await director.get('/api/clients?abc=A&abcFrom=2026-02-30')).status).toBe(400);
  });

  it('every loyalty stage: has requested, bought once, twice, three or more orders, lapsed after long cooperation', async () => {
    const stage = async (s: string) => names((await director.get(`/api/clients?loyalty=${s}&limit=200`)).body.items);
    expect(await stage('requested')).toEqual(['none']);
    expect(await stage('bought_once')).toEqual(['b1', 'b2', 'b3', 'c1', 'c2', 'elsewhere', 'old']);
    expect(await stage('bought_twice')).toEqual(['a1', 'twice']);
    expect(await stage('loyal')).toEqual(['a2', 'loyal']);
    expect(await stage('lapsed')).toEqual(['lapsed']);
    expect(leadClients((await director.get('/api/leads?loyalty=lapsed&limit=200')).body.items)).toEqual(['lapsed']);
    expect((await director.get(`/api/clients/${made.lapsed}`)).body.segments).toMatchObject({ loyalty: 'lapsed', orders: 3, abc: null });
    expect((await director.get('/api/leads?loyalty=gone')).status).toBe(400);
  });

  it('a signed contract is an order: the client moves from “has requested” to “bought once” with its amount', async () => {
    const res = await new Client(server.url).post('/api/intake', { name: 'Новый', phone: '+79165550999' }, { 'x-site-key': team.site.key });
    const leadId = res.body.leadId;
    const assigned = await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id });
    expect((await manager.get(`/api/leads/${leadId}`)).body.clientSegments).toMatchObject({ loyalty: 'requested', orders: 0, abc: null });
    await manager.patch(`/api/leads/${leadId}`, { version: assigned.body.lead.version, status: 'contract_signed', amount: 700 });
    expect((await manager.get(`/api/leads/${leadId}`)).body.clientSegments).toMatchObject({ loyalty: 'bought_once', orders: 1, revenue: 700, abc: 'C' });
  });

  it('a manager tags a client (VIP / regular / difficult): on the card, in the history and as the segment filter', async () => {
    const card = await manager.get(`/api/clients/${made.b1}`);
    const tagged = await manager.patch(`/api/clients/${made.b1}`, { version: card.body.client.version, tag: 'vip' });
    expect(tagged.status).toBe(200);
    expect(tagged.body.client.tag).toBe('vip');
    expect((await manager.get(`/api/clients/${made.b1}`)).body.segments.tag).toBe('vip');
    expect(names((await manager.get('/api/clients?segment=vip')).body.items)).toEqual(['b1']);
    expect(leadClients((await manager.get('/api/leads?segment=vip')).body.items)).toEqual(['b1']);
    expect((await manager.get('/api/clients?segment=difficult')).body.items).toEqual([]);
    const history = (await manager.get(`/api/leads/${leadsOf.b1[0]}/history`)).body.items;
    expect(history.find((h: any) => h.field === 'tag')).toMatchObject({ actorId: team.manager.id, oldValue: null, newValue: 'vip' });
    const bad = await manager.patch(`/api/clients/${made.b1}`, { version: tagged.body.client.version, tag: 'gold' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['tag']);
    expect((await manager.get('/api/clients?segment=gold')).status).toBe(400);
  });
});

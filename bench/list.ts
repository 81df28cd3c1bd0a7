import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES } from '../server/api-types.js';
import { toDbTime } from '../server/db/knex.js';
import { buildSearchText } from '../server/modules/clients/clients.repo.js';
import { mulberry32 } from '../server/demo/random.js';
import { heading, insertDepartment, insertPerson, insertSite, login, ms, report, request, startBenchServer, summarize, writeResults, type Person } from './lib.js';

/**
 * The lead list at 100k leads: seeds a realistic database fast (one transaction, prepared statements), then
 * times GET /api/leads as different people use it. Target: p95 well under 100 ms for every query.
 */

export interface ListBenchOptions {
  leads?: number;
  repeats?: number;
}

const FIRST = ['Иван', 'Пётр', 'Анна', 'Мария', 'Сергей', 'Ольга', 'Дмитрий', 'Елена', 'Алексей', 'Наталья', 'Андрей', 'Татьяна', 'Михаил', 'Ирина', 'Николай', 'Светлана', 'Павел', 'Юлия', 'Артём', 'Ксения'];
const LAST = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев'];
const ORGS = ['ООО «Ромашка»', 'ИП Сидоров', 'АО «Вектор»', 'ООО «СтройМир»', 'ООО «Техносервис»', 'ЗАО «Альфа»', 'ООО «Гранит»', 'ООО «Северный ветер»'];
const SERVICES = ['Office cleaning', 'Window cleaning', 'Carpet cleaning', 'Facade washing', 'Renovation', 'Disinfection'];

interface Org {
  departments: { id: number; curator: Person; managers: Person[]; siteIds: number[] }[];
  assistant: Person;
}

export async function seedPeople(server: Awaited<ReturnType<typeof startBenchServer>>): Promise<Org> {
  const db = server.deps.db;
  const departments: Org['departments'] = [];
  for (let d = 0; d < 5; d++) {
    const id = await insertDepartment(db, `Department ${d + 1}`, [`49512345${60 + d}`]);
    const curator = await insertPerson(db, { name: `Curator ${d + 1}`, email: `curator${d + 1}@bench.local`, role: 'curator', departmentId: id });
    const managers: Person[] = [];
    for (let m = 0; m < 8; m++) managers.push(await insertPerson(db, { name: `Manager ${d + 1}.${m + 1}`, email: `manager${d + 1}.${m + 1}@bench.local`, role: 'manager', departmentId: id }));
    const siteIds: number[] = [];
    for (let s = 0; s < 3; s++) siteIds.push((await insertSite(db, `site${d}-${s}.example`, id)).id);
    departments.push({ id, curator, managers, siteIds });
  }
  const assistant = await insertPerson(db, { name: 'Assistant 1.1', email: 'assistant@bench.local', role: 'assistant', departmentId: departments[0].id, assistsUserId: departments[0].managers[0].id });
  return { departments, assistant };
}

/** Clients (with phones, e-mails and search_text as the app builds them) and their leads, in one transaction. */
export async function seedLeads(server: Awaited<ReturnType<typeof startBenchServer>>, org: Org, total: number): Promise<{ samplePhone: string }> {
  const knex = server.deps.db;
  const conn = (await knex.client.acquireConnection()) as Database;
  try {
    const random = mulberry32(42); // the same database every run
    const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
    const insertClient = conn.prepare(
      'insert into clients (id, full_name, organization, department_id, search_text, version, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?)',
    );
    const insertPhone = conn.prepare('insert into client_phones (client_id, phone) values (?, ?)');
    const insertEmail = conn.prepare('insert into client_emails (client_id, email) values (?, ?)');
    const insertLead = conn.prepare(
      `insert into leads (client_id, department_id, site_id, owner_id, source, status, flagged, colour, service, message, returning_client,
        version, created_at, updated_at, assigned_at, status_changed_at, closed_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    );
    const now = Date.now();
    const yearMs = 365 * 24 * 3600_000;
    let samplePhone = '';
    const clients = Math.round(total * 0.8); // a fifth of the leads are returning clients
    conn.transaction(() => {
      // Leads are created in time order, as in life: ids grow with created_at.
      const leadTimes = Array.from({ length: total }, () => now - random() * yearMs).sort((a, b) => a - b);
      const clientDept = new Map<number, number>();
      // Clients first (the leads reference them).
      for (let c = 1; c <= clients; c++) {
        const fullName = `${pick(LAST)} ${pick(FIRST)}`;
        const organization = random() < 0.3 ? pick(ORGS) : null;
        const phone = `+79${String(100000000 + c * 7).slice(-9)}`;
        const phones = random() < 0.1 ? [phone, `+7495${String(1000000 + c).slice(-7)}`] : [phone];
        const emails = random() < 0.6 ? [`client${c}@mail.example`] : [];
        if (c === 4242) samplePhone = phone;
        const at = toDbTime(new Date(now - yearMs));
        clientDept.set(c, pick(org.departments).id);
        insertClient.run(c, fullName, organization, clientDept.get(c)!, buildSearchText({ fullName, organization, phones, emails }), at, at);
        for (const p of phones) insertPhone.run(c, p);
        for (const e of emails) insertEmail.run(c, e);
      }
      const seen = new Set<number>();
      for (let i = 0; i < total; i++) {
        const clientId = i < clients ? i + 1 : 1 + Math.floor(random() * clients);
        const department = org.departments.find((d) => d.id === clientDept.get(clientId))!;
        const createdAt = leadTimes[i];
        const ageDays = (now - createdAt) / 86_400_000;
        // Fresh leads are more often unassigned and new; old ones are mostly closed.
        const unassigned = random() < (ageDays < 3 ? 0.6 : 0.05);
        const owner = unassigned ? null : pick(department.managers);
        let status: string = 'new';
        if (owner) status = ageDays > 60 && random() < 0.7 ? pick(CLOSING_STATUSES) : pick(LEAD_STATUSES);
        const closed = (CLOSING_STATUSES as readonly string[]).includes(status) || status === 'completed';
        const t = (ms: number) => toDbTime(new Date(ms));
        insertLead.run(
          clientId,
          department.id,
          random() < 0.9 ? pick(department.siteIds) : null,
          owner?.id ?? null,
          random() < 0.9 ? 'site' : 'call',
          status,
          random() < 0.05 ? 1 : 0,
          random() < 0.2 ? pick(LEAD_COLOURS) : null,
          pick(SERVICES),
          random() < 0.7 ? 'Please call me back, I would like a quote for the premises' : null,
          seen.has(clientId) ? 1 : 0,
          t(createdAt),
          t(createdAt + 3600_000),
          owner ? t(createdAt + 600_000) : null,
          status !== 'new' ? t(createdAt + 86_400_000) : null,
          closed ? t(createdAt + 5 * 86_400_000) : null,
        );
        seen.add(clientId);
      }
    })();
    return { samplePhone };
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

interface QueryCase {
  name: string;
  who: 'director' | 'curator' | 'manager' | 'assistant';
  url: string | (() => Promise<string>);
}

export async function runListBench(opts: ListBenchOptions = {}): Promise<Record<string, unknown>> {
  const total = opts.leads ?? 100_000;
  const repeats = opts.repeats ?? 60;
  heading(`list: GET /api/leads at ${total.toLocaleString('en')} leads, ${repeats} timed requests per query`);
  const server = await startBenchServer();
  try {
    const org = await seedPeople(server);
    const t0 = performance.now();
    const { samplePhone } = await seedLeads(server, org, total);
    const seedMs = performance.now() - t0;
    const counts = await server.deps.db('leads').count({ n: '*' }).first();
    console.log(`  seeded ${Number(counts?.n).toLocaleString('en')} leads in ${(seedMs / 1000).toFixed(1)} s`);

    const dept = org.departments[0];
    const manager = dept.managers[0];
    const cookies = {
      director: await login(server.url, { email: 'director@bench.local', password: 'director-bench-1' }),
      curator: await login(server.url, dept.curator),
      manager: await login(server.url, manager),
      assistant: await login(server.url, org.assistant),
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = async (who: QueryCase['who'], url: string) => {
      const res = await request(agent, server.url, 'GET', url, undefined, { cookie: cookies[who] });
      if (res.status !== 200) throw new Error(`GET ${url} as ${who}: ${res.status} ${res.body.slice(0, 300)}`);
      return JSON.parse(res.body) as { items: unknown[]; nextCursor: string | null };
    };
    const digits = samplePhone.slice(-7); // what someone types when they remember part of a number
    const cases: QueryCase[] = [
      { name: 'director, no filter', who: 'director', url: '/api/leads?limit=50' },
      { name: 'curator, own department', who: 'curator', url: '/api/leads?limit=50' },
      { name: 'manager, own leads', who: 'manager', url: '/api/leads?limit=50' },
      { name: 'assistant, their manager\'s leads', who: 'assistant', url: '/api/leads?limit=50' },
      { name: 'status=interested', who: 'director', url: '/api/leads?status=interested&limit=50' },
      { name: 'curator, status=new, unassigned', who: 'curator', url: '/api/leads?status=new&ownerId=none&limit=50' },
      { name: 'flagged=true', who: 'director', url: '/api/leads?flagged=true&limit=50' },
      { name: 'q=name (common surname)', who: 'director', url: `/api/leads?q=${encodeURIComponent('иванов')}&limit=50` },
      { name: 'q=name + first name (rarer)', who: 'director', url: `/api/leads?q=${encodeURIComponent('королёв ксения')}&limit=50` },
      { name: 'curator, q=name', who: 'curator', url: `/api/leads?q=${encodeURIComponent('петров')}&limit=50` },
      { name: `q=phone digits (${digits}, one client)`, who: 'director', url: `/api/leads?q=${digits}&limit=50` },
      { name: 'q=no match (scans everything)', who: 'director', url: `/api/leads?q=${encodeURIComponent('несуществующий')}&limit=50` },
      {
        name: 'director, cursor page 2',
        who: 'director',
        url: async () => `/api/leads?limit=50&cursor=${encodeURIComponent((await get('director', '/api/leads?limit=50')).nextCursor ?? '')}`,
      },
      {
        name: 'curator, status filter, cursor page 2',
        who: 'curator',
        url: async () => `/api/leads?status=open&limit=50&cursor=${encodeURIComponent((await get('curator', '/api/leads?status=open&limit=50')).nextCursor ?? '')}`,
      },
    ];

    console.log(`  ${'query (rows returned)'.padEnd(60)} p50 / p95`);
    const results: Record<string, { p50: number; p95: number; max: number; items: number }> = {};
    let worstP95 = 0;
    for (const c of cases) {
      const url = typeof c.url === 'string' ? c.url : await c.url();
      let items = 0;
      for (let i = 0; i < 5; i++) items = (await get(c.who, url)).items.length; // warm-up
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const s = performance.now();
        await get(c.who, url);
        times.push(performance.now() - s);
      }
      const sum = summarize(times);
      results[c.name] = { p50: sum.p50, p95: sum.p95, max: sum.max, items };
      worstP95 = Math.max(worstP95, sum.p95);
      report(`${c.name} (${items} rows)`, `${ms(sum.p50)} / ${ms(sum.p95)}`, { text: 'p95 < 100 ms', pass: sum.p95 < 100 });
    }
    agent.destroy();
    report('worst p95 over all queries', ms(worstP95), { text: 'p95 < 100 ms', pass: worstP95 < 100 });
    const out = { database: 'sqlite', leads: total, repeats, seedMs, queries: results, worstP95 };
    console.log(`  results: ${writeResults('list', out)}`);
    return out;
  } finally {
    await server.dispose();
  }
}

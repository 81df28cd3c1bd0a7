import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { rebuildClientSearch } from '../server/modules/clients/client-search.repo.js';
import { benchDatabase } from './list-cache.js';
import { databaseSize, seedLeads, seedPeople } from './list-seed.js';
import os from 'node:os';
import { heading, login, ms, raiseBufferPool, report, request, startBenchServer, timeRepeats, writeResults } from './lib.js';

/**
 * The lead list at LIST_BENCH_LEADS leads (default 100,000) on SQLite, or on a fresh MariaDB/MySQL database next to
 * LIST_BENCH_DATABASE_URL when it is set: seeds in bulk, builds the search index as its migration does (timed, with
 * the database's size before and after), then times GET /api/leads as different people use it, searches
 * included. On MariaDB the InnoDB buffer pool is raised for the run to fit the indexes (raiseBufferPool, printed), as a
 * server holding a million leads would be configured. Target: p95 ≤ 50 ms for every query.
 */

export interface ListBenchOptions {
  leads?: number;
  repeats?: number;
  /** A MariaDB/MySQL URL: the bench makes and drops a database next to it. Unset: SQLite. */
  databaseUrl?: string;
}

const TARGET_MS = 50;

interface QueryCase {
  name: string;
  who: 'director' | 'curator' | 'manager' | 'assistant';
  url: string | (() => Promise<string>);
}

export async function runListBench(opts: ListBenchOptions = {}): Promise<Record<string, unknown>> {
  const total = opts.leads ?? Number(process.env.LIST_BENCH_LEADS ?? 100_000);
  const repeats = opts.repeats ?? Number(process.env.LIST_BENCH_REPEATS ?? 60);
  const databaseUrl = opts.databaseUrl ?? process.env.LIST_BENCH_DATABASE_URL;
  const store = await benchDatabase(total, databaseUrl);
  const { database } = store;
  heading(`list: GET /api/leads at ${total.toLocaleString('en')} leads on ${database}, ${repeats} timed requests per query`);
  const pool = databaseUrl ? await raiseBufferPool(databaseUrl) : null;
  const started = performance.now();
  const server = await startBenchServer(store.env).catch(async (e: unknown) => {
    await pool?.restore();
    throw e;
  });
  const startMs = performance.now() - started;
  try {
    if (store.seeded && store.pending > 0) report(`${store.pending} newer migration(s) applied to the kept database on start`, `${(startMs / 1000).toFixed(1)} s`);
    const db = server.deps.db;
    let seeded = store.seeded;
    if (!seeded) {
      const org = await seedPeople(db);
      const t0 = performance.now();
      const sample = await seedLeads(db, org, total);
      const seedMs = performance.now() - t0;
      const sizeWithout = await databaseSize(db);
      const t1 = performance.now();
      await rebuildClientSearch(db);
      const indexMs = performance.now() - t1;
      seeded = { seedMs, indexMs, sizeWithout, sizeWith: await databaseSize(db), sample };
      store.save(seeded);
    } else {
      report('seeded database reused (LIST_BENCH_FRESH=1 seeds again)', database === 'sqlite' ? store.env.DATABASE_URL : store.env.DATABASE_URL.replace(/^.*\//, ''));
    }
    const counts = await db('leads').count({ n: '*' }).first();
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
    report(`seeded ${Number(counts?.n).toLocaleString('en')} leads (INSERT … SELECT in the database)`, `${(seeded.seedMs / 1000).toFixed(1)} s`);
    report('search index built (as its migration does)', `${(seeded.indexMs / 1000).toFixed(1)} s`);
    report('database size without / with the search index', `${mb(seeded.sizeWithout)} / ${mb(seeded.sizeWith)}`);
    const sizeNow = await databaseSize(db);
    if (store.seeded) report('database size now (with the migrations applied since the seed)', mb(sizeNow));
    const { sample } = seeded;
    const person = (email: string, role: string) => ({ email, password: `${role}-bench-1` });
    const cookies = {
      director: await login(server.url, person('director@bench.local', 'director')),
      curator: await login(server.url, person('curator1@bench.local', 'curator')),
      manager: await login(server.url, person('manager1.1@bench.local', 'manager')),
      assistant: await login(server.url, person('assistant@bench.local', 'assistant')),
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = async (who: QueryCase['who'], url: string) => {
      const res = await request(agent, server.url, 'GET', url, undefined, { cookie: cookies[who] });
      if (res.status !== 200) throw new Error(`GET ${url} as ${who}: ${res.status} ${res.body.slice(0, 300)}`);
      return JSON.parse(res.body) as { items: unknown[]; nextCursor: string | null; total?: number };
    };
    const digits = sample.phone.slice(-7); // what someone types when they remember part of a number
    const typed = `+7 (${sample.phone.slice(2, 5)}) ${sample.phone.slice(5, 8)}-${sample.phone.slice(8, 10)}`; // `+7 (910) 029-69`
    const q = (text: string) => `/api/leads?q=${encodeURIComponent(text)}&limit=50`;
    const cases: QueryCase[] = [
      { name: 'director, no filter', who: 'director', url: '/api/leads?limit=50' },
      { name: 'curator, own department', who: 'curator', url: '/api/leads?limit=50' },
      { name: 'manager, own leads', who: 'manager', url: '/api/leads?limit=50' },
      { name: 'assistant, their manager\'s leads', who: 'assistant', url: '/api/leads?limit=50' },
      { name: 'status=interested', who: 'director', url: '/api/leads?status=interested&limit=50' },
      { name: 'curator, status=new, unassigned', who: 'curator', url: '/api/leads?status=new&ownerId=none&limit=50' },
      { name: 'flagged=true', who: 'director', url: '/api/leads?flagged=true&limit=50' },
      { name: 'curator, several statuses (with the exact total)', who: 'curator', url: '/api/leads?status=new,offer_sent,interested&limit=50' },
      { name: 'manager, sorted by client name', who: 'manager', url: '/api/leads?sort=client&limit=50' },
      { name: 'manager, sorted by status', who: 'manager', url: '/api/leads?sort=-status&limit=50' },
      { name: 'curator, open, sorted by owner (over 5,000: newest first)', who: 'curator', url: '/api/leads?status=open&sort=owner&limit=50' },
      { name: 'director, sorted by amount (over 5,000: newest first)', who: 'director', url: '/api/leads?sort=-amount&limit=50' },
      { name: 'q=name (common surname)', who: 'director', url: q('иванов') },
      { name: 'q=name + first name (rarer)', who: 'director', url: q('королёв ксения') },
      { name: 'q=ё typed as е (федоров)', who: 'director', url: q('федоров') },
      { name: 'q=short prefix (ив: Иван, Иванов…)', who: 'director', url: q('ив') },
      { name: 'curator, q=name', who: 'curator', url: q('петров') },
      { name: 'manager, q=name (own leads only)', who: 'manager', url: q('смирнов') },
      { name: 'manager, q=rare pair (maybe none of theirs)', who: 'manager', url: q('гусев артём') },
      { name: 'q=organization word (ромашка)', who: 'director', url: q('ромашка') },
      { name: 'q=address words (ленина 5)', who: 'director', url: q('ленина 5') },
      { name: `q=phone digits (${digits}, one client)`, who: 'director', url: q(digits) },
      { name: `q=phone typed with separators (${typed})`, who: 'director', url: q(typed) },
      { name: `q=whole phone, exact (${sample.phone})`, who: 'director', url: q(sample.phone) },
      { name: 'q=4 digits (many phones)', who: 'director', url: q(sample.phone.slice(-4)) },
      { name: `q=e-mail (${sample.email})`, who: 'director', url: q(sample.email) },
      { name: 'q=no match', who: 'director', url: q('несуществующий') },
      { name: 'curator, q=no match', who: 'curator', url: q('несуществующий') },
      {
        name: 'q=name, cursor page 2',
        who: 'director',
        url: async () => `${q('иванов')}&cursor=${encodeURIComponent((await get('director', q('иванов'))).nextCursor ?? '')}`,
      },
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

    const loadAverage = os.loadavg();
    console.log(`  load average: ${loadAverage.map((l) => l.toFixed(2)).join(', ')}`);
    console.log(`  ${'query (rows returned, total)'.padEnd(60)} p50 / p95`);
    const results: Record<string, { p50: number; p95: number; max: number; items: number; total?: number }> = {};
    let worstP95 = 0;
    for (const c of cases) {
      const url = typeof c.url === 'string' ? c.url : await c.url();
      let items = 0;
      let found: number | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await get(c.who, url); // warm-up
        items = page.items.length;
        found = page.total;
      }
      const sum = await timeRepeats(repeats, () => get(c.who, url));
      results[c.name] = { p50: sum.p50, p95: sum.p95, max: sum.max, items, total: found };
      worstP95 = Math.max(worstP95, sum.p95);
      const label = `${c.name} (${items}${found !== undefined ? `, ${found.toLocaleString('en')}` : ''})`;
      report(label, `${ms(sum.p50)} / ${ms(sum.p95)}`, { text: `p95 ≤ ${TARGET_MS} ms`, pass: sum.p95 <= TARGET_MS });
    }
    agent.destroy();
    report('worst p95 over all queries', ms(worstP95), { text: `p95 ≤ ${TARGET_MS} ms`, pass: worstP95 <= TARGET_MS });
    const { sample: _sample, ...seeding } = seeded;
    const out = { database, leads: total, repeats, ...seeding, sizeNow, loadAverage, loadAverageAfter: os.loadavg(), queries: results, worstP95 };
    console.log(`  results: ${writeResults('list', out)}`);
    return out;
  } finally {
    await server.dispose();
    await pool?.restore();
  }
}

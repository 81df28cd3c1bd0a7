import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { seedLeads, seedPeople } from './list-seed.js';
import { heading, login, ms, report, request, sleep, startBenchServer, summarize, writeResults } from './lib.js';

/**
 * Client base import and export at 100k: a 100k-line CSV (as 1C writes it: `;`, dd.mm.yyyy, phones without their
 * 8) imported while a curator keeps reading the lead list, and the 100k-lead list exported as CSV and XLSX.
 * Targets: the import in ≤ 60 s with GET /api/leads p99 ≤ 200 ms meanwhile; each export with the server's RSS
 * growing by ≤ 50 MB (the server runs in this process; the bench only counts the bytes it receives).
 */
export async function runImportBench(opts: { rows?: number; leads?: number } = {}): Promise<Record<string, unknown>> {
  const rows = opts.rows ?? 100_000;
  const leads = opts.leads ?? 100_000;
  heading(`import: ${rows.toLocaleString('en')} client lines while the list is read; export of ${leads.toLocaleString('en')} leads`);
  const server = await startBenchServer({ IMPORT_MAX_MB: '100' });
  try {
    const org = await seedPeople(server.deps.db);
    await seedLeads(server.deps.db, org, leads);
    const dept = org.departments[0];
    const director = await login(server.url, { email: 'director@bench.local', password: 'director-bench-1' });
    const curator = await login(server.url, dept.curator);

    const lines = ['Код;ФИО;Организация;Телефон;E-mail;Дата первого заказа;Сумма заказов;Менеджер'];
    for (let i = 1; i <= rows; i++) {
      const manager = dept.managers[i % dept.managers.length];
      lines.push(`C-${i};Клиент ${i};${i % 3 ? '' : 'ООО «Импорт»'};8812${String(1_000_000 + i).slice(-7)};${i % 2 ? `import${i}@mail.example` : ''};${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2023;${i % 1000},50;${manager.email}`);
    }
    const csv = Buffer.from(lines.join('\r\n'), 'utf8');
    const form = new FormData();
    form.append('file', new Blob([csv]), 'clients.csv');
    let t = performance.now();
    const up = await fetch(`${server.url}/api/imports`, { method: 'POST', body: form, headers: { cookie: director } });
    const upload = (await up.json()) as { id: number; guessedMapping: Record<string, number> };
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(upload)}`);
    const uploadMs = performance.now() - t;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = { mapping: upload.guessedMapping, departmentId: dept.id };
    t = performance.now();
    const dry = await request(agent, server.url, 'POST', `/api/imports/${upload.id}/dry-run`, body, { cookie: director });
    const dryMs = performance.now() - t;
    if (dry.status !== 200) throw new Error(`dry run: ${dry.status} ${dry.body.slice(0, 300)}`);

    // The import, and a curator reading their list all along.
    const listAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const listTimes: number[] = [];
    let importing = true;
    const reader = (async () => {
      while (importing) {
        const s = performance.now();
        const res = await request(listAgent, server.url, 'GET', '/api/leads?limit=50', undefined, { cookie: curator });
        if (res.status !== 200) throw new Error(`list: ${res.status}`);
        listTimes.push(performance.now() - s);
        await sleep(20);
      }
    })();
    t = performance.now();
    const run = await request(agent, server.url, 'POST', `/api/imports/${upload.id}/run`, body, { cookie: director });
    if (run.status !== 202) throw new Error(`run: ${run.status} ${run.body.slice(0, 300)}`);
    let outcome: { status: string; created: number; updated: number; skipped: number } = { status: 'running', created: 0, updated: 0, skipped: 0 };
    while (outcome.status === 'running') {
      await sleep(200);
      outcome = JSON.parse((await request(agent, server.url, 'GET', `/api/imports/${upload.id}`, undefined, { cookie: director })).body);
    }
    const importMs = performance.now() - t;
    importing = false;
    await reader;
    const list = summarize(listTimes);
    console.log(`  upload (read + guess) ${ms(uploadMs)}, dry run ${ms(dryMs)}; ${outcome.status}: ${outcome.created} created, ${outcome.updated} updated, ${outcome.skipped} skipped`);
    report(`import of ${rows.toLocaleString('en')} lines (run → done)`, `${(importMs / 1000).toFixed(1)} s`, { text: '≤ 60 s', pass: importMs <= 60_000 && outcome.status === 'done' });
    report(`GET /api/leads during the import (${list.n} requests) p50 / p99`, `${ms(list.p50)} / ${ms(list.p99)}`, { text: 'p99 ≤ 200 ms', pass: list.p99 <= 200 });

    const exports: Record<string, { ms: number; bytes: number; rssGrowthMb: number }> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
      const s = performance.now();
      const bytes = await new Promise<number>((resolve, reject) => {
        http.get(`${server.url}/api/leads/export?format=${format}`, { headers: { cookie: director } }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => resolve(n));
          res.on('error', reject);
        });
      });
      clearInterval(sampler);
      const growth = (peak - before) / 2 ** 20;
      exports[format] = { ms: performance.now() - s, bytes, rssGrowthMb: growth };
      report(`export of ${leads.toLocaleString('en')} leads as ${format.toUpperCase()} (${(bytes / 2 ** 20).toFixed(1)} MB in ${(exports[format].ms / 1000).toFixed(1)} s): RSS growth`, `${growth.toFixed(1)} MB`, { text: '≤ 50 MB', pass: growth <= 50 });
    }
    agent.destroy();
    listAgent.destroy();
    const results = { rows, leads, uploadMs, dryMs, importMs, outcome, list, exports };
    console.log(`  results: ${writeResults('import', results)}`);
    return results;
  } finally {
    await server.dispose();
  }
}

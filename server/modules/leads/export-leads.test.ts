import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';
import type { SessionUser } from '../../http/session-user.js';
import { exportedLeads } from './export-leads.js';

/** A file download as bytes, with the session of `client`. */
async function download(server: TestServer, client: Client, url: string): Promise<{ status: number; type: string; disposition: string; bytes: Buffer }> {
  const res = await fetch(server.url + url, { headers: { cookie: client.cookie } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
}

async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe(`lead and client export (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let curator: Client;
  let manager: Client;
  let director: Client;
  let seq = 100;
  const intake = (body: Record<string, unknown>) => new Client(server.url).post('/api/intake', { phone: `+7 911 000 ${String(seq++).padStart(4, '0')}`, ...body }, { 'x-site-key': team.site.key });

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    [curator, manager, director] = await Promise.all([loginAs(server, team.curator), loginAs(server, team.manager), loginAs(server, ADMIN)]);
    // Six leads of one client name, three of them the manager's; one whose name and comment look like formulas.
    for (let i = 0; i < 6; i++) {
      const res = await intake({ name: `Экспорт Клиент ${i}`, service: `Услуга ${i}` });
      if (i % 2 === 0) await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id });
    }
    const evil = await intake({ name: '=HYPERLINK("http://evil.example","x")', comment: '+1+cmd|calc', email: 'evil@example.com' });
    await curator.post(`/api/leads/${evil.body.leadId}/assign`, { managerId: team.manager.id });
  });
  afterAll(async () => server?.dispose());

  it('a CSV export is the filtered list, in the reader’s language, with a BOM, Excel-safe, and only what the user may see', async () => {
    const list = await curator.get('/api/leads?q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82&limit=200');
    expect(list.body.items).toHaveLength(6);
    const file = await download(server, curator, '/api/leads/export?format=csv&q=%D1%8D%D0%BA%D1%81%D0%BF%D0%BE%D1%80%D1%82');
    expect(file.status).toBe(200);
    expect(file.type).toContain('text/csv');
    expect(file.disposition).toContain('.csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(rows[0]).toContain('Статус');
    expect(rows[0]).toContain('Клиент');
    const ids = rows.slice(1).map((r) => Number(r[0]));
    expect(ids).toEqual(list.body.items.map((l: any) => l.id));
    const clientCol = rows[0].indexOf('Клиент');
    expect(rows.slice(1).map((r) => r[clientCol])).toEqual(list.body.items.map((l: any) => l.client.fullName));

    // The manager's export holds their own leads only, the same as their list.
    const mine = await manager.get('/api/leads?limit=200');
    const managerRows: string[][] = parseCsv((await download(server, manager, '/api/leads/export')).bytes.toString('utf8').slice(1));
    expect(managerRows.slice(1).map((r) => Number(r[0]))).toEqual(mine.body.items.map((l: any) => l.id));
    expect(managerRows).toHaveLength(1 + 4);

    // Formula-looking cells reach the spreadsheet as text.
    const evil = managerRows.find((r) => r.includes('evil@example.com'))!;
    expect(evil[clientCol]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(evil).toContain(`'+1+cmd|calc`);
  });

  it('an XLSX export carries the same rows; bad filters are a 400 naming the field', async () => {
    const list = await director.get('/api/leads?status=new&limit=200');
    const file = await download(server, director, '/api/leads/export?format=xlsx&status=new');
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const rows = await xlsxRows(file.bytes);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(list.body.items.map((l: any) => l.id));
    const bad = await director.get('/api/leads/export?format=pdf&status=nope');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['format', 'status.0']);
  });

  it('reads the database in keyset pages without losing or repeating a lead', async () => {
    const user: SessionUser = { id: 1, name: 'D', email: ADMIN.email, role: 'director', departmentId: null, assistsUserId: null, locale: null };
    const all: number[] = [];
    for await (const row of exportedLeads(server.deps, user, {}, 2)) all.push(Number(row.id));
    const list = await director.get('/api/leads?limit=200');
    expect(all).toEqual(list.body.items.map((l: any) => l.id));
    expect(new Set(all).size).toBe(7);
  });

  it('a client export lists every client the user may see with all their contacts', async () => {
    const rows: string[][] = parseCsv((await download(server, manager, '/api/clients/export?format=csv')).bytes.toString('utf8').slice(1));
    expect(rows[0]).toContain('Телефоны');
    const names = rows.slice(1).map((r) => r[rows[0].indexOf('ФИО')]);
    expect(names.sort()).toEqual(['Экспорт Клиент 0', 'Экспорт Клиент 2', 'Экспорт Клиент 4', `'=HYPERLINK("http://evil.example","x")`].sort());
    const all: string[][] = parseCsv((await download(server, director, '/api/clients/export?q=%D0%BA%D0%BB%D0%B8%D0%B5%D0%BD%D1%82')).bytes.toString('utf8').slice(1));
    expect(all).toHaveLength(1 + 6);
    const xlsx = await xlsxRows((await download(server, curator, '/api/clients/export?format=xlsx')).bytes);
    expect(xlsx).toHaveLength(1 + 7);
    expect(xlsx[0]).toContain('Телефоны');
  });
});

import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

/** Uploads a file as a browser would (multipart `file`). */
function upload(client: Client, name: string, content: Buffer | string) {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content)]), name);
  return client.post('/api/imports', form);
}

async function waitForReport(client: Client, id: number): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const res = await client.get(`/api/imports/${id}`);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

describe(`client import (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let manager: Client;
  let otherManager: Client;
  let curator: Client;
  let director: Client;
  let assistant: Client;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    [manager, otherManager, curator, director, assistant] = await Promise.all([
      loginAs(server, team.manager),
      loginAs(server, team.otherManager),
      loginAs(server, team.curator),
      loginAs(server, ADMIN),
      loginAs(server, team.assistant),
    ]);
  });
  afterAll(async () => server?.dispose());

  // What 1C writes on a Russian Windows: windows-1251, `;`, a title line above the header, a phone that lost its
  // leading 8, two phones in one cell, dd.mm.yyyy dates, and bad lines.
  const cp1251Csv = () =>
    iconv.encode(
      [
        'Выгрузка контрагентов на 01.12.2026;;;;;;',
        'Код;ФИО;Организация;Телефон;E-mail;День рождения;Сумма заказов;Менеджер',
        `К-001;Иванов Иван;ООО Ромашка;9161110001;ivanov@romashka.ru;17.05.1980;12 345,50;${team.otherManager.email}`,
        'К-002;Петров Пётр;;8 916 111-00-02, +7 (495) 123-45-67;;31.02.1990;;',
        'К-003;Без Контакта;;;;;;',
        'К-004;Сидоров;;12;sidorov@example;;много;',
        'К-005;Повтор Иванова;;+7 916 111 00 01;;;;',
        ';;;;;;;',
        '',
      ].join('\r\n'),
      'win1251',
    );

  it('reads a windows-1251 CSV, guesses the mapping, and the dry run lists each line’s problems without writing', async () => {
    const up = await upload(curator, 'контрагенты.csv', cp1251Csv());
    expect(up.status).toBe(201);
    expect(up.body.columns).toEqual(['Код', 'ФИО', 'Организация', 'Телефон', 'E-mail', 'День рождения', 'Сумма заказов', 'Менеджер']);
    expect(up.body.guessedMapping).toEqual({ externalId: 0, fullName: 1, organization: 2, phones: 3, emails: 4, birthday: 5, ordersAmount: 6, owner: 7 });
    expect(up.body.rows).toBe(5);
    expect(up.body.preview[0]).toMatchObject({ row: 3, cells: ['К-001', 'Иванов Иван', 'ООО Ромашка', '9161110001', 'ivanov@romashka.ru', '17.05.1980', '12 345,50', team.otherManager.email] });

    const dry = await curator.post(`/api/imports/${up.body.id}/dry-run`, { mapping: up.body.guessedMapping });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ rows: 5, ok: 2, created: 2, updated: 0, skipped: 3 });
    const codes = dry.body.problems.map((p: any) => [p.row, p.field, p.code]);
    expect(codes).toEqual([
      [4, 'birthday', 'date_invalid'],
      [5, null, 'no_contact'],
      [6, 'phones', 'phone_invalid'],
      [6, 'emails', 'email_invalid'],
      [6, null, 'no_contact'],
      [6, 'ordersAmount', 'number_invalid'],
      [7, null, 'duplicate_in_file'],
    ]);
    expect(dry.body.problems.find((p: any) => p.code === 'duplicate_in_file').message).toContain('3');
    expect(await server.deps.db('clients').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });

  it('imports with live progress; the report counts what went in; re-importing the same file updates, never duplicates', async () => {
    const up = await upload(curator, 'контрагенты.csv', cp1251Csv());
    const socket = await curator.connectSocket();
    try {
      const run = await curator.post(`/api/imports/${up.body.id}/run`, { mapping: up.body.guessedMapping });
      expect(run.status).toBe(202);
      const progress = await socket.waitFor('import:progress', (p) => p.id === up.body.id && p.status === 'done');
      expect(progress).toMatchObject({ done: 5, total: 5 });
    } finally {
      socket.close();
    }
    const report = await waitForReport(curator, up.body.id);
    expect(report).toMatchObject({ status: 'done', created: 2, updated: 0, skipped: 3 });
    expect(report.problems).toHaveLength(7);

    const ivanov = await server.deps.db('clients').where('external_id', 'К-001').first();
    expect(ivanov).toMatchObject({ full_name: 'Иванов Иван', organization: 'ООО Ромашка', owner_id: team.otherManager.id, department_id: team.department.id });
    expect(String(ivanov.birthday).slice(0, 10)).toBe('1980-05-17');
    expect(Number(ivanov.orders_amount)).toBe(12345.5);
    expect(await server.deps.db('client_phones').where('client_id', ivanov.id).pluck('phone')).toEqual(['+79161110001']);
    const petrov = await server.deps.db('clients').where('external_id', 'К-002').first();
    expect(await server.deps.db('client_phones').where('client_id', petrov.id).orderBy('id').pluck('phone')).toEqual(['+79161110002', '+74951234567']);
    expect(petrov.owner_id).toBeNull();

    // The owner sees the imported client (no lead needed); the other manager does not.
    expect((await otherManager.get(`/api/clients/${ivanov.id}`)).body.client.fullName).toBe('Иванов Иван');
    expect((await manager.get(`/api/clients/${ivanov.id}`)).status).toBe(404);

    // The same file again, one name changed: updates by external ID.
    const again = await upload(curator, 'контрагенты.csv', iconv.encode(iconv.decode(cp1251Csv(), 'win1251').replace('Иванов Иван', 'Иванов Иван Иванович'), 'win1251'));
    await curator.post(`/api/imports/${again.body.id}/run`, { mapping: again.body.guessedMapping });
    expect(await waitForReport(curator, again.body.id)).toMatchObject({ status: 'done', created: 0, updated: 2, skipped: 3 });
    expect(await server.deps.db('clients').whereNotNull('external_id').count({ n: '*' }).first()).toMatchObject({ n: 2 });
    expect((await server.deps.db('clients').where('id', ivanov.id).first()).full_name).toBe('Иванов Иван Иванович');

    const problems = await fetch(`${server.url}/api/imports/${up.body.id}/problems`, { headers: { cookie: curator.cookie } });
    expect(problems.headers.get('content-type')).toContain('text/csv');
    const csv = await problems.text();
    expect(csv).toContain('Нет ни телефона, ни e-mail');
  });

  it('a known phone joins the client as a website request does; a manager imports only for themselves', async () => {
    const site = await new Client(server.url).post('/api/intake', { name: 'С сайта', phone: '+7 917 000 00 01' }, { 'x-site-key': team.site.key });
    const lead = await curator.get(`/api/leads/${site.body.leadId}`);
    await curator.post(`/api/leads/${site.body.leadId}/assign`, { managerId: team.manager.id });
    const clientId = lead.body.lead.client.id;
    const file = 'Name,Phone,Email,Address,Manager\nНовое Имя,79170000001,site@example.com,Ленина 1,Someone Else\nСвой,+7 917 000 00 02,,,\n';
    const up = await upload(manager, 'clients.csv', file);
    expect(up.body.guessedMapping).toEqual({ fullName: 0, phones: 1, emails: 2, address: 3, owner: 4 });
    expect((await manager.post(`/api/imports/${up.body.id}/run`, { mapping: up.body.guessedMapping, ownerId: team.otherManager.id })).status).toBe(403);
    const dry = await manager.post(`/api/imports/${up.body.id}/dry-run`, { mapping: up.body.guessedMapping });
    expect(dry.body.problems.map((p: any) => p.code)).toEqual(['duplicate_existing', 'owner_unknown']);
    await manager.post(`/api/imports/${up.body.id}/run`, { mapping: up.body.guessedMapping });
    expect(await waitForReport(manager, up.body.id)).toMatchObject({ status: 'done', created: 1, updated: 1 });
    const joined = (await manager.get(`/api/clients/${clientId}`)).body.client;
    // Intake's rule: the name it had stays, what it lacked is learnt.
    expect(joined).toMatchObject({ fullName: 'С сайта', phones: ['+79170000001'], emails: ['site@example.com'], address: 'Ленина 1' });
    const own = await server.deps.db('clients').where('full_name', 'Свой').first();
    expect(own.owner_id).toBe(team.manager.id);

    // The other manager cannot change that client by importing its phone.
    const theirs = await upload(otherManager, 'c.csv', 'Имя;Телефон\nЧужой;+7 917 000 00 01\n');
    const theirDry = await otherManager.post(`/api/imports/${theirs.body.id}/dry-run`, { mapping: theirs.body.guessedMapping });
    expect(theirDry.body).toMatchObject({ ok: 0, skipped: 1 });
    expect(theirDry.body.problems[0].code).toBe('client_not_yours');
    // Someone else's import is not found; an assistant does not import.
    expect((await otherManager.get(`/api/imports/${up.body.id}`)).status).toBe(404);
    expect((await upload(assistant, 'c.csv', 'Имя;Телефон\nX;+79170000009\n')).status).toBe(403);
  });

  it('reads an xlsx with Excel dates and serials, a merged title row and phones stored as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Клиенты');
    ws.addRow(['Клиентская база']);
    ws.mergeCells('A1:E1');
    ws.addRow(['External ID', 'Full name', 'Phone', 'First order', 'Last order', 'Orders']);
    ws.addRow(['X-1', 'Anna', 79181112233, new Date(Date.UTC(2021, 2, 4)), 45000, 7]);
    ws.addRow(['X-2', 'Boris', 9181112234, '05.06.2022', '2024-01-31', '3']);
    ws.addRow([]);
    ws.addRow([]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(director, 'база.xlsx', buf);
    expect(up.status).toBe(201);
    expect(up.body.columns).toEqual(['External ID', 'Full name', 'Phone', 'First order', 'Last order', 'Orders']);
    expect(up.body.guessedMapping).toEqual({ externalId: 0, fullName: 1, phones: 2, firstOrderAt: 3, lastOrderAt: 4, ordersCount: 5 });
    expect(up.body.rows).toBe(2);
    const noDepartment = await director.post(`/api/imports/${up.body.id}/run`, { mapping: up.body.guessedMapping });
    expect(noDepartment.status).toBe(400);
    expect(noDepartment.body.error.fields).toHaveProperty('departmentId');
    await director.post(`/api/imports/${up.body.id}/run`, { mapping: up.body.guessedMapping, departmentId: team.department.id });
    expect(await waitForReport(director, up.body.id)).toMatchObject({ status: 'done', created: 2, problems: [] });
    const anna = await server.deps.db('clients').where('external_id', 'X-1').first();
    expect([String(anna.first_order_at).slice(0, 10), String(anna.last_order_at).slice(0, 10), Number(anna.orders_count)]).toEqual(['2021-03-04', '2023-03-15', 7]);
    expect(await server.deps.db('client_phones').where('client_id', anna.id).pluck('phone')).toEqual(['+79181112233']);
    const boris = await server.deps.db('clients').where('external_id', 'X-2').first();
    expect([String(boris.first_order_at).slice(0, 10), String(boris.last_order_at).slice(0, 10)]).toEqual(['2022-06-05', '2024-01-31']);
    expect(await server.deps.db('client_phones').where('client_id', boris.id).pluck('phone')).toEqual(['+79181112234']);
  });

  it('refuses files that are no client list with a clear 4xx and keeps nothing', async () => {
    const before = await server.deps.db('imports').count({ n: '*' }).first();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(2000, 0)]);
    const cases: [string, Buffer | string, number, string][] = [
      ['program.exe', exe, 415, 'import_file_type'],
      ['renamed.csv', exe, 415, 'import_file_type'],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(500, 7)]), 400, 'import_broken'],
      ['locked.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]), 400, 'import_encrypted'],
      ['wide.csv', `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(';')}\n${'x;'.repeat(9_999)}x\n`, 400, 'import_too_many_columns'],
      ['empty.csv', ';;;\n\n', 400, 'import_empty'],
    ];
    for (const [name, content, status, code] of cases) {
      const res = await upload(curator, name, content);
      expect(res.status, name).toBe(status);
      expect(res.body.error.code, name).toBe(code);
      expect(res.body.error.message, name).not.toMatch(/import_/);
    }
    expect(await server.deps.db('imports').count({ n: '*' }).first()).toEqual(before);
  });

  it('refuses a zip bomb before unpacking it, and a file over the size limit', async () => {
    // One sheet of 60 MB of spaces packs into about 60 kB: a thousand times its size.
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(60 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const res = await upload(curator, 'bomb.xlsx', bomb);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('import_bomb');
    const big = await upload(curator, 'big.csv', Buffer.alloc(server.config.importMaxBytes + 1, 0x41));
    expect(big.status).toBe(413);
  }, 30_000);
});

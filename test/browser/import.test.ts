import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, logIn, screenshot } from './browser.js';

/**
 * A curator brings their client base from Excel: uploads a small .xlsx, corrects the one column the app could not
 * guess, sees the dry run's problem, imports, and the clients are there (the export of the client list shows them).
 */
describe('importing a client list in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let file = '';
  const curator = { name: 'Clara Curator', email: 'clara@import.test', password: 'clara-pass-1' };

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'en' });
    browser = await launchBrowser();
    const director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const dept = await director.post('/api/departments', { name: 'Sales', phoneNumbers: ['8435550022'] });
    expect((await director.post('/api/users', { ...curator, role: 'curator', departmentId: dept.body.department.id })).status).toBe(201);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Clients');
    ws.addRow(['Client base, December']);
    ws.mergeCells('A1:D1');
    ws.addRow(['ID', 'Full name', 'Tel', 'Kundennummer']);
    ws.addRow(['A-1', 'Anna Import', 79160000101, 'note 1']);
    ws.addRow(['A-2', 'Boris Import', 9160000102, 'note 2']);
    ws.addRow(['A-3', 'Nobody Reachable', null, 'note 3']);
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-')), 'clients.xlsx');
    await wb.xlsx.writeFile(file);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('upload → mapping preview → dry run → import with progress → the clients are in', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await page.goto('/');
    await logIn(page, curator.email, curator.password);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file').setInputFiles(file);

    const mapping = page.getByTestId('import-mapping');
    await expect.poll(() => mapping.innerText()).toContain('Anna Import');
    expect(await page.getByTestId('import-column-0').inputValue()).toBe('externalId');
    expect(await page.getByTestId('import-column-1').inputValue()).toBe('fullName');
    expect(await page.getByTestId('import-column-2').inputValue()).toBe('phones');
    // An unknown header is not guessed: the curator says it is a comment.
    expect(await page.getByTestId('import-column-3').inputValue()).toBe('');
    await page.getByTestId('import-column-3').selectOption('comment');

    await page.getByTestId('import-dry-run').click();
    const dry = page.getByTestId('import-dry-result');
    await expect.poll(() => dry.innerText()).toContain('To add: 2');
    expect(await dry.innerText()).toContain('Neither a phone nor an e-mail');
    await screenshot(page, 'import-dry-run');

    await page.getByTestId('import-run').click();
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.innerText(), { timeout: 15_000 }).toContain('Added: 2');
    await screenshot(page, 'import-report');

    const csv = await page.evaluate(async () => (await fetch('/api/clients/export?format=csv')).text());
    expect(csv).toContain('Anna Import');
    expect(csv).toContain('+79160000102');
    expect(csv).toContain('note 1');
    expect(csv).not.toContain('Nobody Reachable');
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../server/db/knex.js';
import { insertDepartment, insertStaff } from '../helpers/factories.js';
import { ADMIN, Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, screenshot } from './browser.js';

/** Wednesday of last week, 12:00 UTC: inside "last week" in any time zone from UTC−11 to UTC+11. */
function lastWeekWednesday(now = new Date()): Date {
  const mondayOffset = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - mondayOffset - 5, 12));
}

/**
 * A head of sales reads the week: the director opens Reports, picks last week, compares two managers in the table
 * and a chart, and a click on a number opens exactly those leads. The install speaks Russian (the screenshots).
 */
describe('Reports in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const anna = { name: 'Анна Смирнова', id: 0 };
  const boris = { name: 'Борис Орлов', id: 0 };

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'ru' });
    browser = await launchBrowser(['--lang=ru']);
    const department = await insertDepartment(server, { name: 'Продажи — Казань' });
    await insertStaff(server, { role: 'curator', departmentId: department.id, name: 'Клара Куратор' });
    anna.id = (await insertStaff(server, { role: 'manager', departmentId: department.id, name: anna.name })).id;
    boris.id = (await insertStaff(server, { role: 'manager', departmentId: department.id, name: boris.name })).id;

    // Leads typed in and assigned through the API, then moved to last week (arrival, assignment and their history).
    const api = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const wednesday = lastWeekWednesday();
    const leads: [string, string, number][] = [
      ['Ольга Ветрова', '+79165550101', anna.id],
      ['Павел Зимин', '+79165550102', anna.id],
      ['Роман Лесков', '+79165550103', boris.id],
      ['Семён Старый', '+79165550104', anna.id], // assigned three weeks ago: not last week's
    ];
    for (const [i, [name, phone, managerId]] of leads.entries()) {
      const res = await api.post('/api/leads', { name, phone, departmentId: department.id, managerId });
      expect(res.status).toBe(201);
      const leadId = res.body.lead.id as number;
      const arrived = new Date(wednesday.getTime() + i * 3_600_000 - (i === 3 ? 14 * 86_400_000 : 0));
      const assigned = new Date(arrived.getTime() + (i + 1) * 120_000);
      const db = server.deps.db;
      await db('leads').where('id', leadId).update({ created_at: toDbTime(arrived), updated_at: toDbTime(assigned), assigned_at: toDbTime(assigned) });
      await db('lead_history').where('lead_id', leadId).update({ created_at: toDbTime(assigned) });
    }
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.waitForSelector('[data-testid="app-shell"]');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the director picks last week and sees two managers side by side, with a chart', async () => {
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('managers-table').waitFor();
    const managerRequests: string[] = [];
    const onRequest = (r: { url(): string }) => void (r.url().includes('/api/stats/managers') && managerRequests.push(r.url()));
    page.on('request', onRequest);
    await page.getByTestId('period-lastWeek').click();
    expect(page.url()).toContain('period=lastWeek');
    const table = page.getByTestId('managers-table');
    await expect.poll(() => table.innerText()).toContain(anna.name);
    expect(await table.innerText()).toContain(boris.name);
    const assigned = (id: number) => page.getByTestId(`manager-row-${id}`).locator('[data-figure="leadsAssigned"] a').innerText();
    expect(await assigned(anna.id)).toBe('2');
    expect(await assigned(boris.id)).toBe('1');
    expect(await page.getByTestId('totals-row').locator('[data-figure="leadsAssigned"] a').innerText()).toBe('3');
    // No first contact yet: no samples, shown as a dash, never 0.
    expect(await page.getByTestId(`manager-row-${anna.id}`).locator('[data-figure="contactMedian"]').innerText()).toBe('—');
    const chart = page.getByTestId('chart-leadsAssigned');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBe(2);
    expect(await chart.innerText()).toContain(boris.name);
    // The per-day line: a line per manager over the week's seven days, from the week's one answer (not a request a day).
    const daily = page.getByTestId('chart-daily');
    await daily.locator('.recharts-line').first().waitFor();
    expect(await daily.locator('.recharts-line').count()).toBe(2);
    expect(await daily.locator('.recharts-xAxis .recharts-cartesian-axis-tick').count()).toBe(7);
    page.off('request', onRequest);
    expect(managerRequests).toHaveLength(1);
    expect(new URL(managerRequests[0]!).searchParams.get('timeZone')).toBeTruthy();
    await screenshot(page, 'reports-1440-ru');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'reports-390-ru');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a click on a manager’s number opens exactly those leads in the lead list', async () => {
    await page.getByTestId(`manager-row-${anna.id}`).locator('[data-figure="leadsAssigned"] a').click();
    await page.waitForURL(/\/leads\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('ownerId')).toBe(String(anna.id));
    expect(url.searchParams.get('assignedFrom')).not.toBeNull();
    await expect.poll(() => page.getByTestId('report-filter').innerText()).toMatch(/Из отчёта/);
    const rows = page.locator('[data-testid^="lead-row-"]');
    await expect.poll(() => rows.count()).toBe(2);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Ольга Ветрова');
    expect(text).toContain('Павел Зимин');
    expect(text).not.toContain('Роман Лесков');
    expect(text).not.toContain('Семён Старый');
    await screenshot(page, 'reports-drill-1440-ru');
  });
});

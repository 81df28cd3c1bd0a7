import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDepartment, insertStaff } from '../helpers/factories.js';
import { ADMIN, Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/** The director sets a department's speed-to-lead thresholds and working hours on its dialog (Russian screens). */
describe('Speed-to-lead settings in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let departmentId = 0;

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'ru' });
    browser = await launchBrowser(['--lang=ru']);
    departmentId = (await insertDepartment(server, { name: 'Продажи — Екатеринбург' })).id;
    ({ page } = await loginAs(browser, server.url, ADMIN.email, ADMIN.password, { locale: 'ru-RU' }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('changes thresholds, days, hours and time zone, and the department keeps them', async () => {
    await page.getByTestId('nav-team').click();
    await page.getByTestId(`department-row-${departmentId}`).getByRole('button').click();
    const settings = page.getByTestId('speed-to-lead');
    expect(await settings.innerText()).toContain('Скорость реакции');
    await page.getByTestId('speed-unassigned').fill('7');
    await page.getByTestId('speed-first-contact').fill('20');
    await settings.getByRole('checkbox', { name: 'пт' }).uncheck();
    await settings.getByRole('checkbox', { name: 'сб' }).check();
    await page.getByTestId('speed-from').fill('10:00');
    await page.getByTestId('speed-to').fill('19:30');
    await page.getByTestId('speed-time-zone').fill('Asia/Yekaterinburg');
    await screenshot(page, 'speed-to-lead-dialog-ru');
    await page.getByTestId('department-save').click();
    await page.getByTestId('speed-to-lead').waitFor({ state: 'detached' });

    const api = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    expect((await api.get(`/api/departments/${departmentId}`)).body.department.speedToLead).toEqual({
      unassignedMinutes: 7,
      firstContactMinutes: 20,
      workingHours: { timeZone: 'Asia/Yekaterinburg', days: [1, 2, 3, 4, 6], from: '10:00', to: '19:30' },
    });
  });

  it('names a time zone it does not know, in Russian, next to the field', async () => {
    await page.getByTestId(`department-row-${departmentId}`).getByRole('button').click();
    await page.getByTestId('speed-time-zone').fill('Марс/Олимп');
    await page.getByTestId('department-save').click();
    await expect.poll(() => page.getByTestId('speed-to-lead').innerText()).toContain('Неизвестный часовой пояс');
  });

  it('gives a manager working hours of their own, starting from the department’s, and keeps them', async () => {
    const manager = await insertStaff(server, { role: 'manager', departmentId, name: 'Вечерняя Смена' });
    await page.goto(`${server.url}/team`);
    await page.getByTestId(`user-row-${manager.id}`).getByRole('button').click();
    await page.getByTestId('user-own-hours').check();
    const hours = page.getByTestId('user-hours');
    // The department's hours (set above) are where they start.
    expect(await page.getByTestId('user-hours-time-zone').inputValue()).toBe('Asia/Yekaterinburg');
    await hours.getByRole('checkbox', { name: 'сб' }).uncheck();
    await page.getByTestId('user-hours-from').fill('15:00');
    await page.getByTestId('user-hours-to').fill('23:00');
    await screenshot(page, 'user-own-hours-ru');
    await page.getByTestId('user-save').click();
    await hours.waitFor({ state: 'detached' });
    const api = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const saved = (await api.get('/api/users')).body.items.find((u: { id: number }) => u.id === manager.id);
    expect(saved.workingHours).toEqual({ timeZone: 'Asia/Yekaterinburg', days: [1, 2, 3, 4], from: '15:00', to: '23:00' });
  });
});

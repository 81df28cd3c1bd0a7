import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../server/db/knex.js';
import { insertDepartment, insertSite, insertStaff, type TestUser } from '../helpers/factories.js';
import { ADMIN, Client, startTestServer, type LiveSocket, type TestServer } from '../helpers/server.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

const ALWAYS = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };

/** A curator's Monday morning in Russian: leads waiting against a 10-minute deadline, three of them given to one manager at once. */
describe('The curator’s inbox in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let away: TestUser;
  let present: TestUser;
  let presentTab: LiveSocket;
  const leadIds: number[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'ru' });
    browser = await launchBrowser(['--lang=ru']);
    const dept = await insertDepartment(server, { name: 'Продажи — Казань' });
    const director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const patched = await director.patch(`/api/departments/${dept.id}`, { speedToLead: { unassignedMinutes: 10, firstContactMinutes: 30, workingHours: ALWAYS } });
    expect(patched.status).toBe(200);
    const site = await insertSite(server, { departmentId: dept.id, name: 'kuhni-kazan.ru' });
    const curator = await insertStaff(server, { role: 'curator', departmentId: dept.id, name: 'Анна Кузнецова' });
    away = await insertStaff(server, { role: 'manager', departmentId: dept.id, name: 'Борис Орлов' });
    present = await insertStaff(server, { role: 'manager', departmentId: dept.id, name: 'Вера Смирнова' });
    presentTab = await (await new Client(server.url).login(present.email, present.password)).connectSocket();
    const requests = [
      { name: 'Ольга Петрова', phone: '8 (916) 555-12-34', service: 'Кухня', comment: 'Перезвоните после пяти, нужен замер', ageMin: 25 },
      { name: 'Игорь Белов', phone: '8 (916) 555-22-33', service: 'Шкаф-купе', comment: '', ageMin: 6 },
      { name: 'ООО «Ромашка»', phone: '8 (916) 555-44-55', service: '', comment: 'Сколько стоит доставка в Казань?', ageMin: 1 },
      { name: 'Пётр Соколов', phone: '8 (916) 555-66-77', service: 'Прихожая', comment: 'Хочу посмотреть образцы', ageMin: 0 },
    ];
    for (const r of requests) {
      const res = await new Client(server.url).post('/api/intake', { name: r.name, phone: r.phone, service: r.service, comment: r.comment }, { 'x-site-key': site.key });
      expect(res.status).toBe(201);
      const id = res.body.leadId as number;
      await server.deps.db('leads').where('id', id).update({ created_at: toDbTime(new Date(Date.now() - r.ageMin * 60_000)) });
      leadIds.push(id);
    }
    ({ page } = await loginAs(browser, server.url, curator.email, curator.password, { locale: 'ru-RU' }));
  });
  afterAll(async () => {
    presentTab?.close();
    await browser?.close();
    await server?.dispose();
  });

  it('shows how long each lead waits against the deadline, what the client asks for and from which site; the title counts them', async () => {
    await page.getByTestId('nav-inbox').click();
    const [oldest, amber, fresh] = leadIds as [number, number, number, number];
    const row = (id: number) => page.getByTestId(`lead-row-${id}`);
    await row(oldest).waitFor();
    expect(await row(oldest).getAttribute('data-wait')).toBe('late');
    expect(await row(amber).getAttribute('data-wait')).toBe('soon');
    expect(await row(fresh).getAttribute('data-wait')).toBe('fresh');
    const text = await row(oldest).innerText();
    expect(text).toContain('Кухня · Перезвоните после пяти, нужен замер');
    expect(text).toContain('kuhni-kazan.ru');
    expect(text).toMatch(/2[56] мин/);
    expect(text).not.toContain('Не назначен');
    // Oldest first: the one past its deadline is on top.
    expect(await page.locator('[data-testid^="lead-row-"]').first().getAttribute('data-testid')).toBe(`lead-row-${oldest}`);
    await expect.poll(() => page.title()).toBe('(4) Leadline');
    expect(await page.getByTestId('inbox-count').getAttribute('data-late')).toBe('1');
    // Opening a lead is "seen", not "handled": it still counts.
    await row(fresh).click();
    await page.getByTestId('lead-quick-view').waitFor();
    await page.goto('/inbox');
    await row(oldest).waitFor();
    await expect.poll(() => page.title()).toBe('(4) Leadline');
    await screenshot(page, 'inbox-1-waiting-1440');
    // Asked once: "Not now" is an answer, and the question does not come back.
    await page.getByTestId('notification-later').click();
    await page.reload();
    await row(oldest).waitFor();
    expect(await page.getByTestId('notification-ask').count()).toBe(0);
  });

  it('gives three leads to one manager at once: click, Shift-click, the "a" key, next in turn on top, a warning for someone away', async () => {
    const [first, , third, fourth] = leadIds as [number, number, number, number];
    await page.getByTestId(`inbox-check-${first}`).click();
    await page.getByTestId(`inbox-check-${third}`).click({ modifiers: ['Shift'] });
    expect(await page.getByTestId('bulk-bar').innerText()).toContain('Выбрано 3');
    await page.locator('body').press('a');
    const menu = page.getByTestId('inbox-assign-menu');
    await menu.waitFor();
    expect(await page.getByTestId('assign-next-in-turn').innerText()).toMatch(/Следующий по очереди\s*Вера Смирнова/);
    await screenshot(page, 'inbox-2-assign-menu-1440');
    await page.getByTestId(`bulk-assign-option-${away.id}`).click();
    expect(await page.getByTestId('assign-absent-warning').innerText()).toContain('Борис Орлов сейчас: не в сети');
    await screenshot(page, 'inbox-3-away-warning-1440');
    await page.getByTestId('assign-anyway').click();

    await expect.poll(() => page.locator('[data-testid^="lead-row-"]').count()).toBe(1);
    await page.getByTestId(`lead-row-${fourth}`).waitFor();
    await expect.poll(() => page.title()).toBe('(1) Leadline');
    const director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    for (const id of leadIds.slice(0, 3)) {
      expect((await director.get(`/api/leads/${id}`)).body.lead.ownerName).toBe('Борис Орлов');
      const assigned = (await director.get(`/api/leads/${id}/history`)).body.items.filter((h: { action: string }) => h.action === 'assigned');
      expect(assigned).toHaveLength(1);
    }
  });

  it('assigns from the row on a phone-sized screen', async () => {
    const [, , , fourth] = leadIds as [number, number, number, number];
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId(`inbox-assign-${fourth}`).click();
    await screenshot(page, 'inbox-4-row-assign-390');
    await page.getByTestId('assign-next-in-turn').click();
    await expect.poll(() => page.locator('[data-testid^="lead-row-"]').count()).toBe(0);
    await presentTab.waitFor('lead:assigned', (p) => p.lead.id === fourth);
    await screenshot(page, 'inbox-5-empty-390');
  });
});

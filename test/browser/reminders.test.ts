import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDbTime } from '../../server/db/knex.js';
import { insertTeam } from '../helpers/factories.js';
import { Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/** A manager's day in Russian: what came due while away pops once, the to-do list, a reminder moved to tomorrow 10:00. */
describe('Reminders as a to-do list in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let missedId = 0;
  let laterId = 0;
  let forgottenLead = 0;

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'ru' });
    browser = await launchBrowser(['--lang=ru']);
    team = await insertTeam(server);
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    const manager = await new Client(server.url).login(team.manager.email, team.manager.password);
    const leads: number[] = [];
    for (const [name, phone] of [
      ['Ольга Петрова', '8 (916) 555-12-34'],
      ['Игорь Белов', '8 (916) 555-22-33'],
    ] as const) {
      const res = await new Client(server.url).post('/api/intake', { name, phone }, { 'x-site-key': team.site.key });
      expect((await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id })).status).toBe(200);
      leads.push(res.body.leadId);
    }
    forgottenLead = leads[1]!;
    const later = await manager.post(`/api/leads/${leads[0]}/reminders`, { at: new Date(Date.now() + 20 * 60_000).toISOString(), text: 'Отправить КП' });
    laterId = later.body.reminder.id;
    // Came due (and fired) an hour ago, while no tab was open.
    const hourAgo = toDbTime(new Date(Date.now() - 3600_000));
    const [id] = await server.deps.db('reminders').insert({ lead_id: leads[0], user_id: team.manager.id, kind: 'callback', due_at: hourAgo, text: 'Перезвонить насчёт замера', created_by: team.manager.id, created_at: hourAgo, fired_at: hourAgo });
    missedId = Number(id);
    ({ page } = await loginAs(browser, server.url, team.manager.email, team.manager.password, { locale: 'ru-RU' }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('pops what came due while the browser was closed, once', async () => {
    const toast = page.locator(`[data-testid="reminder-toast"][data-reminder-id="${missedId}"]`);
    await toast.waitFor();
    expect(await toast.innerText()).toContain('Перезвонить насчёт замера');
    expect(await toast.innerText()).toContain('Ольга Петрова');
    await page.getByTestId('notification-later').click();
    await screenshot(page, 'reminders-1-missed-pop-1440');
    await page.reload();
    await page.getByTestId('app-shell').waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('reminder-toast').count()).toBe(0);
  });

  it('lists overdue, today and upcoming with the client, phone and lead; a reminder moved to tomorrow 10:00 goes to upcoming', async () => {
    await page.getByTestId('nav-reminders').click();
    const overdue = page.getByTestId('todo-overdue');
    await overdue.getByTestId(`reminder-row-${missedId}`).waitFor();
    const line = await overdue.getByTestId(`reminder-row-${missedId}`).innerText();
    expect(line).toContain('Ольга Петрова');
    expect(line).toContain('+7 916 555-12-34');
    const section = (await page.getByTestId('todo-today').getByTestId(`reminder-row-${laterId}`).count()) ? 'todo-today' : 'todo-upcoming';
    await page.getByTestId(section).getByTestId(`reminder-row-${laterId}`).waitFor();
    await screenshot(page, 'reminders-2-todo-1440');

    await page.getByTestId(`reschedule-${missedId}`).click();
    await page.getByTestId('reschedule-menu').waitFor();
    await screenshot(page, 'reminders-3-reschedule-1440');
    await page.getByTestId('reschedule-tomorrow').click();
    await page.getByTestId('todo-upcoming').getByTestId(`reminder-row-${missedId}`).waitFor();
    expect(await overdue.getByTestId(`reminder-row-${missedId}`).count()).toBe(0);
    const expected = await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() + 1);
      d.setHours(10, 0, 0, 0);
      return d.toISOString();
    });
    const manager = await new Client(server.url).login(team.manager.email, team.manager.password);
    const moved = (await manager.get('/api/reminders')).body.items.find((r: { id: number }) => r.id === missedId);
    expect(moved.dueAt).toBe(expected);
  });

  it('shows the leads without a next step, and fits a phone', async () => {
    await page.getByTestId('view-no-next-step').click();
    await page.getByTestId(`no-next-step-${forgottenLead}`).waitFor();
    expect(await page.getByTestId('no-next-step-list').innerText()).toContain('Игорь Белов');
    expect(await page.getByTestId('no-next-step-list').innerText()).not.toContain('Ольга Петрова');
    await screenshot(page, 'reminders-4-no-next-step-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('view-todo').click();
    await page.getByTestId('todo-upcoming').waitFor();
    await screenshot(page, 'reminders-5-todo-390');
  });
});

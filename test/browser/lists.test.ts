import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../helpers/server.js';
import { insertTeam } from '../helpers/factories.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/**
 * A manager narrows the lead list to two statuses, sorts it by client, saves that as a view, leaves it and comes back
 * through the view; their own list has no owner column.
 */
describe('lead list views in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof insertTeam>>;

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'en' });
    browser = await launchBrowser();
    team = await insertTeam(server);
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    const statuses: Record<string, string> = { 'Vera Orlova': 'offer_sent', 'Anna Belova': 'interested', 'Boris Zotov': 'offer_sent', 'Gleb Panin': 'new' };
    let n = 0;
    for (const [name, status] of Object.entries(statuses)) {
      const res = await new Client(server.url).post('/api/intake', { name, phone: `+7916123100${n++}` }, { 'x-site-key': team.site.key });
      const assigned = await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id });
      if (status !== 'new') expect((await curator.patch(`/api/leads/${res.body.leadId}`, { version: assigned.body.lead.version, status })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('two statuses, sorted by client, saved as a view and opened again from the views menu', async () => {
    const { context, page } = await loginAs(browser, server.url, team.manager.email, team.manager.password);
    await page.getByTestId('nav-leads').click();
    const rows = page.locator('[data-testid^="lead-row-"]');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await page.locator('th.col-owner').count()).toBe(0);
    await expect.poll(() => page.getByTestId('leads-page').innerText()).toContain('4 leads');

    await page.getByTestId('filter-status').click();
    await page.getByTestId('filter-status-offer_sent').check();
    await page.getByTestId('filter-status-interested').check();
    await page.keyboard.press('Escape');
    await page.getByTestId('sort-client').click();
    const names = async () => (await rows.locator('.client-name').allInnerTexts()).map((s) => s.trim());
    await expect.poll(names).toEqual(['Anna Belova', 'Boris Zotov', 'Vera Orlova']);
    await page.getByTestId('sort-client').click();
    await expect.poll(names).toEqual(['Vera Orlova', 'Boris Zotov', 'Anna Belova']);

    await page.getByTestId('views-button').click();
    await page.getByTestId('view-name').fill('Hot, Z to A');
    await page.getByTestId('view-save').click();
    await expect.poll(() => page.getByTestId('views-button').innerText()).toContain('Hot, Z to A');
    await screenshot(page, 'lists-saved-view');

    // Away and back through the view.
    await page.goto('/leads');
    await expect.poll(() => rows.count()).toBe(4);
    await page.getByTestId('views-button').click();
    await page.getByTestId('view-Hot, Z to A').click();
    await expect.poll(names).toEqual(['Vera Orlova', 'Boris Zotov', 'Anna Belova']);
    expect(new URL(page.url()).searchParams.get('status')).toBe('offer_sent,interested');
    await context.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../helpers/server.js';
import { insertTeam } from '../helpers/factories.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/**
 * A manager opens the client base on a phone: finds a client by phone digits, opens the card with the client's
 * leads and totals, and from the card opens one of the leads.
 */
describe('the clients page in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  const leadIds: number[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'en' });
    browser = await launchBrowser();
    team = await insertTeam(server);
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    for (const body of [{ name: 'Anna Kovaleva', phone: '+79161230001', service: 'Windows' }, { name: 'Anna Kovaleva', phone: '+79161230001', service: 'Doors' }, { name: 'Boris Lebedev', phone: '+79161230002' }]) {
      const res = await new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
      expect(res.status).toBe(201);
      expect((await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id })).status).toBe(200);
      leadIds.push(res.body.leadId);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('search → client card with leads and totals → the lead opens (390 px wide)', async () => {
    const { context, page } = await loginAs(browser, server.url, team.manager.email, team.manager.password);
    await page.getByTestId('nav-clients').click();
    const table = page.getByTestId('clients-table');
    await expect.poll(() => table.innerText()).toContain('Boris Lebedev');
    await page.getByRole('link', { name: 'Boris Lebedev' }).click();
    await expect.poll(() => page.getByTestId('client-totals').innerText()).toContain('Leads 1');
    await screenshot(page, 'clients-1440');
    await page.getByTestId('client-card-close').click();
    await page.setViewportSize({ width: 390, height: 800 });
    expect(await table.innerText()).toContain('Anna Kovaleva');

    await page.getByTestId('clients-search').fill('230001');
    await expect.poll(() => table.innerText()).not.toContain('Boris Lebedev');
    expect(await page.getByTestId('export-csv').getAttribute('href')).toContain('q=230001');
    await page.getByRole('link', { name: 'Anna Kovaleva' }).click();

    const card = page.getByTestId('client-card');
    await expect.poll(() => page.getByTestId('client-totals').innerText()).toContain('Leads 2');
    expect(await page.getByTestId('client-leads').innerText()).toContain('Doors');
    // The page does not scroll sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'client-card-390');

    // Someone moves one of the client's leads on: the card on screen follows.
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    const current = (await curator.get(`/api/leads/${leadIds[1]}`)).body.lead;
    expect((await curator.patch(`/api/leads/${leadIds[1]}`, { version: current.version, status: 'refused_self' })).status).toBe(200);
    await expect.poll(() => page.getByTestId('client-totals').innerText()).toContain('Open 1');

    await card.getByTestId(`client-lead-${leadIds[0]}`).click();
    await expect.poll(() => page.getByTestId('lead-quick-view').getAttribute('data-lead-id')).toBe(String(leadIds[0]));
    await context.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../helpers/server.js';
import { insertTeam } from '../helpers/factories.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/**
 * A manager (English screens) tags a client VIP on the client card, sees the segment badges there and on the lead
 * card, and filters both lists by segment and loyalty stage.
 */
describe('client segments in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  const leadIds: number[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'en' });
    browser = await launchBrowser();
    team = await insertTeam(server);
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    const manager = await new Client(server.url).login(team.manager.email, team.manager.password);
    for (const body of [{ name: 'Irina Buyer', phone: '+79161240001' }, { name: 'Pavel Asker', phone: '+79161240002' }]) {
      const res = await new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
      const assigned = await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id });
      leadIds.push(res.body.leadId);
      if (body.name === 'Irina Buyer') await manager.patch(`/api/leads/${res.body.leadId}`, { version: assigned.body.lead.version, status: 'contract_signed', amount: 5000 });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('tag on the client card, badges on both cards, segment and loyalty filters on both lists', async () => {
    const { context, page } = await loginAs(browser, server.url, team.manager.email, team.manager.password);
    await page.getByTestId('nav-clients').click();
    const table = page.getByTestId('clients-table');
    await expect.poll(() => table.innerText()).toContain('Pavel Asker');
    await page.getByRole('link', { name: 'Irina Buyer' }).click();
    const card = page.getByTestId('client-card');
    await expect.poll(() => card.getByTestId('segment-badges').innerText()).toMatch(/Class A[\s\S]*Bought once/);
    await card.getByTestId('client-tag').selectOption('vip');
    await expect.poll(() => card.getByTestId('segment-badges').innerText()).toContain('VIP');
    await screenshot(page, 'segments-client-card');

    await page.getByTestId('filter-segment').selectOption('vip');
    await expect.poll(() => table.innerText()).not.toContain('Pavel Asker');
    expect(await table.innerText()).toContain('Irina Buyer');
    await page.getByTestId('filter-segment').selectOption('');
    await page.getByTestId('filter-loyalty').selectOption('requested');
    await expect.poll(() => table.innerText()).not.toContain('Irina Buyer');
    expect(await table.innerText()).toContain('Pavel Asker');

    await page.getByTestId('nav-leads').click();
    await page.getByTestId(`lead-row-${leadIds[1]}`).waitFor();
    await page.getByTestId('filter-abc').selectOption('A');
    await expect.poll(() => page.getByTestId(`lead-row-${leadIds[1]}`).count()).toBe(0);
    await page.getByTestId(`lead-row-${leadIds[0]}`).click();
    await expect.poll(() => page.getByTestId('lead-quick-view').getByTestId('segment-badges').innerText()).toMatch(/VIP[\s\S]*Class A[\s\S]*Bought once/);
    await screenshot(page, 'segments-lead-card');
    await context.close();
  });
});

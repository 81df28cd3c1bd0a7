import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../helpers/server.js';
import { insertTeam } from '../helpers/factories.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/** A curator (Russian screens) opens the duplicates page from the client base and merges two clients after confirming. */
describe('duplicate clients in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  const clientIds: number[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'ru' });
    browser = await launchBrowser();
    team = await insertTeam(server);
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    for (const body of [{ name: 'Анна Ковалёва', phone: '+79161250001', organization: 'ООО Ромашка' }, { name: 'Ковалева Анна', phone: '+79161250002', organization: 'ООО Ромашка' }]) {
      const res = await new Client(server.url).post('/api/intake', body, { 'x-site-key': team.site.key });
      await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id });
      clientIds.push(Number((await server.deps.db('leads').where('id', res.body.leadId).first('client_id')).client_id));
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the duplicates page lists the look-alikes; keeping one and confirming merges the other into it', async () => {
    const { context, page } = await loginAs(browser, server.url, team.curator.email, team.curator.password);
    await page.getByTestId('nav-clients').click();
    await page.getByTestId('clients-duplicates').click();
    const groups = page.getByTestId('duplicate-groups');
    await expect.poll(() => groups.innerText()).toContain('Одно имя в одной организации');
    await page.getByTestId(`keep-${clientIds[0]}`).click();
    const dialog = page.getByTestId('merge-dialog');
    expect(await dialog.innerText()).toMatch(/«Ковалева Анна» будет присоединён к «Анна Ковалёва»/);
    await screenshot(page, 'duplicates-merge');
    await dialog.getByTestId('merge-confirm').click();
    await expect.poll(() => page.getByTestId('duplicates-page').innerText()).toContain('Похожих клиентов не найдено');

    const api = await new Client(server.url).login(team.curator.email, team.curator.password);
    const card = (await api.get(`/api/clients/${clientIds[0]}`)).body;
    expect(card.leads).toHaveLength(2);
    expect(card.client.phones.sort()).toEqual(['+79161250001', '+79161250002']);
    await context.close();
  });
});

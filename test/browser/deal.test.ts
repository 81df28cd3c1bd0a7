import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../helpers/server.js';
import { insertTeam } from '../helpers/factories.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/**
 * A manager (Russian screens) marks a lead's contract signed: the card asks for the deal amount, the list and the
 * history show it in roubles, and it is changed afterwards on the card.
 */
describe('the deal amount in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let leadId = 0;

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'ru' });
    browser = await launchBrowser();
    team = await insertTeam(server);
    const curator = await new Client(server.url).login(team.curator.email, team.curator.password);
    const res = await new Client(server.url).post('/api/intake', { name: 'Ольга Сделкина', phone: '+79161239999' }, { 'x-site-key': team.site.key });
    leadId = res.body.leadId;
    expect((await curator.post(`/api/leads/${leadId}/assign`, { managerId: team.manager.id })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('signing the contract asks for the amount; the list, the card and the history show it; it can be changed', async () => {
    const { context, page } = await loginAs(browser, server.url, team.manager.email, team.manager.password);
    await page.getByTestId('nav-leads').click();
    await page.getByTestId(`lead-row-${leadId}`).click();
    const card = page.getByTestId('lead-quick-view');
    await card.getByTestId('stage-contract_signed').click();
    const dialog = page.getByTestId('deal-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('deal-amount').fill('сто');
    await dialog.getByTestId('deal-save').click();
    expect(await dialog.innerText()).toContain('Введите сумму числом');
    await dialog.getByTestId('deal-amount').fill('150 000,50');
    await screenshot(page, 'deal-dialog');
    await dialog.getByTestId('deal-save').click();
    await dialog.waitFor({ state: 'detached' });

    const money = /150\s000,50\s₽/;
    await expect.poll(() => card.getByTestId('deal-amount').innerText()).toMatch(money);
    expect(await card.getByTestId('stage-contract_signed').getAttribute('aria-current')).toBe('step');
    await expect.poll(() => page.getByTestId(`lead-amount-${leadId}`).innerText()).toMatch(money);
    await expect.poll(() => card.getByTestId('timeline').innerText()).toMatch(/сумма сделки.*150\s000,50\s₽/);

    await card.getByTestId('deal-edit-open').click();
    await card.getByTestId('deal-edit-amount').fill('90000');
    await card.getByTestId('deal-edit-currency').fill('eur');
    await card.getByTestId('deal-edit-save').click();
    await expect.poll(() => card.getByTestId('deal-amount').innerText()).toMatch(/90\s000\s€/);
    await context.close();
  });

  it('on a phone the stage bar scrolls to the signed contract, not the first stages', async () => {
    const { context, page } = await loginAs(browser, server.url, team.manager.email, team.manager.password);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/leads?lead=${leadId}`);
    const bar = page.getByTestId('lead-quick-view').getByTestId('stage-bar');
    const current = bar.getByTestId('stage-contract_signed');
    await current.waitFor();
    expect(await current.getAttribute('aria-current')).toBe('step');
    const inView = async () => {
      const [b, c] = [await bar.boundingBox(), await current.boundingBox()];
      return Boolean(b && c && c.x >= b.x && c.x + c.width <= b.x + b.width + 1);
    };
    await expect.poll(inView).toBe(true);
    // How the lead was reached: assigned by hand, by the curator.
    expect(await page.getByTestId('lead-quick-view').getByTestId('speed-assigned-via').innerText()).toBe(`вручную: ${team.curator.name}`);
    await screenshot(page, 'deal-stage-bar-390');
    await context.close();
  });

  it('a lead typed in by hand keeps the client’s language and the amount they named; a bad amount is named in Russian', async () => {
    const { context, page } = await loginAs(browser, server.url, team.manager.email, team.manager.password);
    await page.getByTestId('nav-leads').click();
    await page.getByTestId('new-lead').click();
    const dialog = page.getByTestId('new-lead-dialog');
    await dialog.getByTestId('new-lead-name').fill('Стоян Петров');
    await dialog.getByTestId('new-lead-phone').fill('+359 88 812 3456');
    await dialog.getByTestId('new-lead-language').selectOption('bg');
    await dialog.getByTestId('new-lead-amount').fill('девяносто');
    await dialog.getByTestId('new-lead-save').click();
    await expect.poll(() => dialog.innerText()).toContain('Сумма — неотрицательное число');
    await dialog.getByTestId('new-lead-amount').fill('90 000');
    await dialog.getByTestId('new-lead-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('lead-quick-view').getByTestId('request-terms').innerText()).toMatch(/Язык: болгарский · Сумма из заявки: 90\s000\s₽/);
    await context.close();
  });
});

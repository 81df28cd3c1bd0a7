import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { insertTeam } from '../helpers/factories.js';
import { siteSnippet } from '../../server/modules/sites/site-snippet.js';
import { launchBrowser } from './browser.js';

/** The site snippet on an old-style windows-1251 page of a shop, as a visitor uses it (and double-clicks it). */
describe('the site snippet on a windows-1251 page', () => {
  let server: TestServer;
  let shop: http.Server;
  let shopUrl = '';
  let browser: Browser;
  let team: Awaited<ReturnType<typeof insertTeam>>;

  beforeAll(async () => {
    server = await startTestServer();
    shop = http.createServer((_req, res) => {
      const { html } = siteSnippet(server.url, team.site.key, 'ru');
      res.setHeader('content-type', 'text/html; charset=windows-1251');
      res.end(iconv.encode(`<!doctype html><html lang="bg-BG"><head><meta charset="windows-1251"><title>Магазин</title></head><body>${html}</body></html>`, 'windows-1251'));
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    team = await insertTeam(server, { allowedOrigins: [shopUrl] });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => shop?.close(r));
    await server?.dispose();
  });

  it('sends the name as UTF-8 with the page’s language and the budget typed, and a double click makes one lead', async () => {
    const page = await browser.newPage();
    await page.goto(shopUrl);
    await page.fill('input[name=name]', 'Иван Петров');
    await page.fill('input[name=phone]', '8 (912) 345-67-89');
    await page.fill('input[name=amount]', '150 000');
    await Promise.all([page.waitForURL(`${server.url}/api/intake`), page.dblclick('button[type=submit]')]);
    await expect.poll(() => page.textContent('body')).toMatch(/Спасибо/);
    const leads = await server.deps.db('leads').where('site_id', team.site.id);
    expect(leads).toHaveLength(1);
    expect((await server.deps.db('clients').where('id', leads[0].client_id).first()).full_name).toBe('Иван Петров');
    expect(leads[0].page_url).toBe(`${shopUrl}/`);
    expect(leads[0]).toMatchObject({ language: 'bg', requested_amount: 150000 });
    await page.close();
  });
});

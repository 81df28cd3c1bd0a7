import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, logIn } from './browser.js';

/**
 * Opened from another PC of the office over plain HTTP, by a name that is not `localhost` (browsers trust
 * localhost as secure and would hide a page that only works there). `leadline.test` resolves to this machine.
 */
describe('Leadline over plain HTTP on an office LAN', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_LOCALE: 'en' });
    browser = await launchBrowser(['--host-resolver-rules=MAP leadline.test 127.0.0.1']);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('shows the login page signed out without a console error, and logs in', async () => {
    const url = `http://leadline.test:${new URL(server.url).port}/`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText}`));
    const res = await page.goto(url);
    expect(res?.headers()['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(res?.headers()['strict-transport-security']).toBeUndefined();
    await page.getByTestId('login-email').waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
    await logIn(page, ADMIN.email, ADMIN.password);
    expect(page.url()).toMatch(/^http:\/\/leadline\.test:/);
    expect(problems).toEqual([]);
    await context.close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const SHOTS_DIR = process.env.SHOTS_DIR ?? path.resolve('test-results/screens');

/** Debian's Chromium, headless, with the network chatter of a fresh profile turned off; `args` adds flags (`--lang=ru`). */
export async function launchBrowser(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...args,
    ],
  });
}

/**
 * A browser profile of one person, logged in through the login screen like they would. The form is found by its
 * test ids, so that this works whatever the language on screen; `locale` is the browser's own (`ru-RU`).
 */
export async function loginAs(browser: Browser, baseUrl: string, email: string, password: string, opts: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 900 }, locale: opts.locale });
  const page = await context.newPage();
  await page.goto('/');
  await logIn(page, email, password);
  return { context, page };
}

/** Fills in and sends the login form on the page. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForSelector('[data-testid="app-shell"]');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage: false });
}

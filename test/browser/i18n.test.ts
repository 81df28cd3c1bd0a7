import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, logIn, screenshot } from './browser.js';

/**
 * A new install (DEFAULT_LOCALE left at its default) opened in a Russian browser: the login page and the
 * curator's inbox are in Russian, and switching to English in the profile menu changes the screen in place.
 */
describe('Leadline in Russian, then English without a reload', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let leadId = 0;
  const curator = { name: 'Анна Кузнецова', email: 'anna@sales.test', password: 'anna-pass-1' };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser(['--lang=ru']);
    const director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const dept = await director.post('/api/departments', { name: 'Продажи — Казань', phoneNumbers: ['8435550011'] });
    expect(dept.status).toBe(201);
    const departmentId = dept.body.department.id as number;
    expect((await director.post('/api/users', { ...curator, role: 'curator', departmentId })).status).toBe(201);
    const site = await director.post('/api/sites', { name: 'kazan.example', departmentId, allowedOrigins: [] });
    const res = await fetch(`${server.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-site-key': site.body.key },
      body: JSON.stringify({ name: 'Ольга Петрова', phone: '8 (916) 555-12-34', comment: 'Перезвоните после пяти' }),
    });
    expect(res.status).toBe(201);
    leadId = ((await res.json()) as { leadId: number }).leadId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('the login page of a new install is Russian, and says so to screen readers', async () => {
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
    page = await context.newPage();
    await page.goto('/');
    const form = page.getByTestId('login-form');
    await form.waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    expect(await form.getByRole('heading').innerText()).toBe('Вход');
    expect(await form.innerText()).toContain('Пароль');
    expect(await page.getByTestId('login-submit').innerText()).toBe('Войти');
    await screenshot(page, 'i18n-1-login-ru');
  });

  it('the curator’s inbox is Russian: headings, waiting time, phones as people write them', async () => {
    await logIn(page, curator.email, curator.password);
    await page.getByTestId('nav-inbox').click();
    const inbox = page.getByTestId('inbox-page');
    await inbox.waitFor();
    expect(await inbox.getByRole('heading', { level: 1 }).innerText()).toBe('Входящие');
    expect(await page.getByTestId('nav-leads').innerText()).toBe('Лиды');
    const header = await page.getByTestId('lead-table').locator('thead').innerText();
    for (const word of ['Ждёт', 'Клиент', 'Запрос', 'Источник']) expect(header.toLowerCase()).toContain(word.toLowerCase());
    const row = page.getByTestId(`lead-row-${leadId}`);
    const text = await row.innerText();
    expect(text).toContain('Ольга Петрова');
    expect(text).toContain('+7 916 555-12-34');
    expect(text).toMatch(/\d+ (с|сек|мин|ч)/);
    expect(text).toContain('Назначить');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await screenshot(page, 'i18n-2-inbox-ru');
  });

  it('date filters read дд.мм.гггг: digits get their dots, a wrong date is said in Russian', async () => {
    await page.getByTestId('nav-leads').click();
    const from = page.getByTestId('filter-from');
    expect(await from.getAttribute('placeholder')).toBe('дд.мм.гггг');
    await from.pressSequentially('0111');
    expect(await from.inputValue()).toBe('01.11.');
    await from.pressSequentially('2026');
    await expect.poll(() => new URL(page.url()).searchParams.get('createdFrom')).toBe('2026-11-01');
    await from.fill('31.02.2026');
    await from.blur();
    expect(await page.getByRole('alert').filter({ hasText: 'Введите дату в формате дд.мм.гггг' }).count()).toBe(1);
    await from.fill('');
    await expect.poll(() => new URL(page.url()).searchParams.get('createdFrom')).toBeNull();
    await page.getByTestId('nav-inbox').click();
  });

  it('switching to English in the profile menu changes the screen in place, and the choice is kept', async () => {
    // A page that reloaded would lose this.
    await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'same page'));
    await page.getByTestId('current-user').click();
    await page.getByTestId('profile-menu').waitFor();
    expect(await page.getByTestId('profile-menu').innerText()).toContain('Язык');
    // The radio follows the account's language, which the click sets a moment later (not within the click itself).
    await page.getByTestId('locale-en').click();
    await expect.poll(() => page.getByTestId('locale-en').isChecked()).toBe(true);

    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    const inbox = page.getByTestId('inbox-page');
    await expect.poll(() => inbox.getByRole('heading', { level: 1 }).innerText()).toBe('Inbox');
    const text = await page.getByTestId(`lead-row-${leadId}`).innerText();
    expect(text).toContain('Assign');
    expect(text).toMatch(/\d+ (s|sec|min|h|hr)/);
    expect(text).toContain('+7 916 555-12-34');
    expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same page');
    await screenshot(page, 'i18n-3-inbox-en');

    // Stored on the account: the server says so, and a reload keeps it.
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).json());
    expect(session.user).toMatchObject({ locale: 'en', localeChosen: true });
    await page.reload();
    await expect.poll(() => page.getByTestId('inbox-page').getByRole('heading', { level: 1 }).innerText()).toBe('Inbox');

    // After logging out, the login page stays in the language last used on this browser.
    await page.getByTestId('current-user').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    expect(await page.getByTestId('login-submit').innerText()).toBe('Log in');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});

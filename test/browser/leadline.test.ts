import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

/**
 * The first slice end to end, as people use it: a director sets up the department, a website posts a request,
 * the curator (one browser) assigns it, the manager (another browser) works it, both watching live updates.
 * The install speaks English here: the words checked below ("Offer sent") are what these people read, and
 * i18n.test.ts covers the Russian screens.
 */
describe('Leadline in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let director: Page;
  let curator: Page;
  let manager: Page;
  let siteKey = '';
  let managerId = 0;
  let leadId = 0;
  const people = {
    curator: { name: 'Clara Curator', email: 'clara@sales.test', password: 'clara-pass-1' },
    manager: { name: 'Mark Manager', email: 'mark@sales.test', password: 'mark-pass-1', endpoint: 'PJSIP/201' },
  };

  beforeAll(async () => {
    server = await startTestServer({ TELEPHONY: 'simulator', PRESENCE_OFFLINE_GRACE_SEC: '30', DEFAULT_LOCALE: 'en' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('1. a director sets up a department, a curator, a manager and a site (key shown once)', async () => {
    ({ page: director } = await loginAs(browser, server.url, ADMIN.email, ADMIN.password));
    await director.getByTestId('nav-team').click();
    await director.getByTestId('department-new').click();
    await director.getByTestId('department-name').fill('Sales — Kazan');
    await director.getByTestId('department-numbers').fill('8 (843) 555-00-11');
    await director.getByTestId('department-save').click();
    await expect.poll(() => director.getByTestId('departments-table').innerText()).toContain('Sales — Kazan');

    for (const [role, p] of [
      ['curator', people.curator],
      ['manager', people.manager],
    ] as const) {
      await director.getByTestId('user-new').click();
      await director.getByTestId('user-name').fill(p.name);
      await director.getByTestId('user-email').fill(p.email);
      await director.getByTestId('user-password').fill(p.password);
      await director.getByTestId('user-role').selectOption(role);
      await director.getByTestId('user-department').selectOption({ label: 'Sales — Kazan' });
      if ('endpoint' in p) await director.getByTestId('user-endpoint').fill(p.endpoint);
      await director.getByTestId('user-save').click();
      await expect.poll(() => director.getByTestId('users-table').innerText()).toContain(p.name);
    }
    await screenshot(director, '1-team');

    await director.getByTestId('nav-sites').click();
    await director.getByTestId('site-new').click();
    await director.getByTestId('site-name').fill('kazan.example');
    await director.getByTestId('site-department').selectOption({ label: 'Sales — Kazan' });
    await director.getByTestId('site-origins').fill('https://kazan.example');
    await director.getByTestId('site-save').click();
    const keyText = await director.getByTestId('snippet-key').innerText();
    siteKey = /ll_[A-Za-z0-9_-]+/.exec(keyText)?.[0] ?? '';
    expect(siteKey).not.toBe('');
    expect(await director.getByTestId('snippet-html').innerText()).toContain('/api/intake');
    await screenshot(director, '1-site-key');

    const api = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    const users = (await api.get('/api/users')).body.items as { id: number; email: string }[];
    managerId = users.find((u) => u.email === people.manager.email)!.id;
    // The key is never shown again.
    expect(JSON.stringify((await api.get('/api/sites')).body)).not.toContain(siteKey);
  });

  it('2-3. a posted request appears live in the curator inbox; assigning it appears live for the manager', async () => {
    ({ page: curator } = await loginAs(browser, server.url, people.curator.email, people.curator.password));
    ({ page: manager } = await loginAs(browser, server.url, people.manager.email, people.manager.password));
    await curator.getByTestId('nav-inbox').click();
    await manager.getByTestId('nav-leads').click();
    await curator.getByTestId('live-indicator').and(curator.locator('[data-state="connected"]')).waitFor();
    await manager.getByTestId('live-indicator').and(manager.locator('[data-state="connected"]')).waitFor();

    const res = await fetch(`${server.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-site-key': siteKey },
      body: JSON.stringify({ name: 'Olga Petrova', phone: '8 (900) 123-45-67', email: 'olga@petrova.test', organization: 'Petrova & Co', service: 'Kitchen', comment: 'Call me after 5 pm' }),
    });
    expect(res.status).toBe(201);
    leadId = ((await res.json()) as { leadId: number }).leadId;

    const row = curator.getByTestId(`lead-row-${leadId}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Olga Petrova');
    expect(await row.getAttribute('data-new')).toBe('true');
    await expect.poll(() => curator.title()).toMatch(/^\(1\)/);
    await screenshot(curator, '2-curator-inbox');

    await row.click();
    await curator.getByTestId('lead-quick-view').waitFor();
    await curator.getByTestId('assign-button').click();
    await curator.getByTestId(`assign-option-${managerId}`).click();

    const managerRow = manager.getByTestId(`lead-row-${leadId}`);
    await managerRow.waitFor();
    expect(await managerRow.innerText()).toContain('Olga Petrova');
    await screenshot(manager, '3-manager-list');
  });

  it('4. the manager works the lead in one timeline: stage bar, composer (comment, file, reminder); the curator sees it live', async () => {
    await manager.getByTestId(`lead-row-${leadId}`).click();
    const card = manager.getByTestId('lead-quick-view');
    await card.waitFor();
    expect(await card.getByTestId('next-reminder').innerText()).toMatch(/No next step/);
    await card.getByTestId('stage-offer_sent').click();
    await expect.poll(() => card.getByTestId('stage-offer_sent').getAttribute('aria-current')).toBe('step');
    await curator.getByTestId('nav-leads').click();
    await expect.poll(() => curator.getByTestId(`lead-row-${leadId}`).innerText()).toMatch(/Offer sent/i);

    const timeline = card.getByTestId('timeline');
    await card.getByTestId('comment-input').fill('Sent the offer for the kitchen, she will decide by Friday');
    await card.getByTestId('comment-submit').click();
    await expect.poll(() => timeline.innerText()).toContain('decide by Friday');

    await card.getByTestId('composer-mode-file').click();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-file-')), 'offer.pdf');
    fs.writeFileSync(file, '%PDF-1.4\n% an offer\n');
    await card.getByTestId('file-input').setInputFiles(file);
    await expect.poll(() => timeline.innerText()).toContain('offer.pdf');

    // "Remind" in the top bar turns the composer to a reminder.
    await card.getByTestId('topbar-remind').click();
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    // The English date field reads dd/mm/yyyy; a pasted ISO day is taken too.
    const [day, time] = local.split('T') as [string, string];
    await card.getByTestId('reminder-at-date').fill(day.split('-').reverse().join('/'));
    await card.getByTestId('reminder-at-time').fill(time);
    await card.getByTestId('reminder-text').fill('Call back about the offer');
    await card.getByTestId('reminder-submit').click();
    await expect.poll(() => timeline.innerText()).toContain('Call back about the offer');
    await expect.poll(() => card.getByTestId('next-reminder').innerText()).toContain('Call back about the offer');

    // One list, newest first; a filter keeps one kind.
    await expect.poll(() => timeline.innerText()).toContain(people.manager.name);
    await expect.poll(() => timeline.innerText()).toMatch(/Offer sent/i);
    await card.getByTestId('timeline-filter-comment').click();
    await expect.poll(async () => timeline.locator('li').count()).toBe(1);
    expect(await timeline.innerText()).toContain('decide by Friday');
    await card.getByTestId('timeline-filter-all').click();
    await screenshot(manager, '4-lead-card');

    // Closing is a reason from the menu; going back into the pipeline asks first.
    await card.getByTestId('stage-close').click();
    await card.getByTestId('close-postponed').click();
    await expect.poll(() => card.getByTestId('stage-close').innerText()).toMatch(/Postponed/i);
    await card.getByTestId('stage-interested').click();
    await card.getByTestId('reopen-confirm').waitFor();
    await card.getByTestId('reopen-yes').click();
    await expect.poll(() => card.getByTestId('stage-interested').getAttribute('aria-current')).toBe('step');
    await card.getByTestId('stage-offer_sent').click();
    await expect.poll(() => card.getByTestId('stage-offer_sent').getAttribute('aria-current')).toBe('step');

    // A callback reminder pops up on the manager's screen at its moment.
    const api = await new Client(server.url).login(people.manager.email, people.manager.password);
    const set = await api.post(`/api/leads/${leadId}/reminders`, { at: new Date(Date.now() + 1500).toISOString(), text: 'Ring Olga now' });
    expect(set.status).toBe(201);
    const toast = manager.getByTestId('reminder-toast').filter({ hasText: 'Ring Olga now' });
    await toast.waitFor({ timeout: 20_000 });
    await screenshot(manager, '4-reminder-pop');
    await toast.getByTestId('reminder-done').click();
    await toast.waitFor({ state: 'detached' });
  });

  it('5. search and filters narrow the list; the board moves a card by drag and drop; a stale edit is refused', async () => {
    const api = await new Client(server.url).login(people.curator.email, people.curator.password);
    for (const [name, phone] of [
      ['Ivan Sidorov', '+7 901 000 11 22'],
      ['Anna Kuznetsova', '9020003344'],
    ]) {
      const r = await api.post('/api/leads', { name, phone, service: 'Wardrobe' });
      expect(r.status).toBe(201);
    }
    await curator.getByTestId('nav-leads').click();
    await curator.getByTestId('search-input').fill('900 123');
    await expect.poll(async () => curator.locator('[data-testid^="lead-row-"]').count()).toBe(1);
    await curator.getByTestId(`lead-row-${leadId}`).waitFor();
    await curator.getByTestId('search-input').fill('');
    await expect.poll(async () => curator.locator('[data-testid^="lead-row-"]').count()).toBe(3);
    await curator.getByTestId('filter-owner').selectOption({ label: people.manager.name });
    await expect.poll(async () => curator.locator('[data-testid^="lead-row-"]').count()).toBe(1);
    await screenshot(curator, '5-filtered-list');

    // Quick view without leaving the list.
    await curator.getByTestId(`lead-row-${leadId}`).click();
    await curator.getByTestId('lead-quick-view').waitFor();
    expect(await curator.getByTestId('lead-table').isVisible()).toBe(true);

    await manager.getByTestId('nav-board').click();
    const card = manager.getByTestId(`board-card-${leadId}`);
    await card.waitFor();
    await card.dragTo(manager.getByTestId('board-col-interested'));
    await expect.poll(async () => (await api.get(`/api/leads/${leadId}`)).body.lead.status).toBe('interested');
    await screenshot(manager, '5-board');

    // Two people, one lead: the curator's card still holds the old version; their edit must not win silently.
    const before = (await api.get(`/api/leads/${leadId}`)).body.lead.version as number;
    const stale = await api.patch(`/api/leads/${leadId}`, { version: before - 1, status: 'new' });
    expect(stale.status).toBe(409);
    expect((await api.get(`/api/leads/${leadId}`)).body.lead.status).toBe('interested');
  });

  it('the owner gets the screen pop for a known caller; it closes when the caller hangs up', async () => {
    await manager.getByTestId('nav-leads').click();
    const api = await new Client(server.url).login(people.curator.email, people.curator.password);
    await expect.poll(async () => (await api.get('/api/telephony/status')).body.telephony.state, { timeout: 15_000 }).toBe('connected');
    const placed = await api.post('/api/telephony/simulator/inbound', { from: '+79001234567', to: '88435550011' });
    expect(placed.status).toBe(201);

    const pop = manager.getByTestId('call-pop');
    await pop.waitFor({ timeout: 10_000 });
    expect(await pop.innerText()).toContain('Olga Petrova');
    expect(await curator.getByTestId('call-pop').count()).toBe(0);
    await manager.waitForTimeout(400); // let the pop finish sliding in before the picture
    await screenshot(manager, '6-call-pop');

    await api.post('/api/telephony/simulator/caller/hangup', { channelId: placed.body.channelId });
    await pop.waitFor({ state: 'detached', timeout: 10_000 });
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeAsterisk } from '../fake-ari/index.js';
import { insertDepartment, insertSite, insertStaff, type TestUser } from '../helpers/factories.js';
import { ADMIN, Client, startTestServer, type TestServer } from '../helpers/server.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

const ARI = { username: 'leadline-test', password: 'ari-secret' };

/**
 * Speed to lead end to end, on Russian screens: the director turns instant callback on in the department dialog (auto
 * distribution, with a rule sending kitchens to Boris), a website posts a form, and the card pops on Boris's screen as a
 * callback — with nobody touching anything in between — while his desk phone (the fake Asterisk's PJSIP/102) rings.
 */
describe('Instant callback in the browser', () => {
  let fake: FakeAsterisk;
  let server: TestServer;
  let browser: Browser;
  let director: Page;
  let anna: Page;
  let boris: Page;
  let curator: Page;
  let departmentId = 0;
  let siteKey = '';
  let managers: TestUser[] = [];

  beforeAll(async () => {
    fake = await new FakeAsterisk({ ...ARI }).start(); // real seconds: the phone rings for 20 s
    server = await startTestServer({ ARI_URL: fake.url, ARI_USERNAME: ARI.username, ARI_PASSWORD: ARI.password, DEFAULT_LOCALE: 'ru', PRESENCE_OFFLINE_GRACE_SEC: '30' });
    browser = await launchBrowser(['--lang=ru']);
    departmentId = (await insertDepartment(server, { name: 'Продажи' })).id;
    siteKey = (await insertSite(server, { departmentId })).key;
    const cur = await insertStaff(server, { role: 'curator', departmentId, name: 'Куратор Кира' });
    managers = [await insertStaff(server, { role: 'manager', departmentId, name: 'Анна Менеджер' }), await insertStaff(server, { role: 'manager', departmentId, name: 'Борис Менеджер' })];
    await server.deps.db('users').where('id', managers[0].id).update({ endpoint: 'PJSIP/101' });
    await server.deps.db('users').where('id', managers[1].id).update({ endpoint: 'PJSIP/102' });
    // Around the clock, so that the form posted below is inside the working hours whenever the test runs (set before
    // the director's screens read the department: the dialog saves what it shows).
    const always = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };
    const api = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    expect((await api.patch(`/api/departments/${departmentId}`, { speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: always } })).status).toBe(200);
    ({ page: director } = await loginAs(browser, server.url, ADMIN.email, ADMIN.password, { locale: 'ru-RU' }));
    ({ page: anna } = await loginAs(browser, server.url, managers[0].email, managers[0].password, { locale: 'ru-RU' }));
    ({ page: boris } = await loginAs(browser, server.url, managers[1].email, managers[1].password, { locale: 'ru-RU' }));
    ({ page: curator } = await loginAs(browser, server.url, cur.email, cur.password, { locale: 'ru-RU' }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
    await fake?.close();
  });

  it('the director turns on auto distribution and instant callback in the department dialog', async () => {
    const api = await new Client(server.url).login(ADMIN.email, ADMIN.password);
    await director.getByTestId('nav-team').click();
    await director.getByTestId(`department-row-${departmentId}`).getByRole('button').click();
    await director.getByTestId('distribution-mode').selectOption('auto');
    const callback = director.getByTestId('instant-callback');
    expect(await callback.innerText()).toContain('Мгновенный обратный звонок');
    await director.getByTestId('callback-enabled').check();
    await director.getByTestId('callback-retries').fill('3, 15');
    // A rule: kitchens go to Boris (the new rule starts with the first manager, Anna, ticked).
    await director.getByTestId('rule-add').click();
    const rule = director.getByTestId('distribution-rule-0');
    await rule.getByTestId('rule-service').fill('кухн');
    await rule.getByRole('checkbox', { name: 'Анна Менеджер' }).uncheck();
    await rule.getByRole('checkbox', { name: 'Борис Менеджер' }).check();
    // …from Bulgarian-speaking clients who name at least 100 000 (typed by keyboard, the way people write it).
    await rule.getByLabel('Языки, например bg, en').fill('BG');
    await rule.getByLabel('Сумма от').focus();
    await director.keyboard.type('100 000');
    await screenshot(director, 'instant-callback-dialog-ru');
    // On a 390 px phone the rule's fields wrap and stay on screen.
    await director.setViewportSize({ width: 390, height: 844 });
    await rule.scrollIntoViewIfNeeded();
    for (const id of ['rule-service', 'rule-languages', 'rule-amount-min', 'rule-amount-max']) {
      const box = (await rule.getByTestId(id).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await screenshot(director, 'instant-callback-rule-390');
    await director.setViewportSize({ width: 1440, height: 900 });
    await director.getByTestId('department-save').click();
    await callback.waitFor({ state: 'detached' });
    const saved = (await api.get(`/api/departments/${departmentId}`)).body.department;
    expect(saved.distribution.mode).toBe('auto');
    expect(saved.distribution.rules).toEqual([{ service: 'кухн', languages: ['bg'], amountMin: 100000, userIds: [managers[1].id] }]);
    expect(saved.instantCallback).toEqual({ enabled: true, retryMinutes: [3, 15] });
  });

  it('a posted form pops the card as a callback on the screen of the manager the rule chose while their phone rings, with no curator action', async () => {
    const res = await new Client(server.url).post('/api/intake', { phone: '+79161234567', name: 'Анна Петрова', service: 'расчёт кухни', language: 'bg', amount: '150 000' }, { 'x-site-key': siteKey });
    expect(res.status).toBe(201);

    const pop = boris.getByTestId('call-pop');
    await pop.waitFor({ timeout: 10_000 });
    expect(await pop.getByTestId('call-pop-callback').innerText()).toBe('Обратный звонок: Анна Петрова, интересует расчёт кухни');
    expect(await pop.getByTestId('call-pop-state').innerText()).toBe('Обратный звонок');
    expect(await pop.getAttribute('data-phase')).toBe('ringing');
    await screenshot(boris, 'instant-callback-pop-ru');
    // Boris's desk phone is the one ringing; nobody else got a pop.
    expect(fake.channels().filter((c) => c.endpoint === 'PJSIP/102' && c.state === 'Ringing')).toHaveLength(1);
    expect(fake.channels().filter((c) => c.endpoint === 'PJSIP/101')).toHaveLength(0);
    expect(await anna.getByTestId('call-pop').count()).toBe(0);
    expect(await curator.getByTestId('call-pop').count()).toBe(0);

    // The card says what the form told and why the lead went to Boris.
    await director.goto(`/?lead=${res.body.leadId}`);
    await expect.poll(async () => (await director.getByTestId('request-terms').innerText().catch(() => '')).replace(/\s/g, ' ')).toBe('Язык: болгарский · Сумма из заявки: 150 000 ₽');
    const why = await director.getByTestId('distribution-decision').first().innerText();
    expect(why.replace(/\s/g, ' ')).toContain('сработало правило 1: язык bg, сумма ≥ 100 000 ₽');
  });
});

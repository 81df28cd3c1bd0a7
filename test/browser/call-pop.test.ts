import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DNIS, insertClientWithLead, ringingLeg, telephonyWorld, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';
import { launchBrowser, loginAs, screenshot } from './browser.js';

const CALLER = '+79161234567';

/** The owner's screen pop follows their own phone (against the fake Asterisk): it never says "Incoming call" for a leg that ended. */
describe('The screen pop in the browser follows the user’s own leg', () => {
  let w: TelephonyWorld;
  let browser: Browser;
  let page: Page;
  let leadId = 0;

  beforeAll(async () => {
    // Ten minutes of ringing per step in Asterisk's time (12 s here): the test decides when phones stop.
    w = await telephonyWorld({ ringTimeoutSec: 600, env: { DEFAULT_LOCALE: 'ru' } });
    ({ leadId } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id, name: 'Ольга Петрова' }));
    browser = await launchBrowser(['--lang=ru']);
    ({ page } = await loginAs(browser, w.server.url, w.owner.email, w.owner.password, { locale: 'ru-RU' }));
    await page.getByTestId('live-indicator').and(page.locator('[data-state="connected"]')).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await w?.dispose();
  });

  it('says the owner declined at once, while the call goes on to a colleague', async () => {
    w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = page.getByTestId('call-pop');
    await pop.waitFor();
    expect(await pop.getAttribute('data-phase')).toBe('ringing');
    expect(await page.getByTestId('call-pop-state').innerText()).toBe('Входящий звонок');
    expect(await pop.innerText()).toContain('Ольга Петрова');
    w.fake.decline(await ringingLeg(w.fake, 'PJSIP/101'));
    await expect.poll(() => pop.getAttribute('data-phase')).toBe('ended');
    expect(await page.getByTestId('call-pop-state').innerText()).toBe('Вы отклонили звонок');
    await screenshot(page, 'calls-1-declined-1440');
    // The colleague's phone rings now; the owner's pop goes away and does not come back as "Incoming call".
    await w.colleague.socket.waitFor('call:ringing');
    await pop.waitFor({ state: 'detached', timeout: 8000 });
    w.fake.decline(await ringingLeg(w.fake, 'PJSIP/102'));
  });

  it('"Open card" shrinks the pop to a bar that leaves the card free; answering starts its timer', async () => {
    await page.waitForTimeout(500);
    const before = w.owner.socket.named('call:ringing').length;
    const callerChannel = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = page.getByTestId('call-pop');
    await pop.waitFor();
    await expect.poll(() => w.owner.socket.named('call:ringing').length).toBeGreaterThan(before);
    await page.getByTestId('call-pop-open').click();
    await page.getByTestId('lead-quick-view').waitFor();
    expect(new URL(page.url()).searchParams.get('lead')).toBe(String(leadId));
    const bar = page.getByTestId('call-bar');
    await bar.waitFor();
    expect(await page.getByTestId('call-pop').count()).toBe(0);
    expect(await bar.innerText()).toContain('Ольга Петрова');
    // The bar does not cover the card.
    const barBox = (await bar.boundingBox())!;
    const cardBox = (await page.getByTestId('lead-quick-view').boundingBox())!;
    expect(barBox.x + barBox.width).toBeLessThanOrEqual(cardBox.x);

    w.fake.answer(await ringingLeg(w.fake, 'PJSIP/101'));
    await expect.poll(() => bar.getAttribute('data-phase')).toBe('up');
    await page.waitForTimeout(2100);
    expect(await page.getByTestId('call-bar-timer').innerText()).toMatch(/^0:0[1-9]$/);
    await screenshot(page, 'calls-2-bar-with-card-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'calls-3-bar-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    w.fake.hangupFromPhone(callerChannel);
    await bar.waitFor({ state: 'detached', timeout: 8000 });
  });
});

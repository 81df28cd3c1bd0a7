import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDepartment, insertSite, insertStaff, loginAs, type TestUser } from '../../../test/helpers/factories.js';
import { ADMIN, Client, databaseKind, startTestServer, type LiveSocket, type TestServer } from '../../../test/helpers/server.js';

const ALWAYS = { timeZone: 'Europe/Moscow', days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' };
let phoneSeq = 0;
const nextPhone = () => `+7917${String(3_000_000 + ++phoneSeq).slice(-7)}`;

describe(`distribution rules on language and amount (${databaseKind})`, () => {
  let server: TestServer;
  let director: Client;
  const sockets: LiveSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.dispose();
  });
  beforeAll(async () => {
    server = await startTestServer();
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
  });

  /** A department in auto mode with a site and present managers; `rules` name managers by their index. */
  async function department(names: string[], rules: (managers: TestUser[]) => unknown[]) {
    const dept = await insertDepartment(server);
    const site = await insertSite(server, { departmentId: dept.id });
    const managers: TestUser[] = [];
    for (const name of names) {
      const m = await insertStaff(server, { role: 'manager', departmentId: dept.id, name: `${name}-${dept.id}` });
      sockets.push(await (await loginAs(server, m)).connectSocket());
      managers.push(m);
    }
    const res = await director.patch(`/api/departments/${dept.id}`, {
      distribution: { mode: 'auto', rules: rules(managers) },
      speedToLead: { unassignedMinutes: 5, firstContactMinutes: 15, workingHours: ALWAYS },
    });
    expect(res.status).toBe(200);
    return { dept, site, managers };
  }
  const post = (site: { key: string }, body: Record<string, unknown>) => new Client(server.url).post('/api/intake', { phone: nextPhone(), ...body }, { 'x-site-key': site.key });
  const decisionOf = async (leadId: number) => (await director.get(`/api/leads/${leadId}`)).body.distribution[0];

  it('stores language and amount conditions, and names each bad one', async () => {
    const dept = await insertDepartment(server);
    const rules = [{ languages: ['BG', 'en', 'bg'], amountMin: 100000, amountMax: 100000, userIds: [5] }, { amountMax: 0.5, userIds: [6] }];
    const ok = await director.patch(`/api/departments/${dept.id}`, { distribution: { mode: 'auto', rules } });
    expect(ok.status).toBe(200);
    expect(ok.body.department.distribution.rules).toEqual([{ languages: ['bg', 'en'], amountMin: 100000, amountMax: 100000, userIds: [5] }, { amountMax: 0.5, userIds: [6] }]);
    expect((await director.get(`/api/departments/${dept.id}`)).body.department.distribution.rules[0].languages).toEqual(['bg', 'en']);

    const bad = await director.patch(`/api/departments/${dept.id}`, {
      distribution: {
        mode: 'auto',
        rules: [
          { languages: ['bulgarian'], userIds: [5] },
          { languages: [], userIds: [5] },
          { amountMin: -1, userIds: [5] },
          { amountMax: '1000', userIds: [5] },
          { amountMin: 500, amountMax: 100, userIds: [5] },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(
      ['distribution.rules.0.languages.0', 'distribution.rules.1.languages', 'distribution.rules.2.amountMin', 'distribution.rules.3.amountMax', 'distribution.rules.4.amountMax'].sort(),
    );
    expect(bad.body.error.fields['distribution.rules.0.languages.0']).toMatch(/ISO 639-1/);
    // Nothing of the bad request was kept.
    expect((await director.get(`/api/departments/${dept.id}`)).body.department.distribution.rules).toEqual(ok.body.department.distribution.rules);
  });

  it('gives a posted lead to the manager whose rule its language and amount meet, the first such rule winning', async () => {
    const { site, managers } = await department(['Anna', 'Boris', 'Vika'], ([anna, boris, vika]) => [
      { languages: ['bg'], amountMin: 100000, userIds: [anna!.id] },
      { languages: ['bg'], userIds: [boris!.id] },
      { amountMin: 100000, amountMax: 500000, userIds: [vika!.id] },
    ]);
    const [anna, boris, vika] = managers;
    const bigBg = await post(site, { language: 'bg', amount: 100000 });
    expect(await decisionOf(bigBg.body.leadId)).toMatchObject({ decision: 'rule', userId: anna!.id, reasons: [{ code: 'rule_matched', params: { rule: 1, language: 'bg', amountMin: 100000, currency: 'RUB' } }, { code: 'longest_waiting' }] });
    const smallBg = await post(site, { language: 'bg', amount: '99 999,99' });
    expect(await decisionOf(smallBg.body.leadId)).toMatchObject({ decision: 'rule', userId: boris!.id });
    const bigRu = await post(site, { language: 'ru', amount: 500000 });
    expect(await decisionOf(bigRu.body.leadId)).toMatchObject({ decision: 'rule', userId: vika!.id, reasons: [{ params: { rule: 3, amountMin: 100000, amountMax: 500000 } }, { code: 'longest_waiting' }] });
    const tooBig = await post(site, { language: 'ru', amount: 500000.01 });
    expect((await decisionOf(tooBig.body.leadId)).decision).toBe('pool');
    // An amount named in another currency is not the department's: no amount condition holds.
    const inEuro = await post(site, { amount: 200000, currency: 'EUR' });
    expect((await decisionOf(inEuro.body.leadId)).decision).toBe('pool');
    const silent = await post(site, {});
    expect((await decisionOf(silent.body.leadId)).decision).toBe('pool');
  });
});

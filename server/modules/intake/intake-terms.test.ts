import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertDepartment, insertSite, insertTeam } from '../../../test/helpers/factories.js';

describe(`intake takes the client's language and the amount they name (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let director: Client;
  let phoneSeq = 0;
  const nextPhone = () => `+7912${String(2_000_000 + ++phoneSeq).slice(-7)}`;
  const post = (body: Record<string, unknown>, key = team.site.key) => new Client(server.url).post('/api/intake', { phone: nextPhone(), ...body }, { 'x-site-key': key });
  const form = (body: string) =>
    new Client(server.url).request('POST', '/api/intake', `phone=${encodeURIComponent(nextPhone())}&${body}`, { 'content-type': 'application/x-www-form-urlencoded', 'x-site-key': team.site.key });
  const cardLead = async (leadId: number) => (await director.get(`/api/leads/${leadId}`)).body.lead;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    director = await new Client(server.url).login(ADMIN.email, ADMIN.password);
  });
  afterAll(async () => server?.dispose());

  it('shows the language and the stated amount on the card, apart from the deal amount', async () => {
    const res = await post({ language: 'bg', amount: 150000.5, currency: 'eur' });
    expect(res.status).toBe(201);
    const lead = await cardLead(res.body.leadId);
    expect(lead.language).toBe('bg');
    expect(lead.requestedAmount).toEqual({ amount: 150000.5, currency: 'EUR' });
    expect(lead.amount).toBeNull();
  });

  it('reads a form’s amount as people type it, and a language tag by its language', async () => {
    const res = await form(`language=ru-RU&amount=${encodeURIComponent('1 500 000,50')}`);
    expect(res.status).toBe(201);
    const lead = await cardLead(res.body.leadId);
    expect(lead.language).toBe('ru');
    // No currency on the form: the department's default (DEFAULT_CURRENCY here).
    expect(lead.requestedAmount).toEqual({ amount: 1500000.5, currency: server.deps.config.defaultCurrency });
  });

  it('gives an amount without a currency the department’s own currency', async () => {
    const dept = await insertDepartment(server);
    await server.deps.db('departments').where('id', dept.id).update({ currency: 'BGN' });
    const site = await insertSite(server, { departmentId: dept.id });
    const res = await post({ amount: '2000' }, site.key);
    expect((await cardLead(res.body.leadId)).requestedAmount).toEqual({ amount: 2000, currency: 'BGN' });
  });

  it('leaves both empty when the form says nothing, and takes the site’s language when it names one', async () => {
    const plain = await post({ amount: '', currency: 'RUB' });
    expect(plain.status).toBe(201);
    expect(await cardLead(plain.body.leadId)).toMatchObject({ language: null, requestedAmount: null });
    const dept = await insertDepartment(server);
    const site = await insertSite(server, { departmentId: dept.id });
    await server.deps.db('sites').where('id', site.id).update({ locale: 'bg' });
    const fromSite = await post({}, site.key);
    expect((await cardLead(fromSite.body.leadId)).language).toBe('bg');
    const told = await post({ language: 'en' }, site.key);
    expect((await cardLead(told.body.leadId)).language).toBe('en');
  });

  it('refuses a language that is not one, and an amount that is negative or not a number, naming the field', async () => {
    const before = Number((await server.deps.db('leads').count({ n: '*' }).first())?.n);
    for (const [body, field] of [
      [{ language: 'russian' }, 'language'],
      [{ language: 'zz' }, 'language'],
      [{ amount: -5 }, 'amount'],
      [{ amount: 'a lot' }, 'amount'],
      [{ amount: '10.555' }, 'amount'],
      [{ amount: { value: 1 } }, 'amount'],
      [{ amount: 100, currency: 'rubles' }, 'currency'],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.body.error.fields), JSON.stringify(body)).toEqual([field]);
    }
    const both = await post({ language: 'x', amount: '-1' });
    expect(Object.keys(both.body.error.fields).sort()).toEqual(['amount', 'language']);
    expect(Number((await server.deps.db('leads').count({ n: '*' }).first())?.n)).toBe(before);
  });

  it('does not keep language, amount or currency as "other fields"', async () => {
    const res = await post({ language: 'en', amount: 10, currency: 'USD', colour: 'red' });
    expect((await cardLead(res.body.leadId)).otherFields).toEqual({ colour: 'red' });
  });
});

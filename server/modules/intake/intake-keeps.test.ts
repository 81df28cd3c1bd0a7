import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertDepartment, insertSite, insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`intake keeps what a visitor sent (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  const anon = () => new Client(server.url);
  const post = (body: unknown, headers: Record<string, string> = {}) => anon().post('/api/intake', body, { 'x-site-key': team.site.key, ...headers });
  const form = (body: string, headers: Record<string, string> = {}) =>
    anon().request('POST', '/api/intake', body, { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', 'x-site-key': team.site.key, ...headers });
  const leadRow = (id: number) => server.deps.db('leads').where('id', id).first();
  const clientName = async (leadId: number) => (await server.deps.db('clients').where('id', (await leadRow(leadId)).client_id).first()).full_name;

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
  });
  afterAll(async () => server?.dispose());

  it('keeps a lead whose tracking fields are long or repeated: cut to their documented lengths, first value', async () => {
    const pageUrl = `https://shop.example/landing?${'utm_source=yandex&yclid=' + '7'.repeat(400) + '&gclid=' + 'g'.repeat(600)}`;
    expect(pageUrl.length).toBeGreaterThan(1000);
    const res = await post({ phone: '+7 910 100 00 01', pageUrl, utm_content: 'c'.repeat(301), utm_source: ['ads', 'mail'], utm: 'x', redirect: `https://shop.example/${'r'.repeat(1100)}` });
    expect(res.status).toBe(201);
    const lead = await leadRow(res.body.leadId);
    expect(lead.page_url).toBe(pageUrl.slice(0, 1000));
    expect(JSON.parse(lead.utm)).toEqual({ utm_content: 'c'.repeat(300), utm_source: 'ads' });

    const plain = await form(`phone=89101000002&utm_source=vk&utm_source=vk&utm_medium=cpc&pageUrl=${encodeURIComponent(pageUrl)}&name=${'N'.repeat(400)}`);
    expect(plain.status).toBe(201);
    expect(plain.body).toMatch(/Спасибо/);
    const fromForm = await server.deps.db('leads').orderBy('id', 'desc').first();
    expect(JSON.parse(fromForm.utm)).toEqual({ utm_source: 'vk', utm_medium: 'cpc' });
    expect(fromForm.page_url).toHaveLength(1000);
  });

  it('keeps a lead whose name, phone and e-mail come in odd shapes; only a missing contact refuses it', async () => {
    const numeric = await post({ phone: 89101000003, name: { first: 'x' } });
    expect(numeric.status).toBe(201);
    const badEmail = await post({ phone: '+7 910 100 00 04', email: 'not-an-email' });
    expect(badEmail.status).toBe(201);
    const zeros = await post({ phone: '0000000000', email: 'zeros@example.com' });
    expect(zeros.status).toBe(201);
    expect(await server.deps.db('client_phones').where('phone', 'like', '+7000%').first()).toBeUndefined();
    expect((await post({ phone: '0000000000' })).status).toBe(400);
  });

  it('reads 00 as the international prefix, so the lead joins the right client', async () => {
    const res = await post({ phone: '00380441234567' });
    expect(res.status).toBe(201);
    const phone = await server.deps.db('client_phones').where('client_id', (await leadRow(res.body.leadId)).client_id).first();
    expect(phone.phone).toBe('+380441234567');
  });

  it('decodes a plain form from a windows-1251 page, and one that says its charset', async () => {
    // «Иван Петров» as a windows-1251 page's browser encodes it, with no charset in the Content-Type.
    const res = await form('phone=89101000005&name=%C8%E2%E0%ED+%CF%E5%F2%F0%EE%E2&comment=%CF%F0%EE%F8%F3+%EF%E5%F0%E5%E7%E2%EE%ED%E8%F2%FC', { accept: 'application/json' });
    expect(res.status).toBe(201);
    expect(await clientName(res.body.leadId)).toBe('Иван Петров');
    expect((await leadRow(res.body.leadId)).message).toBe('Прошу перезвонить');
    const utf8 = await form(`phone=89101000006&name=${encodeURIComponent('Иван Петров')}`, { accept: 'application/json' });
    expect(await clientName(utf8.body.leadId)).toBe('Иван Петров');
    const named = await form('phone=89101000007&name=%D1%E5%F0%E3%E5%E9', { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded; charset=windows-1251' });
    expect(await clientName(named.body.leadId)).toBe('Сергей');
  });

  it('collapses the same post sent twice (a double click) into the first lead', async () => {
    const body = { phone: '+7 910 100 00 08', name: 'Double', comment: 'Call me after six' };
    const [one, two] = await Promise.all([post(body), post(body)]);
    expect([one.status, two.status].sort()).toEqual([200, 201]);
    expect(two.body.leadId).toBe(one.body.leadId);
    const three = await post(body);
    expect(three.body).toEqual({ leadId: one.body.leadId });
    // Another text is another request.
    const other = await post({ ...body, comment: 'And a quote, please' });
    expect(other.status).toBe(201);
    expect(other.body.leadId).not.toBe(one.body.leadId);
    expect(Number((await server.deps.db('leads').where('client_id', (await leadRow(one.body.leadId)).client_id).count({ n: '*' }).first())?.n)).toBe(2);
  });

  it('answers a malformed multipart body with 400, and rate-limits before reading it', async () => {
    const boundary = 'XyZ';
    const broken = `--${boundary}\r\nContent-Disposition: form-data; name="phone"\r\n\r\n+79101000009\r\n--${boundary}\r\nContent-Disposition: form-da`;
    const res = await post(broken, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_body');
    const noBoundary = await post('garbage', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.status).toBe(400);

    const limited = await startTestServer({ INTAKE_RATE_PER_MINUTE: '2' });
    try {
      const site = await insertSite(limited, { departmentId: (await insertDepartment(limited)).id });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await new Client(limited.url).post('/api/intake', broken, { 'x-site-key': site.key, 'content-type': `multipart/form-data; boundary=${boundary}` });
        statuses.push(r.status);
      }
      expect(statuses).toEqual([400, 400, 429, 429]);
    } finally {
      await limited.dispose();
    }
  });

  it('keeps a form’s "message" as the request text, and fields it has no place for as "other fields" on the card', async () => {
    const res = await form(`phone=89101000091&message=${encodeURIComponent('Нужна кухня к маю')}&city=${encodeURIComponent('Казань')}&budget=300000&siteKey=${team.site.key}`);
    expect(res.status).toBe(201);
    const lead = await server.deps.db('leads').orderBy('id', 'desc').first();
    expect(lead.message).toBe('Нужна кухня к маю');
    const curator = await loginAs(server, team.curator);
    const card = (await curator.get(`/api/leads/${lead.id}`)).body.lead;
    expect(card.message).toBe('Нужна кухня к маю');
    expect(card.otherFields).toEqual({ city: 'Казань', budget: '300000' });

    // "question" when nothing else names the text; a second text field is kept among the others.
    const asked = await post({ phone: '+7 910 100 00 92', question: 'Сколько стоит?', text: 'ещё' });
    expect((await leadRow(asked.body.leadId)).message).toBe('ещё');
    const both = await post({ phone: '+7 910 100 00 93', comment: 'главное', question: 'вопрос' });
    const bothRow = await leadRow(both.body.leadId);
    expect(bothRow.message).toBe('главное');
    expect(JSON.parse(bothRow.other_fields)).toEqual({ question: 'вопрос' });
  });

  it('bounds the other fields: at most 20, names and values cut', async () => {
    const body: Record<string, string> = { phone: '+7 910 100 00 94' };
    for (let i = 0; i < 25; i++) body[`field${i}`] = 'v'.repeat(1200);
    body['n'.repeat(100)] = 'long name';
    const res = await post(body);
    expect(res.status).toBe(201);
    const kept = JSON.parse((await leadRow(res.body.leadId)).other_fields) as Record<string, string>;
    expect(Object.keys(kept)).toHaveLength(20);
    expect(kept.field0).toHaveLength(1000);
    expect(kept.field20).toBeUndefined();
  });
});

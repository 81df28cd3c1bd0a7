import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, Client, databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertTeam, loginAs } from '../../../test/helpers/factories.js';

describe(`a lead's deal amount (${databaseKind})`, () => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let curator: Client;
  let manager: Client;
  let director: Client;
  let seq = 100;

  /** A new lead of the manager's, as its card shows it. */
  async function managersLead(): Promise<{ id: number; version: number }> {
    const res = await new Client(server.url).post('/api/intake', { name: 'Сделка', phone: `+7 912 000 ${String(seq++).padStart(4, '0')}` }, { 'x-site-key': team.site.key });
    const assigned = await curator.post(`/api/leads/${res.body.leadId}/assign`, { managerId: team.manager.id });
    return { id: res.body.leadId, version: assigned.body.lead.version };
  }

  beforeAll(async () => {
    server = await startTestServer({ DEFAULT_CURRENCY: 'EUR' });
    team = await insertTeam(server);
    [curator, manager, director] = await Promise.all([loginAs(server, team.curator), loginAs(server, team.manager), loginAs(server, ADMIN)]);
  });
  afterAll(async () => server?.dispose());

  it('is given with the status change to a signed contract, in DEFAULT_CURRENCY, and is in the card, the list and the history', async () => {
    const lead = await managersLead();
    const signed = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'contract_signed', amount: 150000.5 });
    expect(signed.status).toBe(200);
    expect(signed.body.lead).toMatchObject({ status: 'contract_signed', amount: 150000.5, currency: 'EUR' });

    const card = await manager.get(`/api/leads/${lead.id}`);
    expect(card.body.lead).toMatchObject({ amount: 150000.5, currency: 'EUR' });
    expect(card.body.history.find((h: any) => h.field === 'amount')).toMatchObject({ action: 'field', actorId: team.manager.id, oldValue: null, newValue: '150000.50 EUR' });
    const list = await manager.get('/api/leads?limit=200');
    expect(list.body.items.find((l: any) => l.id === lead.id)).toMatchObject({ amount: 150000.5, currency: 'EUR' });
  });

  it('takes the department’s currency when it has one, and is edited afterwards with the lead’s version', async () => {
    expect((await director.patch(`/api/departments/${team.department.id}`, { currency: 'bgn' })).body.department.currency).toBe('BGN');
    try {
      const lead = await managersLead();
      const signed = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'contract_paid', amount: 1000 });
      expect(signed.body.lead).toMatchObject({ amount: 1000, currency: 'BGN' });

      const stale = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, amount: 2000 });
      expect(stale.status).toBe(409);
      const edited = await manager.patch(`/api/leads/${lead.id}`, { version: signed.body.lead.version, amount: 1200, currency: 'usd' });
      expect(edited.body.lead).toMatchObject({ amount: 1200, currency: 'USD' });
      // Moving back or closing after the signature keeps the amount editable (the contract was signed).
      const closed = await manager.patch(`/api/leads/${lead.id}`, { version: edited.body.lead.version, status: 'postponed', amount: 0 });
      expect(closed.body.lead).toMatchObject({ status: 'postponed', amount: 0, currency: 'USD' });
      const cleared = await manager.patch(`/api/leads/${lead.id}`, { version: closed.body.lead.version, amount: null });
      expect(cleared.body.lead).toMatchObject({ amount: null, currency: null });

      const history = (await manager.get(`/api/leads/${lead.id}/history`)).body.items;
      expect(history.filter((h: any) => h.field === 'amount').map((h: any) => [h.oldValue, h.newValue])).toEqual([
        [null, '1000.00 BGN'],
        ['1000.00 BGN', '1200.00 USD'],
        ['1200.00 USD', '0.00 USD'],
        ['0.00 USD', null],
      ]);
    } finally {
      await director.patch(`/api/departments/${team.department.id}`, { currency: null });
    }
  });

  it('refuses an amount before the contract is signed, a negative or over-precise amount and an unknown currency, changing nothing', async () => {
    const lead = await managersLead();
    const early = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'offer_sent', amount: 100 });
    expect(early.status).toBe(400);
    expect(Object.keys(early.body.error.fields)).toEqual(['amount']);
    expect((await manager.get(`/api/leads/${lead.id}`)).body.lead).toMatchObject({ status: 'new', amount: null, version: lead.version });

    for (const bad of [{ amount: -1 }, { amount: 1.005 }, { amount: '100' }, { amount: 1e12 }]) {
      const res = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'contract_signed', ...bad });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['amount']);
    }
    for (const currency of ['XYZ', 'RU', 'рубли']) {
      const res = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'contract_signed', amount: 5, currency });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['currency']);
    }
    const noAmount = await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'contract_signed', currency: 'RUB' });
    expect(noAmount.status).toBe(400);
    expect(Object.keys(noAmount.body.error.fields)).toEqual(['currency']);
    expect((await director.patch(`/api/departments/${team.department.id}`, { currency: 'EURO' })).status).toBe(400);
    expect((await manager.get(`/api/leads/${lead.id}`)).body.lead).toMatchObject({ status: 'new', amount: null, version: lead.version });
  });

  it('is in the lead export', async () => {
    const lead = await managersLead();
    await manager.patch(`/api/leads/${lead.id}`, { version: lead.version, status: 'contract_signed', amount: 99.9, currency: 'RUB' });
    const res = await fetch(`${server.url}/api/leads/export?format=csv`, { headers: { cookie: manager.cookie } });
    const rows: string[][] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
    const [amountCol, currencyCol] = [rows[0].indexOf('Сумма сделки'), rows[0].indexOf('Валюта')];
    expect(amountCol).toBeGreaterThan(0);
    const row = rows.find((r) => Number(r[0]) === lead.id)!;
    expect([row[amountCol], row[currencyCol]]).toEqual(['99.9', 'RUB']);
    expect(rows.find((r) => r[amountCol] === '' && r[currencyCol] === '')).toBeTruthy();
  });
});

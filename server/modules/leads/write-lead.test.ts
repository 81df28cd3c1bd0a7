import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databaseKind, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { insertStaff, insertTeam } from '../../../test/helpers/factories.js';
import { toDbTime } from '../../db/knex.js';
import { parse } from '../../lib/validate.js';
import { ClientDetailsFields, toIncomingClient, type IncomingClient } from '../clients/clients.schema.js';
import { leadWriterFor, type LeadEngine, type LeadWriter } from './create-lead.js';
import { loadSummary } from './leads.events.js';
import { parseSearchQuery } from '../clients/client-search-text.js';
import { searchClientIds } from '../clients/search-clients.js';
import type { Idempotency, NewLead } from './write-lead.js';

// The same rules through both engines: both on SQLite, and the knex engine on MariaDB/MySQL when TEST_DATABASE_URL is set.
const engines: LeadEngine[] = databaseKind === 'sqlite' ? ['sqlite', 'knex'] : ['knex'];

describe.each(engines)(`writing a lead with the %s engine (${databaseKind})`, (engine) => {
  let server: TestServer;
  let team: Awaited<ReturnType<typeof insertTeam>>;
  let writer: LeadWriter;

  // A person as a request types them, read by the clients' rules (phones to E.164, e-mails lower-cased).
  const person = (details: Record<string, string>): IncomingClient => toIncomingClient(parse(z.object(ClientDetailsFields), details), server.config.defaultCountry);
  const lead = (client: IncomingClient, more: Partial<NewLead> = {}): NewLead => ({
    departmentId: team.department.id,
    siteId: team.site.id,
    source: 'site',
    createdBy: null,
    client,
    service: null,
    message: null,
    pageUrl: null,
    utm: null,
    ...more,
  });
  const write = async (input: NewLead, idem?: Idempotency) => {
    const outcome = await writer.write(input, idem);
    if (outcome.kind !== 'created') throw new Error(`expected a new lead, got ${outcome.kind}`);
    return outcome;
  };
  const db = () => server.deps.db;
  const phonesOf = (clientId: number) => db()('client_phones').where('client_id', clientId).orderBy('id').pluck('phone');
  const emailsOf = (clientId: number) => db()('client_emails').where('client_id', clientId).orderBy('id').pluck('email');
  const count = async (table: string) => Number((await db()(table).count({ n: '*' }).first())?.n);

  beforeAll(async () => {
    server = await startTestServer();
    team = await insertTeam(server);
    writer = leadWriterFor(server.deps.db, engine);
  });
  afterAll(async () => server?.dispose());

  it('joins one client whatever the phone format; the later leads are a returning client’s', async () => {
    const a = await write(lead(person({ name: 'Boris', phone: '8 (900) 123-45-67' })));
    const b = await write(lead(person({ phone: '+7 900 123 4567' })));
    const c = await write(lead(person({ phone: '9001234567' })));
    expect(a.result.returningClient).toBe(false);
    expect(b.result).toMatchObject({ clientId: a.result.clientId, returningClient: true });
    expect(c.result).toMatchObject({ clientId: a.result.clientId, returningClient: true });
    expect(await phonesOf(a.result.clientId)).toEqual(['+79001234567']);
    expect(Boolean((await db()('leads').where('id', b.result.leadId).first()).returning_client)).toBe(true);
    expect(b.lead.client).toMatchObject({ id: a.result.clientId, fullName: 'Boris', phone: '+79001234567' });
  });

  it('joins by e-mail, and learns a new e-mail of a known phone', async () => {
    const a = await write(lead(person({ email: 'Vera@Example.com' })));
    expect((await write(lead(person({ email: 'vera@example.com' })))).result.clientId).toBe(a.result.clientId);
    const b = await write(lead(person({ phone: '+7 900 200 00 01', email: 'vera@example.com' })));
    expect(b.result.clientId).toBe(a.result.clientId);
    expect(await phonesOf(a.result.clientId)).toEqual(['+79002000001']);
    const c = await write(lead(person({ phone: '+7 900 200 00 01', email: 'vera.work@example.com' })));
    expect(c.result.clientId).toBe(a.result.clientId);
    expect(await emailsOf(a.result.clientId)).toEqual(['vera@example.com', 'vera.work@example.com']);
  });

  it('teaches a known client what it lacked, but never takes another client’s phone or e-mail', async () => {
    const anna = await write(lead(person({ phone: '+7 900 300 00 01' })));
    const oleg = await write(lead(person({ name: 'Oleg', phone: '+7 900 300 00 02', email: 'oleg@example.com' })));
    const before = await db()('clients').where('id', anna.result.clientId).first();
    // Anna's phone first: the request is Anna's; Oleg's phone and e-mail stay Oleg's.
    const again = await write(
      lead({ fullName: 'Anna', organization: 'Horns & Hooves', phones: ['+79003000001', '+79003000002', '+79003000003'], emails: ['oleg@example.com'] }),
    );
    expect(again.result.clientId).toBe(anna.result.clientId);
    expect(await phonesOf(anna.result.clientId)).toEqual(['+79003000001', '+79003000003']);
    expect(await emailsOf(anna.result.clientId)).toEqual([]);
    expect(await phonesOf(oleg.result.clientId)).toEqual(['+79003000002']);
    expect(await emailsOf(oleg.result.clientId)).toEqual(['oleg@example.com']);
    const after = await db()('clients').where('id', anna.result.clientId).first();
    expect(after).toMatchObject({ full_name: 'Anna', organization: 'Horns & Hooves', version: before.version + 1 });
    // The search index learned it in the same write: its digits and the organization find the client.
    const found = (q: string) => searchClientIds(db(), parseSearchQuery(q, () => null), 'any');
    expect(await found('3000003')).toEqual([anna.result.clientId]);
    expect(await found('hooves')).toContain(anna.result.clientId);
    // A name it has is kept.
    await write(lead(person({ name: 'Someone Else', phone: '+7 900 300 00 01' })));
    expect((await db()('clients').where('id', anna.result.clientId).first()).full_name).toBe('Anna');
  });

  it('gives a returning client to the active manager of their latest lead, in this department only', async () => {
    const manager = await insertStaff(server, { role: 'manager', departmentId: team.department.id });
    const first = await write(lead(person({ phone: '+7 900 400 00 01' }), { ownerId: manager.id }));
    expect(first.lead).toMatchObject({ ownerId: manager.id, ownerName: manager.name });
    const again = await write(lead(person({ phone: '+7 900 400 00 01' })));
    expect(again.lead).toMatchObject({ ownerId: manager.id, ownerName: manager.name, returningClient: true });
    const row = await db()('leads').where('id', again.result.leadId).first();
    expect(row.owner_id).toBe(manager.id);
    expect(row.assigned_at).toBe(row.created_at);

    // The latest lead decides, by its creation moment: a lead entered later about last week changes nothing.
    const other = await insertStaff(server, { role: 'manager', departmentId: team.department.id });
    await write(lead(person({ phone: '+7 900 400 00 01' }), { ownerId: other.id, at: new Date(Date.now() - 7 * 86_400_000) }));
    expect((await write(lead(person({ phone: '+7 900 400 00 01' })))).lead.ownerId).toBe(manager.id);

    await db()('users').where('id', manager.id).update({ active: false });
    const left = await write(lead(person({ phone: '+7 900 400 00 01' })));
    expect(left.lead).toMatchObject({ ownerId: null, assignedAt: null, returningClient: true });

    const moved = await insertStaff(server, { role: 'manager', departmentId: team.department.id });
    await write(lead(person({ phone: '+7 900 400 00 02' }), { ownerId: moved.id }));
    await db()('users').where('id', moved.id).update({ department_id: (await insertTeam(server)).department.id });
    expect((await write(lead(person({ phone: '+7 900 400 00 02' })))).lead.ownerId).toBeNull();
  });

  it('replays the answer of a used idempotency key and writes nothing', async () => {
    const idem = { siteId: team.site.id, key: `key-${engine}` };
    const first = await write(lead(person({ phone: '+7 900 500 00 01' })), idem);
    const counts = async () => Promise.all(['leads', 'clients', 'client_phones', 'lead_history', 'idempotency_keys'].map(count));
    const before = await counts();
    const again = await writer.write(lead(person({ phone: '+7 900 500 00 02' })), idem);
    expect(again).toEqual({ kind: 'replayed', response: JSON.stringify(first.result) });
    expect(await counts()).toEqual(before);
  });

  it('writes the history of a new lead: created, and assigned when it has an owner from the start', async () => {
    const history = (leadId: number) =>
      db()('lead_history').where('lead_id', leadId).orderBy('id').select('actor_id', 'action', 'field', 'old_value', 'new_value', 'created_at');
    const site = await write(lead(person({ phone: '+7 900 600 00 01' })));
    const created = (await db()('leads').where('id', site.result.leadId).first()).created_at;
    expect(await history(site.result.leadId)).toEqual([{ actor_id: null, action: 'created', field: null, old_value: null, new_value: 'site', created_at: created }]);
    const byHand = await write(lead(person({ phone: '+7 900 600 00 02' }), { source: 'manual', siteId: null, createdBy: team.manager.id, ownerId: team.manager.id }));
    const at = (await db()('leads').where('id', byHand.result.leadId).first()).created_at;
    expect(await history(byHand.result.leadId)).toEqual([
      { actor_id: team.manager.id, action: 'created', field: null, old_value: null, new_value: 'manual', created_at: at },
      { actor_id: team.manager.id, action: 'assigned', field: 'owner', old_value: null, new_value: team.manager.name, created_at: at },
    ]);
  });

  it('writes a lead at the moment it is given, and answers what a read shows', async () => {
    const at = new Date('2026-10-01T09:30:00.250Z');
    const { result, lead: answered } = await write(lead(person({ name: 'Past', phone: '+7 900 700 00 01' }), { at, service: 'Repair', utm: { utm_source: 'ads' } }));
    const stored = toDbTime(at);
    expect(await db()('leads').where('id', result.leadId).first()).toMatchObject({ created_at: stored, updated_at: stored });
    expect(await db()('clients').where('id', result.clientId).first()).toMatchObject({ created_at: stored, updated_at: stored });
    expect(await db()('lead_history').where('lead_id', result.leadId).pluck('created_at')).toEqual([stored]);
    expect(answered).toEqual(await loadSummary(db(), result.leadId));
    expect(answered.createdAt).toBe(at.toISOString());
  });

  it('keeps or refuses each of the leads arriving together on its own', async () => {
    const results = await Promise.allSettled([
      writer.write(lead(person({ phone: '+7 917 000 00 01' }))),
      writer.write(lead(person({ phone: '+7 917 000 00 02' }), { departmentId: 999_999 })), // no such department
      writer.write(lead(person({ phone: '+7 917 000 00 03' }))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const phones = await db()('client_phones').whereIn('phone', ['+79170000001', '+79170000002', '+79170000003']).pluck('phone');
    expect(phones.sort()).toEqual(['+79170000001', '+79170000003']);
  });
});

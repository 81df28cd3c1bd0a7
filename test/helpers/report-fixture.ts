import type { Knex } from 'knex';
import { LEAD_STATUSES } from '../../server/api-types.js';
import { toDbTime } from '../../server/db/knex.js';
import type { TestServer } from './server.js';
import { insertDepartment, insertStaff, type TestUser } from './factories.js';

/**
 * A week of work with known moments, for the reports: the period is 2026-11-02 … 2026-11-09 (UTC), the previous
 * one 2026-10-26 … 2026-11-02. Department "north" has managers Anna and `=Boris` (a name a spreadsheet would run
 * as a formula), a curator and Anna's assistant; department "south" has Vera. Every figure the tests expect
 * follows from the rows below (see the comments).
 */
export const WEEK = { from: '2026-11-02T00:00:00Z', to: '2026-11-09T00:00:00Z' };

const at = (iso: string) => toDbTime(new Date(iso));
const plus = (stored: string, seconds: number) => toDbTime(new Date(new Date(`${stored.replace(' ', 'T')}Z`).getTime() + seconds * 1000));
const step = (status: string) => Math.max(0, (LEAD_STATUSES as readonly string[]).indexOf(status));

export interface ReportFixture {
  north: number;
  south: number;
  anna: TestUser;
  boris: TestUser;
  vera: TestUser;
  curator: TestUser;
  southCurator: TestUser;
  assistant: TestUser;
  leads: Record<string, number>;
}

export async function insertReportFixture(server: TestServer): Promise<ReportFixture> {
  const db: Knex = server.deps.db;
  const north = (await insertDepartment(server, { name: 'North' })).id;
  const south = (await insertDepartment(server, { name: 'South' })).id;
  const anna = await insertStaff(server, { role: 'manager', departmentId: north, name: 'Anna' });
  const boris = await insertStaff(server, { role: 'manager', departmentId: north, name: '=Boris' });
  const vera = await insertStaff(server, { role: 'manager', departmentId: south, name: 'Vera' });
  const curator = await insertStaff(server, { role: 'curator', departmentId: north, name: 'Nina' });
  const southCurator = await insertStaff(server, { role: 'curator', departmentId: south, name: 'Sofia' });
  const assistant = await insertStaff(server, { role: 'assistant', departmentId: north, assistsUserId: anna.id, name: 'Alla' });

  const leads: Record<string, number> = {};
  async function lead(key: string, l: { dept: number; owner: number | null; created: string; assignAfter?: number; contactAfter?: number; status: string; furthest?: string }) {
    const [clientId] = await db('clients').insert({ full_name: `Client ${key}`, search_text: `client ${key}`, created_at: at(l.created), updated_at: at(l.created) });
    const assigned = l.assignAfter === undefined ? null : plus(at(l.created), l.assignAfter);
    const [id] = await db('leads').insert({
      client_id: Number(clientId),
      department_id: l.dept,
      owner_id: l.owner,
      source: 'site',
      status: l.status,
      furthest_step: step(l.furthest ?? l.status),
      created_at: at(l.created),
      updated_at: at(l.created),
      assigned_at: assigned,
      first_contact_at: assigned && l.contactAfter !== undefined ? plus(assigned, l.contactAfter) : null,
    });
    leads[key] = Number(id);
  }
  // Anna, this week: assign 60, 120, 180, 600, 1200 s (median 180, p90 960); first contact 100, 300, 500, 1000 s
  // (median 400, p90 850); won L1 and L5; lost L2 (refused_price_competitor); conversion 2 / 5.
  await lead('L1', { dept: north, owner: anna.id, created: '2026-11-02T10:00:00Z', assignAfter: 60, contactAfter: 100, status: 'contract_signed' });
  await lead('L2', { dept: north, owner: anna.id, created: '2026-11-03T10:00:00Z', assignAfter: 120, contactAfter: 300, status: 'refused_price_competitor', furthest: 'offer_sent' });
  await lead('L3', { dept: north, owner: anna.id, created: '2026-11-04T10:00:00Z', assignAfter: 180, contactAfter: 500, status: 'interested' });
  await lead('L4', { dept: north, owner: anna.id, created: '2026-11-05T10:00:00Z', assignAfter: 600, status: 'new' });
  await lead('L5', { dept: north, owner: anna.id, created: '2026-11-01T23:50:00Z', assignAfter: 1200, contactAfter: 1000, status: 'completed' });
  // Boris: assign 30, 90 s (median 60, p90 84); first contact 45 s; lost L6 (rejected_not_needed); conversion 0.
  await lead('L6', { dept: north, owner: boris.id, created: '2026-11-06T09:00:00Z', assignAfter: 30, contactAfter: 45, status: 'rejected_not_needed', furthest: 'collecting_info' });
  await lead('L7', { dept: north, owner: boris.id, created: '2026-11-06T12:00:00Z', assignAfter: 90, status: 'new' });
  // Assigned at the period's end exactly: the next period's (but it arrived in this one: the funnel counts it).
  await lead('L8', { dept: north, owner: anna.id, created: '2026-11-08T23:00:00Z', assignAfter: 3600, status: 'new' });
  // Anna, the week before: assign 300 s, first contact 200 s.
  await lead('L9', { dept: north, owner: anna.id, created: '2026-10-27T10:00:00Z', assignAfter: 300, contactAfter: 200, status: 'offer_sent' });
  // Nobody's yet.
  await lead('L10', { dept: north, owner: null, created: '2026-11-07T08:00:00Z', status: 'new' });
  // South: Vera, assign 10 s, reached contract_paid.
  await lead('L11', { dept: south, owner: vera.id, created: '2026-11-03T08:00:00Z', assignAfter: 10, contactAfter: 20, status: 'contract_paid' });

  const history = (leadKey: string, actor: number, action: string, when: string, v: { field?: string; value?: string } = {}) => ({
    lead_id: leads[leadKey],
    actor_id: actor,
    action,
    field: v.field ?? (action === 'status' ? 'status' : null),
    old_value: null,
    new_value: v.value ?? null,
    created_at: at(when),
  });
  await db('lead_history').insert([
    history('L1', anna.id, 'status', '2026-11-02T10:05:00Z', { value: 'collecting_info' }),
    history('L1', anna.id, 'comment', '2026-11-02T10:06:00Z', { value: 'Wants a quote' }),
    history('L1', anna.id, 'status', '2026-11-02T11:00:00Z', { value: 'contract_signed' }),
    history('L3', anna.id, 'status', '2026-11-04T12:00:00Z', { value: 'interested' }),
    history('L3', anna.id, 'attachment', '2026-11-04T13:00:00Z', { field: 'file', value: 'offer.pdf' }),
    history('L9', anna.id, 'status', '2026-10-27T11:00:00Z', { value: 'offer_sent' }),
    history('L6', boris.id, 'status', '2026-11-06T10:00:00Z', { value: 'rejected_not_needed' }),
    history('L1', curator.id, 'assigned', '2026-11-02T10:01:00Z', { field: 'owner', value: 'Anna' }),
  ]);

  const call = (c: { user: number | null; lead: string; direction: 'inbound' | 'outbound'; started: string; disposition: string; talk?: number }) => ({
    direction: c.direction,
    client_number: '+79160000001',
    department_id: north,
    lead_id: leads[c.lead],
    client_id: null,
    user_id: c.user,
    status: 'ended',
    disposition: c.disposition,
    started_at: at(c.started),
    answered_at: c.talk ? at(c.started) : null,
    ended_at: at(c.started),
    talk_seconds: c.talk ?? null,
  });
  // Anna: made 2 (one answered, 120 s), answered 1 inbound (60 s), and one missed inbound on her L1; Boris: one
  // missed inbound (voicemail) on his L6. The week before, Anna made one call.
  await db('calls').insert([
    call({ user: anna.id, lead: 'L1', direction: 'outbound', started: '2026-11-02T11:00:00Z', disposition: 'answered', talk: 120 }),
    call({ user: anna.id, lead: 'L2', direction: 'outbound', started: '2026-11-03T11:00:00Z', disposition: 'busy' }),
    call({ user: anna.id, lead: 'L3', direction: 'inbound', started: '2026-11-04T11:00:00Z', disposition: 'answered', talk: 60 }),
    call({ user: null, lead: 'L1', direction: 'inbound', started: '2026-11-05T11:00:00Z', disposition: 'missed' }),
    call({ user: null, lead: 'L6', direction: 'inbound', started: '2026-11-06T11:00:00Z', disposition: 'voicemail' }),
    call({ user: anna.id, lead: 'L9', direction: 'outbound', started: '2026-10-28T11:00:00Z', disposition: 'answered', talk: 30 }),
  ]);

  await db('reminders').insert({
    lead_id: leads.L4,
    user_id: anna.id,
    kind: 'callback',
    due_at: at('2026-11-05T08:00:00Z'),
    text: 'Call back about the quote',
    created_by: anna.id,
    created_at: at('2026-11-04T08:00:00Z'),
    fired_at: at('2026-11-05T08:00:00Z'),
    done_at: at('2026-11-05T09:00:00Z'),
  });
  return { north, south, anna, boris, vera, curator, southCurator, assistant, leads };
}

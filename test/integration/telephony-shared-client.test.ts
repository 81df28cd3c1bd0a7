import { afterEach, describe, expect, it } from 'vitest';
import { toDbTime } from '../../server/db/knex.js';
import { insertDepartment, insertStaff, loginAs } from '../helpers/factories.js';
import { databaseKind } from '../helpers/server.js';
import { DNIS, callRow, insertClientWithLead, legsCreatedFor, telephonyWorld, until, type TelephonyWorld } from '../fake-ari/telephony-fixtures.js';

const CALLER = '+79001234567';
const OTHER_DNIS = '8125550000';

/** A second department (number 8125550000) with its own curator and a manager whose phone is PJSIP/103. */
async function secondDepartment(w: TelephonyWorld) {
  const dept = await insertDepartment(w.server, { name: 'Piter', phoneNumbers: [OTHER_DNIS] });
  const manager = await insertStaff(w.server, { role: 'manager', departmentId: dept.id, name: 'Piter Pavel' });
  await w.server.deps.db('users').where('id', manager.id).update({ endpoint: 'PJSIP/103' });
  const curator = await insertStaff(w.server, { role: 'curator', departmentId: dept.id, name: 'Piter Polina' });
  const managerTab = await (await loginAs(w.server, manager)).connectSocket(); // online: their phone may ring
  return { dept, manager, curator, managerTab };
}

describe(`a client known to two departments (${databaseKind})`, () => {
  let w: TelephonyWorld;
  afterEach(async () => {
    await w?.dispose();
  });

  it("rings the owner of the client's lead in the dialled department, even when their lead elsewhere is newer, and keeps each department's calls to itself", async () => {
    w = await telephonyWorld();
    const b = await secondDepartment(w);
    const { clientId, leadId: leadA } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: w.owner.id, departmentId: w.department.id });
    const later = toDbTime(new Date(Date.now() + 60_000));
    const [leadB] = await w.server.deps.db('leads').insert({
      client_id: clientId, department_id: b.dept.id, owner_id: b.manager.id, source: 'site', status: 'new', flagged: false,
      returning_client: true, version: 1, created_at: later, updated_at: later,
    });

    // A call to department B first: it is B's lead's call.
    const toB = w.fake.placeInbound({ from: CALLER, to: OTHER_DNIS });
    await until(() => legsCreatedFor(w.fake, 'PJSIP/103').length === 1, 3000, "B's owner rung");
    w.fake.hangupFromPhone(toB);
    await until(async () => (await w.server.deps.db('calls').where('channel_id', toB).first())?.status === 'ended', 3000, 'B call ended');
    expect((await w.server.deps.db('calls').where('channel_id', toB).first()).lead_id).toBe(Number(leadB));

    // Then department A: A's owner rings, with A's lead on the card and on the call.
    const toA = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.owner.socket.waitFor('call:ringing');
    expect(pop.lead.id).toBe(leadA);
    expect(pop.lastCall).toBeNull(); // B's call is not A's lead's history
    expect(legsCreatedFor(w.fake, 'PJSIP/102')).toHaveLength(0);
    expect(legsCreatedFor(w.fake, 'PJSIP/103')).toHaveLength(1);
    expect((await callRow(w.server, pop.callId)).lead_id).toBe(leadA);
    w.fake.hangupFromPhone(toA);
    await w.owner.socket.waitFor('call:ended');

    // The shared client's card: each side sees the calls of the leads it may see.
    const cardA = await w.owner.client.get(`/api/leads/${leadA}`);
    expect(cardA.body.calls.map((c: { id: number }) => c.id)).toEqual([pop.callId]);
    const curatorB = await loginAs(w.server, b.curator);
    const cardB = await curatorB.get(`/api/leads/${leadB}`);
    expect(cardB.body.calls.map((c: { leadId: number }) => c.leadId)).toEqual([Number(leadB)]);
    const cardAll = await w.director.get(`/api/leads/${leadA}`);
    expect(cardAll.body.calls).toHaveLength(2);
    b.managerTab.close();
  });

  it("sends a client known only elsewhere to the dialled department's group and makes them a new lead there, which the curator's task points to", async () => {
    w = await telephonyWorld();
    const b = await secondDepartment(w);
    const { clientId, leadId: leadB } = await insertClientWithLead(w.server, { phone: CALLER, ownerId: b.manager.id, departmentId: b.dept.id });
    const toA = w.fake.placeInbound({ from: CALLER, to: DNIS });
    const pop = await w.colleague.socket.waitFor('call:ringing');
    expect(pop.lead).toBeNull();
    expect(legsCreatedFor(w.fake, 'PJSIP/103')).toHaveLength(0);
    w.fake.hangupFromPhone(toA);
    const due = await w.curator.socket.waitFor('reminder:due');
    expect(due.reminder.kind).toBe('missed_call');
    const row = await callRow(w.server, pop.callId);
    expect(row.department_id).toBe(w.department.id);
    // A's new lead of the same client (not B's lead), unassigned, with the call on it and the task pointing at it.
    expect(row.lead_id).not.toBeNull();
    expect(row.lead_id).not.toBe(leadB);
    expect(due.reminder.leadId).toBe(row.lead_id);
    const card = await w.curator.client.get(`/api/leads/${row.lead_id}`);
    expect(card.status).toBe(200);
    expect(card.body.lead.client.id).toBe(clientId);
    expect(card.body.lead.ownerId).toBeNull();
    expect(card.body.calls.map((c: { id: number }) => c.id)).toEqual([pop.callId]);
    expect((await w.curator.client.get(`/api/leads/${leadB}`)).status).toBe(404);
    b.managerTab.close();
  });
});

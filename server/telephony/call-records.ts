import type { Deps } from '../deps.js';
import { toDbTime } from '../db/knex.js';
import { normalizePhone } from '../lib/phone.js';
import { createLead } from '../modules/leads/create-lead.js';
import { recordHistory } from '../modules/leads/lead-history.js';
import { emitLeadUpdated, loadSummary } from '../modules/leads/leads.events.js';
import { fireDueReminders } from '../modules/reminders/fire-due-reminders.js';

/**
 * What a call changes outside the calls table: the lead's first contact and history, the missed-call task, the
 * new lead of an unknown caller. Each write commits before its live event goes out.
 */

/** A conversation with the client took place: first contact (once) and a history row, in one transaction. */
export async function recordContact(deps: Deps, leadId: number, userId: number | null, what: string): Promise<void> {
  const now = toDbTime();
  await deps.db.transaction(async (tx) => {
    await tx('leads').where('id', leadId).whereNull('first_contact_at').update({ first_contact_at: now });
    await recordHistory(tx, [{ leadId, actorId: userId, action: 'call', newValue: what }], now);
  });
  const lead = await loadSummary(deps.db, leadId);
  if (lead) emitLeadUpdated(deps, lead);
}

/**
 * A call nobody took becomes a task, due now, for the owner (or the department's curators, or the directors
 * when there is no curator): never a silent loss. It pops up through the reminders' own firing path.
 */
export async function createMissedCallTasks(deps: Deps, p: { leadId: number | null; ownerId: number | null; departmentId: number | null; text: string }): Promise<void> {
  let userIds: number[] = p.ownerId !== null ? [p.ownerId] : [];
  if (userIds.length === 0 && p.departmentId !== null) {
    const curators = await deps.db('users').where({ role: 'curator', department_id: p.departmentId, active: true }).select('id');
    userIds = curators.map((r: { id: number }) => Number(r.id));
  }
  if (userIds.length === 0) {
    const directors = await deps.db('users').where({ role: 'director', active: true }).select('id');
    userIds = directors.map((r: { id: number }) => Number(r.id));
  }
  if (userIds.length === 0) return;
  const now = toDbTime();
  await deps.db('reminders').insert(
    userIds.map((userId) => ({ lead_id: p.leadId, user_id: userId, kind: 'missed_call', due_at: now, text: p.text.slice(0, 1000), created_by: null, created_at: now })),
  );
  await fireDueReminders(deps);
}

/** An unknown caller becomes a new lead in the department's curator inbox (reusing the leads' own use case). */
export async function createCallerLead(deps: Deps, departmentId: number, callerNumber: string): Promise<{ leadId: number; clientId: number } | null> {
  const phone = normalizePhone(callerNumber, deps.config.defaultCountry);
  if (!phone) return null;
  const outcome = await createLead(deps, {
    departmentId,
    siteId: null,
    source: 'call',
    createdBy: null,
    client: { phones: [phone], emails: [], fullName: null, organization: null },
    service: null,
    message: `Incoming call from ${phone}`,
    pageUrl: null,
    utm: null,
    ownerId: null,
  });
  return outcome.kind === 'created' ? { leadId: outcome.result.leadId, clientId: outcome.result.clientId } : null;
}

import type { Deps } from '../../deps.js';
import { fromDbTime } from '../../db/knex.js';
import { addWorkingTime, workingMsBetween } from '../../lib/working-time.js';
import { instantCallbackOf, loadInstantCallback } from '../departments/callback-settings.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { findLeadRow } from '../leads/leads.repo.js';
import { insertAttempt } from './callback-attempts.repo.js';
import { ringCallbackAttempt } from './ring-callback-attempt.js';

/** A curator's assignment starts an instant callback only this many working minutes after the lead arrived. */
export const CURATOR_WINDOW_MINUTES = 30;

/**
 * A new web lead just got its manager (`by`: Leadline's distribution, or a curator): in a department with instant
 * callback on, its first attempt is written — due now inside the working hours, else at the start of the next working
 * window — and rung at once when due. Nothing happens for a lead that is not a website's, not `new`, already
 * contacted or closed, whose client has no phone, that had an attempt already, or (`by: 'curator'`) that arrived more
 * than CURATOR_WINDOW_MINUTES of working time ago. Answers the attempt's id, or null when none was written.
 */
export async function scheduleInstantCallback(deps: Deps, leadId: number, by: 'distribution' | 'curator', now: Date = new Date()): Promise<number | null> {
  const lead = await findLeadRow(deps.db, leadId);
  if (!lead || lead.source !== 'site' || lead.status !== 'new' || lead.owner_id === null || lead.first_contact_at !== null || lead.closed_at !== null) return null;
  const departmentId = Number(lead.department_id);
  const settings = instantCallbackOf(await loadInstantCallback(deps.db, [departmentId]), departmentId);
  if (!settings.enabled) return null;
  const hours = speedToLeadOf(await loadSpeedToLead(deps.db, [departmentId]), departmentId).workingHours;
  if (by === 'curator' && workingMsBetween(hours, new Date(fromDbTime(lead.created_at)!), now) > CURATOR_WINDOW_MINUTES * 60_000) return null;
  const phone = await deps.db('client_phones').where('client_id', lead.client_id).first('phone');
  if (!phone) return null;
  const dueAt = addWorkingTime(hours, now, 0);
  if (!dueAt) return null;
  const id = await insertAttempt(deps.db, { leadId, attempt: 1, departmentId, dueAt });
  if (id !== null && dueAt.getTime() <= now.getTime()) await ringCallbackAttempt(deps, id);
  return id;
}

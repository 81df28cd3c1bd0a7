import type { DistributionReasonDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { fromDbTime, isUniqueViolation, toDbTime, type Queryable } from '../../db/knex.js';
import { text, type Text } from '../../i18n/text.js';
import { formatPhone } from '../../lib/phone-display.js';
import { isWorkingTime, workingMsBetween, type WorkingHours } from '../../lib/working-time.js';
import { distributionOf, loadDistribution } from '../departments/distribution-settings.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { writeAssignment } from '../leads/assign-lead.js';
import { emitLeadAssigned } from '../leads/leads.events.js';
import { toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadRow, findLeadSummaryRow, type LeadSummaryRow } from '../leads/leads.repo.js';
import { insertTasks } from '../reminders/reminders.repo.js';
import { fireDueReminders } from '../reminders/fire-due-reminders.js';
import { decide, type Decision } from './decide.js';
import { leadFactsOf } from './lead-facts.js';
import { recordDecision } from './decisions.repo.js';
import { loadCandidates, saveTurn } from './distribute-lead.js';

/** Leads looked at per department and run, longest waiting first; the rest wait for the next run. */
const BATCH = 500;
/** Leads given to their owner longer ago than this (wall time) are past re-distribution: no storm of stale moves. */
const LOOKBACK_DAYS = 30;
/** Decisions that gave the lead to the manager who owns it now automatically (a curator's assignment stops the clock). */
const AUTOMATIC = ['owner', 'rule', 'pool', 'redistributed', 'callback'];

interface Overdue {
  leadId: number;
  departmentId: number;
  ownerId: number;
  round: number;
  minutes: number;
}

/**
 * One pass of re-distribution at `now`: in every auto department with `redistributeAfterMinutes` set and inside its
 * working hours, an open lead given automatically to its owner (its last decision, at `at`) who has made no first
 * contact (`leads.first_contact_at` null) within that many working minutes of `at` goes, through the same decision
 * (decide.ts), to another eligible manager — never one it went to before — at most `maxRedistributions` times. Each
 * round is claimed by a row unique per lead and round (lead_redistributions) in the transaction that reassigns the
 * lead, records the decision ("redistributed", reason `no_first_contact`), writes history and leaves the curators a
 * task (the directors when the department has none); so a round happens once, whatever restarts or instances there
 * are. When nobody else is eligible the lead stays where it is and is tried again at the next run. After commit:
 * `lead:assigned` (and `lead:hidden` to the previous owner) and the tasks pop up live. Returns how many leads moved.
 */
export async function redistributeOverdueLeads(deps: Deps, now: Date): Promise<number> {
  const distribution = await loadDistribution(deps.db);
  const hours = await loadSpeedToLead(deps.db);
  const departments = [...distribution.keys()].filter((id) => {
    const s = distributionOf(distribution, id);
    return s.mode === 'auto' && s.redistributeAfterMinutes !== null && s.maxRedistributions > 0 && isWorkingTime(speedToLeadOf(hours, id).workingHours, now);
  });
  if (departments.length === 0) return 0;
  const due: Overdue[] = [];
  for (const id of departments) {
    const s = distributionOf(distribution, id);
    const rules = { minutes: s.redistributeAfterMinutes ?? 0, max: s.maxRedistributions, hours: speedToLeadOf(hours, id).workingHours };
    due.push(...(await overdueLeads(deps.db, id, rules, now)));
  }
  let moved = 0;
  for (const lead of due) {
    const done = await redistributeLead(deps, lead, now);
    if (done) {
      moved += 1;
      emitLeadAssigned(deps, toLeadSummary(done), lead.ownerId);
    }
  }
  if (moved > 0) await fireDueReminders(deps, now);
  return moved;
}

/**
 * Open, not yet contacted leads of one department whose last decision gave them automatically to their owner at least
 * `minutes` of wall time ago (and within LOOKBACK_DAYS), with rounds left; then those past `minutes` of working time.
 * Everything but the working-time count is in the query, so leads that can never move (rounds used up, reassigned by
 * a curator) never fill the batch.
 */
async function overdueLeads(db: Queryable, departmentId: number, rules: { minutes: number; max: number; hours: WorkingHours }, now: Date): Promise<Overdue[]> {
  const latest = db('lead_distribution as d2').max('d2.id').whereRaw('d2.lead_id = leads.id');
  const rounds = '(select count(*) from lead_redistributions r where r.lead_id = leads.id)';
  const rows: { id: number; owner_id: number; at: string; rounds: number | string }[] = await db('leads')
    .join('lead_distribution as d', 'd.lead_id', 'leads.id')
    .where('leads.department_id', departmentId)
    .whereNotNull('leads.owner_id')
    .whereNull('leads.first_contact_at')
    .whereNull('leads.closed_at')
    .where('d.id', latest)
    .whereIn('d.decision', AUTOMATIC)
    .whereRaw('d.user_id = leads.owner_id')
    .where('d.at', '<=', toDbTime(new Date(now.getTime() - rules.minutes * 60_000)))
    .where('d.at', '>=', toDbTime(new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000)))
    .whereRaw(`${rounds} < ?`, [rules.max])
    .orderBy('d.at')
    .limit(BATCH)
    .select('leads.id', 'leads.owner_id', 'd.at', db.raw(`${rounds} as rounds`));
  return rows
    .filter((r) => workingMsBetween(rules.hours, new Date(fromDbTime(r.at)!), now) >= rules.minutes * 60_000)
    .map((r) => ({ leadId: Number(r.id), departmentId, ownerId: Number(r.owner_id), round: Number(r.rounds) + 1, minutes: rules.minutes }));
}

/**
 * One round for one lead, in one transaction under the department's distribution lock (as distributeLead). Answers
 * the lead as it is now when it moved; null when someone else did the round, the lead changed meanwhile, or nobody
 * else is eligible.
 */
async function redistributeLead(deps: Deps, due: Overdue, now: Date): Promise<LeadSummaryRow | null> {
  try {
    return await deps.db.transaction(async (tx) => {
      const locked = await tx('department_distribution').where('department_id', due.departmentId).update({ turn: tx.raw('turn + 1') });
      if (locked === 0) return null;
      const dept = await tx('department_distribution').where('department_id', due.departmentId).first<{ settings: string; turn: number }>('settings', 'turn');
      const lead = await findLeadRow(tx, due.leadId);
      if (!dept || !lead || Number(lead.owner_id) !== due.ownerId || lead.first_contact_at !== null || lead.closed_at !== null) return null;
      const settings = distributionOf(await loadDistribution(tx, [due.departmentId]), due.departmentId);
      const before = new Set((await tx('lead_distribution').where('lead_id', due.leadId).whereNotNull('user_id').pluck('user_id')).map(Number));
      before.add(due.ownerId);
      const hours = speedToLeadOf(await loadSpeedToLead(tx, [due.departmentId]), due.departmentId).workingHours;
      const candidates = (await loadCandidates(deps, tx, due.departmentId)).filter((c) => !before.has(c.id));
      const lead0 = await leadFactsOf(tx, lead, deps.config.defaultCurrency);
      const picked = decide({ settings, candidates, lead: lead0, working: isWorkingTime(hours, now), now });
      const chosen = candidates.find((c) => c.id === picked.userId);
      if (!chosen) return null;
      // The claim: a second runner (restart, other instance) fails here with a unique violation and writes nothing.
      await tx('lead_redistributions').insert({ lead_id: due.leadId, round: due.round, at: toDbTime(now) });
      const previous = await findLeadSummaryRow(tx, due.leadId);
      if (!(await writeAssignment(tx, lead, chosen, null))) throw new LostRace();
      await saveTurn(tx, chosen.id, { pass: picked.nextPass ?? 0, last_turn: Number(dept.turn), last_lead_at: toDbTime(now) });
      const why: DistributionReasonDto = { code: 'no_first_contact', params: { userId: due.ownerId, name: previous?.owner_name ?? null, minutes: due.minutes } };
      const decision: Decision = { ...picked, decision: 'redistributed', reasons: [why, ...picked.reasons] };
      await recordDecision(tx, due.leadId, decision, now);
      const task = noticeText(previous!, chosen.name, due.minutes);
      await leaveNotice(tx, due.leadId, due.departmentId, task, now);
      return (await findLeadSummaryRow(tx, due.leadId)) ?? null;
    });
  } catch (err) {
    if (isUniqueViolation(err) || err instanceof LostRace) return null;
    throw err;
  }
}

/** The lead was written by someone else between the read and the assignment: the round is rolled back. */
class LostRace extends Error {}

/** A task for the department's curators (its directors when it has none), due now: it pops up at once. */
async function leaveNotice(tx: Queryable, leadId: number, departmentId: number, task: Text, now: Date): Promise<void> {
  const ids = async (where: Record<string, unknown>) => (await tx('users').where({ ...where, active: true }).pluck('id')).map(Number);
  let userIds = await ids({ role: 'curator', department_id: departmentId });
  if (userIds.length === 0) userIds = await ids({ role: 'director' });
  if (userIds.length === 0) return;
  const at = toDbTime(now);
  await insertTasks(tx, { leadId, userIds, kind: 'speed_to_lead', task, at });
}

/** `task.redistributed`: the lead's name, from whom, to whom and after how many working minutes. */
function noticeText(lead: LeadSummaryRow, to: string, minutes: number): Text {
  const name = lead.client_full_name || lead.client_organization || (lead.client_phone ? formatPhone(lead.client_phone) : null) || lead.client_email || `#${lead.id}`;
  return text('task.redistributed', { lead: name, from: lead.owner_name ?? '', to, minutes });
}

import type { Deps } from '../../deps.js';
import { fromDbTime, isUniqueViolation, toDbTime, type Queryable } from '../../db/knex.js';
import { text, type Text } from '../../i18n/text.js';
import { formatPhone } from '../../lib/phone-display.js';
import { isWorkingTime } from '../../lib/working-time.js';
import { loadSpeedToLead, speedToLeadOf } from '../departments/speed-to-lead-settings.js';
import { findLeadSummaryRows, type LeadSummaryRow } from '../leads/leads.repo.js';
import { insertTasks } from '../reminders/reminders.repo.js';
import { fireDueReminders } from '../reminders/fire-due-reminders.js';
import { dueAlarms, type AlarmKind } from './alarms.js';

const DAY_MS = 86_400_000;
/** Leads whose clock started longer ago than this (wall time) are past the guard: no storm of stale alarms. */
const LOOKBACK_DAYS = 7;
/** Leads looked at in one run, oldest first; the rest wait for the next run. */
const BATCH = 1000;

/**
 * One pass of the speed-to-lead guard at `now`: in every department whose working hours include `now`, each open
 * lead that has waited past a threshold (alarms.ts) gets its alarm as a task for the people it goes to, which pops
 * up live at once (`reminder:due`). Each alarm is claimed by a row unique per lead and kind, in the same transaction
 * as its tasks: it fires once, whatever restarts or instances there are. Returns how many alarms fired.
 */
export async function raiseSpeedToLeadAlarms(deps: Deps, now: Date): Promise<number> {
  const { db } = deps;
  const settings = await loadSpeedToLead(db);
  const departments: { id: number; name: string }[] = await db('departments').select('id', 'name');
  const open = departments.filter((d) => isWorkingTime(speedToLeadOf(settings, Number(d.id)).workingHours, now)).map((d) => Number(d.id));
  if (open.length === 0) return 0;

  const leads = await waitingLeads(db, open, now);
  if (leads.length === 0) return 0;
  const ids = leads.map((l) => Number(l.id));
  const claimed = new Set((await db('speed_to_lead_alarms').whereIn('lead_id', ids).select('lead_id', 'kind')).map((r: { lead_id: number; kind: string }) => `${r.lead_id}:${r.kind}`));
  const departmentName = new Map(departments.map((d) => [Number(d.id), d.name]));
  let fired = 0;
  for (const lead of leads) {
    const departmentId = Number(lead.department_id);
    const { kinds, waitedMinutes } = dueAlarms(
      { ownerId: lead.owner_id === null ? null : Number(lead.owner_id), createdAt: instant(lead.created_at), assignedAt: lead.assigned_at ? instant(lead.assigned_at) : null },
      speedToLeadOf(settings, departmentId),
      now,
    );
    for (const kind of kinds) {
      if (claimed.has(`${lead.id}:${kind}`)) continue;
      const task = alarmText(kind, lead, waitedMinutes, departmentName.get(departmentId) ?? '');
      if (await fireAlarm(db, lead, kind, task, now)) fired += 1;
    }
  }
  if (fired > 0) await fireDueReminders(deps, now);
  return fired;
}

const instant = (v: unknown) => new Date(fromDbTime(v)!);

/** Open leads of these departments still waiting for a manager or for their first contact, whose clock started lately. */
async function waitingLeads(db: Queryable, departmentIds: number[], now: Date): Promise<LeadSummaryRow[]> {
  const since = toDbTime(new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS));
  const rows: { id: number }[] = await db('leads')
    .whereIn('department_id', departmentIds)
    .whereNull('closed_at')
    .where('created_at', '<=', toDbTime(now))
    .where('created_at', '>=', toDbTime(new Date(now.getTime() - 4 * LOOKBACK_DAYS * DAY_MS)))
    .where((w) =>
      void w
        .where((u) => void u.whereNull('owner_id').where('created_at', '>=', since))
        .orWhere((a) => void a.whereNotNull('owner_id').whereNull('first_contact_at').where('assigned_at', '>=', since)),
    )
    .whereNotExists((q) =>
      void q
        .select(db.raw('1'))
        .from('speed_to_lead_alarms as a')
        .whereRaw('a.lead_id = leads.id')
        .whereRaw(`a.kind = (case when leads.owner_id is null then 'unassigned_director' else 'no_contact_curator' end)`),
    )
    .orderBy('created_at')
    .limit(BATCH)
    .select('id');
  return findLeadSummaryRows(db, rows.map((r) => Number(r.id)));
}

/** Who an alarm goes to: the owner, the department's curators (the directors when it has none), or the directors. */
async function recipients(db: Queryable, kind: AlarmKind, lead: LeadSummaryRow): Promise<number[]> {
  if (kind === 'no_contact') return lead.owner_id === null ? [] : [Number(lead.owner_id)];
  const ids = async (where: Record<string, unknown>) => (await db('users').where({ ...where, active: true }).select('id')).map((r: { id: number }) => Number(r.id));
  if (kind !== 'unassigned_director') {
    const curators = await ids({ role: 'curator', department_id: lead.department_id });
    if (curators.length > 0) return curators;
  }
  return ids({ role: 'director' });
}

/** Claims the alarm and leaves its tasks, in one transaction; false when it was claimed already (another instance). */
async function fireAlarm(db: Deps['db'], lead: LeadSummaryRow, kind: AlarmKind, task: Text, now: Date): Promise<boolean> {
  const at = toDbTime(now);
  try {
    await db.transaction(async (tx) => {
      await tx('speed_to_lead_alarms').insert({ lead_id: lead.id, kind, fired_at: at });
      const userIds = await recipients(tx, kind, lead);
      await insertTasks(tx, { leadId: lead.id, userIds, kind: 'speed_to_lead', task, at });
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** The tasks' texts: `task.speed_<kind>` with the lead's name, how long it waited and who or where. */
function alarmText(kind: AlarmKind, lead: LeadSummaryRow, minutes: number, department: string): Text {
  const name = lead.client_full_name || lead.client_organization || (lead.client_phone ? formatPhone(lead.client_phone) : null) || lead.client_email || `#${lead.id}`;
  return text(`task.speed_${kind}`, { lead: name, minutes, manager: lead.owner_name ?? '', department });
}

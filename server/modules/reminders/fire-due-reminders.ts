import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { rowToSessionUser, SESSION_USER_COLUMNS, type UserRow } from '../../http/sessions.js';
import { userLocale } from '../../http/locale.js';
import { canSeeLead } from '../leads/leads.policy.js';
import { leadFor, toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadSummaryRows } from '../leads/leads.repo.js';
import { emitReminderDue } from './reminders.events.js';
import { toReminderDto, type ReminderRow } from './reminders.repo.js';

const BATCH = 500;

/**
 * Pops up every reminder that is due: each is claimed with `UPDATE … WHERE fired_at IS NULL`, so two instances
 * (or two overlapping runs) never fire the same one twice; then `reminder:due` goes to its user's tabs.
 * Returns how many fired.
 */
export async function fireDueReminders(deps: Deps, now: Date = new Date()): Promise<number> {
  const { db } = deps;
  const at = toDbTime(now);
  const due: ReminderRow[] = await db('reminders').whereNull('fired_at').whereNull('done_at').where('due_at', '<=', at).orderBy('due_at').limit(BATCH);
  const fired: ReminderRow[] = [];
  for (const r of due) {
    const claimed = await db('reminders').where('id', r.id).whereNull('fired_at').update({ fired_at: at });
    if (claimed === 1) fired.push({ ...r, fired_at: at });
  }
  if (fired.length === 0) return 0;

  const leadIds = [...new Set(fired.map((r) => r.lead_id).filter((id): id is number => id !== null))];
  const userIds = [...new Set(fired.map((r) => Number(r.user_id)))];
  const [leads, users] = await Promise.all([
    findLeadSummaryRows(db, leadIds),
    db('users').whereIn('users.id', userIds).select<UserRow[]>(...SESSION_USER_COLUMNS),
  ]);
  const leadById = new Map(leads.map((l) => [Number(l.id), toLeadSummary(l)]));
  const userById = new Map(users.map((u) => [Number(u.id), rowToSessionUser(u)]));
  for (const r of fired) {
    const user = userById.get(Number(r.user_id));
    const lead = r.lead_id === null ? undefined : leadById.get(Number(r.lead_id));
    // A lead reassigned since the reminder was set is no longer shown to its former owner.
    const visibleLead = lead && user && canSeeLead(user, lead) ? leadFor(user, lead) : null;
    emitReminderDue(deps, toReminderDto(r, user ? userLocale(user, deps.config.defaultLocale) : deps.config.defaultLocale), visibleLead);
  }
  return fired.length;
}

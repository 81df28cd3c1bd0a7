import type { Locale, MyReminderDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { canSeeLead } from '../leads/leads.policy.js';
import { leadFor, toLeadSummary } from '../leads/leads.presenter.js';
import { findLeadSummaryRows } from '../leads/leads.repo.js';
import { listOpenRemindersOf } from './reminders.repo.js';

/**
 * The user's open reminders (waiting, or fired and not done), soonest first, each with its lead — client's name and
 * phone, status — when the user may still see that lead (a lead reassigned since shows as null). One query for the leads.
 */
export async function listMyReminders(deps: Deps, user: SessionUser, locale: Locale): Promise<MyReminderDto[]> {
  const reminders = await listOpenRemindersOf(deps.db, user.id, locale);
  const leadIds = [...new Set(reminders.map((r) => r.leadId).filter((id): id is number => id !== null))];
  const leads = new Map(
    (await findLeadSummaryRows(deps.db, leadIds))
      .map(toLeadSummary)
      .filter((l) => canSeeLead(user, l))
      .map((l) => [l.id, leadFor(user, l)]),
  );
  return reminders.map((r) => ({ ...r, lead: r.leadId === null ? null : (leads.get(r.leadId) ?? null) }));
}

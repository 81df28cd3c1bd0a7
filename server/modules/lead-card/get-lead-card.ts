import { userLocale } from '../../http/locale.js';
import type { LeadDetailDto, ReminderDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { callsForClient } from '../calls/calls.queries.js';
import { loadClient } from '../clients/clients.repo.js';
import { segmentsOfClient } from '../clients/client-segments.js';
import { listRemindersOfLead } from '../reminders/reminders.repo.js';
import { listAttachments } from '../leads/attachments.repo.js';
import { listHistory } from '../leads/lead-history.js';
import { visibleLeadRow } from '../leads/lead-access.js';
import { leadFor, toComment, toLeadFull, type CommentRow } from '../leads/leads.presenter.js';
import { findLeadSummaryRow } from '../leads/leads.repo.js';
import { clientLeadLinks } from '../leads/client-leads.js';
import { leadSpeed, listDecisions } from '../distribution/decisions.repo.js';

/**
 * Everything on one lead card (GET /api/leads/:id): the lead, its client, comments, files, reminders, history and the
 * client's calls and segments. It reads from the leads, clients, calls and reminders modules, so it sits above all of them.
 */
export async function getLeadCard(deps: Deps, user: SessionUser, leadId: number): Promise<LeadDetailDto> {
  const { db } = deps;
  const row = await visibleLeadRow(db, user, leadId);
  const [summary, client, comments, attachments, reminders, history, calls, distribution, speed, clientSegments, otherLeads] = await Promise.all([
    findLeadSummaryRow(db, leadId),
    loadClient(db, Number(row.client_id)),
    db('lead_comments')
      .leftJoin('users', 'users.id', 'lead_comments.author_id')
      .where('lead_comments.lead_id', leadId)
      .orderBy([{ column: 'lead_comments.created_at' }, { column: 'lead_comments.id' }])
      .select<CommentRow[]>('lead_comments.*', 'users.name as author_name'),
    listAttachments(db, leadId),
    listRemindersOfLead(db, leadId, userLocale(user, deps.config.defaultLocale)) as Promise<ReminderDto[]>,
    listHistory(db, leadId),
    callsForClient(db, Number(row.client_id), user),
    listDecisions(db, leadId),
    leadSpeed(db, { id: Number(row.id), client_id: Number(row.client_id), created_at: row.created_at, assigned_at: row.assigned_at }),
    segmentsOfClient(db, Number(row.client_id), deps.config.segments),
    clientLeadLinks(db, user, Number(row.client_id), leadId),
  ]);
  if (!summary || !client) throw new NotFoundError('lead');
  return { lead: leadFor(user, toLeadFull(summary)), client, comments: comments.map(toComment), attachments, reminders, history, calls, distribution, speed, clientSegments, otherLeads };
}

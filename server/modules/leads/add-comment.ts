import type { CommentDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { emitLeadUpdated, loadSummary } from './leads.events.js';
import { recordHistory } from './lead-history.js';
import { isOwnerSide, visibleLeadRow } from './lead-access.js';
import { toComment, type CommentRow } from './leads.presenter.js';

/** A comment on a lead, under the name of whoever wrote it; the owner's side writing one first is first contact. */
export async function addComment(deps: Deps, user: SessionUser, leadId: number, text: string): Promise<CommentDto> {
  const id = await deps.db.transaction(async (tx) => {
    const row = await visibleLeadRow(tx, user, leadId);
    const now = toDbTime();
    const contact = row.first_contact_at === null && isOwnerSide(user, row);
    // The lead's row is locked first, then the comment (whose key reads it) is added: one lock order for all.
    await tx('leads')
      .where('id', leadId)
      .update(contact ? { updated_at: now, first_contact_at: now } : { updated_at: now });
    const [cid] = await tx('lead_comments').insert({ lead_id: leadId, author_id: user.id, text, created_at: now });
    await recordHistory(tx, [{ leadId, actorId: user.id, action: 'comment', newValue: text }], now);
    return Number(cid);
  });
  const lead = await loadSummary(deps.db, leadId);
  if (lead) emitLeadUpdated(deps, lead);
  const row: CommentRow = await deps.db('lead_comments')
    .leftJoin('users', 'users.id', 'lead_comments.author_id')
    .where('lead_comments.id', id)
    .first('lead_comments.*', 'users.name as author_name');
  return toComment(row);
}

import type { Queryable } from '../../db/knex.js';
import { NotFoundError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { canSeeLead } from './leads.policy.js';
import { findLeadRow, type LeadRow } from './leads.repo.js';

const audience = (row: LeadRow) => ({ departmentId: Number(row.department_id), ownerId: row.owner_id === null ? null : Number(row.owner_id) });

/** The lead, if this user may see it; a lead they may not see does not exist for them (404, not 403). */
export async function visibleLeadRow(db: Queryable, user: SessionUser, leadId: number): Promise<LeadRow> {
  const row = await findLeadRow(db, leadId);
  if (!row || !canSeeLead(user, audience(row))) throw new NotFoundError('lead');
  return row;
}

export { audience as leadAudience };

/** The owner, or the owner's assistant, doing something to the lead: that is contact with the client. */
export function isOwnerSide(user: SessionUser, row: LeadRow): boolean {
  if (row.owner_id === null) return false;
  const owner = Number(row.owner_id);
  return user.id === owner || (user.role === 'assistant' && user.assistsUserId === owner);
}

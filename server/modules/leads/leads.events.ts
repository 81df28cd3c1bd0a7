import type { LeadSummaryDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import type { Queryable } from '../../db/knex.js';
import { leadRooms } from './leads.policy.js';
import { toLeadSummary } from './leads.presenter.js';
import { findLeadSummaryRow, findLeadSummaryRows } from './leads.repo.js';

/** Live events about leads, sent after commit to exactly the users who may see the lead (leads.policy.ts). */

export async function loadSummary(db: Queryable, leadId: number): Promise<LeadSummaryDto | null> {
  const row = await findLeadSummaryRow(db, leadId);
  return row ? toLeadSummary(row) : null;
}

export function emitLeadCreated(deps: Deps, lead: LeadSummaryDto): void {
  deps.realtime.toLeadAudience(lead).emit('lead:created', { lead });
  if (lead.ownerId !== null) deps.realtime.toLeadAudience(lead).emit('lead:assigned', { lead, previousOwnerId: null });
}

export function emitLeadUpdated(deps: Deps, lead: LeadSummaryDto): void {
  deps.realtime.toLeadAudience(lead).emit('lead:updated', { lead });
}

/** The previous owner (and their assistant) hear it too, so their lists drop the lead. */
export function emitLeadAssigned(deps: Deps, lead: LeadSummaryDto, previousOwnerId: number | null): void {
  const extra = previousOwnerId !== null && previousOwnerId !== lead.ownerId ? leadRooms({ departmentId: lead.departmentId, ownerId: previousOwnerId }) : [];
  deps.realtime.toLeadAudience(lead, extra).emit('lead:assigned', { lead, previousOwnerId });
}

/** After a change that touched several leads (a client's details): one query, one event per lead. */
export async function emitLeadsUpdated(deps: Deps, leadIds: number[]): Promise<void> {
  const rows = await findLeadSummaryRows(deps.db, leadIds);
  for (const row of rows) emitLeadUpdated(deps, toLeadSummary(row));
}

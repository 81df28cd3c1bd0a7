import type { Deps } from '../../deps.js';
import type { Queryable } from '../../db/knex.js';
import { leadAudiences, ownerSideRooms } from './leads.policy.js';
import { toLeadSummary, type LeadSummary } from './leads.presenter.js';
import { findLeadSummaryRow, findLeadSummaryRows } from './leads.repo.js';

/**
 * Live events about leads, sent after commit to exactly the users who may see the lead (leads.policy.ts), each
 * group with what it may do with the lead (`lead.can`). Nothing else in Leadline emits `lead:*`.
 */

export async function loadSummary(db: Queryable, leadId: number): Promise<LeadSummary | null> {
  const row = await findLeadSummaryRow(db, leadId);
  return row ? toLeadSummary(row) : null;
}

export function emitLeadCreated(deps: Deps, lead: LeadSummary): void {
  for (const audience of leadAudiences(lead)) {
    const addressed = { ...lead, can: audience.can };
    deps.realtime.to(audience.rooms).emit('lead:created', { lead: addressed });
    if (lead.ownerId !== null) deps.realtime.to(audience.rooms).emit('lead:assigned', { lead: addressed, previousOwnerId: null });
  }
}

export function emitLeadUpdated(deps: Deps, lead: LeadSummary): void {
  for (const audience of leadAudiences(lead)) deps.realtime.to(audience.rooms).emit('lead:updated', { lead: { ...lead, can: audience.can } });
}

/** The new owner's side and the assigners hear `lead:assigned`; the previous owner's side sees the lead go (`lead:hidden`). */
export function emitLeadAssigned(deps: Deps, lead: LeadSummary, previousOwnerId: number | null): void {
  for (const audience of leadAudiences(lead)) deps.realtime.to(audience.rooms).emit('lead:assigned', { lead: { ...lead, can: audience.can }, previousOwnerId });
  if (previousOwnerId !== null && previousOwnerId !== lead.ownerId) deps.realtime.to(ownerSideRooms(previousOwnerId)).emit('lead:hidden', { leadId: lead.id });
}

/** After a change that touched several leads (a client's details): one query, one event per lead. */
export async function emitLeadsUpdated(deps: Deps, leadIds: number[]): Promise<void> {
  const rows = await findLeadSummaryRows(deps.db, leadIds);
  for (const row of rows) emitLeadUpdated(deps, toLeadSummary(row));
}

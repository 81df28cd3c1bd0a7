import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { NotFoundError, StaleVersionError } from '../../errors.js';
import type { SessionUser } from '../../http/session-user.js';
import { emitLeadUpdated } from './leads.events.js';
import { recordHistory, type HistoryChange } from './lead-history.js';
import { isOwnerSide, visibleLeadRow } from './lead-access.js';
import { leadFor, toLeadFull, toLeadSummary, type LeadFullDto } from './leads.presenter.js';
import { findLeadSummaryRow, type LeadRow } from './leads.repo.js';
import { isClosingStatus, type LeadPatch } from './leads.schema.js';
import { furthestStep } from './pipeline-step.js';
import { CONTRACT_SIGNED_STEP, dealChange } from './deal-amount.js';

const EDITABLE = ['status', 'flagged', 'colour', 'service', 'message'] as const;

/**
 * Changes a lead's status, flag, colour, service, message or deal amount (deal-amount.ts: only once the contract is
 * signed, possibly by this same patch), if the caller saw the latest version: every changed
 * field gets its history row in the same transaction; a status change stamps status_changed_at (closed_at
 * for a closing reason) and raises the furthest step reached (reports), and the owner's side moving it on from `new` is the first contact.
 */
export async function updateLead(deps: Deps, user: SessionUser, leadId: number, patch: LeadPatch): Promise<LeadFullDto> {
  const changed = await deps.db.transaction(async (tx) => {
    const row = await visibleLeadRow(tx, user, leadId);
    if (Number(row.version) !== patch.version) return 'stale' as const;
    const now = toDbTime();
    const update: Record<string, unknown> = {};
    const history: HistoryChange[] = [];
    for (const field of EDITABLE) {
      const next = patch[field];
      if (next === undefined) continue;
      const before = field === 'flagged' ? Boolean(row.flagged) : (row[field as keyof LeadRow] ?? null);
      if (before === next) continue;
      update[field] = next;
      history.push({ leadId, actorId: user.id, action: field === 'status' ? 'status' : 'field', field, oldValue: before, newValue: next });
    }
    const reached = patch.status === undefined ? Number(row.furthest_step ?? 0) : furthestStep(Number(row.furthest_step ?? 0), patch.status);
    const deal = await dealChange(tx, row, patch, reached, deps.config.defaultCurrency, user.id);
    Object.assign(update, deal.update);
    history.push(...deal.history);
    if (history.length === 0) return false;
    if (patch.status !== undefined && update.status !== undefined) {
      update.status_changed_at = now;
      update.furthest_step = reached;
      if (reached >= CONTRACT_SIGNED_STEP && row.won_at === null) update.won_at = now;
      update.closed_at = isClosingStatus(patch.status) ? (isClosingStatus(row.status) ? row.closed_at : now) : null;
      if (row.status === 'new' && row.first_contact_at === null && isOwnerSide(user, row)) update.first_contact_at = now;
    }
    const count = await tx('leads')
      .where({ id: leadId, version: patch.version })
      .update({ ...update, updated_at: now, version: tx.raw('version + 1') });
    if (count !== 1) return 'stale' as const;
    await recordHistory(tx, history, now);
    return true;
  });
  const row = await findLeadSummaryRow(deps.db, leadId);
  if (!row) throw new NotFoundError('lead');
  if (changed === 'stale') throw new StaleVersionError(leadFor(user, toLeadFull(row)));
  if (changed) emitLeadUpdated(deps, toLeadSummary(row));
  return leadFor(user, toLeadFull(row));
}

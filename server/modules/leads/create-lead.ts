import type { LeadSummaryDto } from '../../api-types.js';
import type { Deps } from '../../deps.js';
import { toDbTime } from '../../db/knex.js';
import { findOrCreateClient, type IncomingContact } from '../clients/find-or-create-client.js';
import { transactionWithContactRetry } from '../clients/retry-on-contact-race.js';
import { emitLeadCreated, loadSummary } from './leads.events.js';
import { previousActiveOwner } from './leads.repo.js';
import { recordHistory, type HistoryChange } from './lead-history.js';

export interface NewLead {
  departmentId: number;
  siteId: number | null;
  source: 'site' | 'manual' | 'call';
  /** Who made it by hand; null for a website or the phone. */
  createdBy: number | null;
  contact: IncomingContact;
  service: string | null;
  message: string | null;
  pageUrl: string | null;
  utm: Record<string, string> | null;
  /** An owner chosen up front (already checked); undefined: a returning client goes to their manager, if active. */
  ownerId?: number | null;
}

export interface CreatedLead {
  leadId: number;
  clientId: number;
  returningClient: boolean;
}

/** The stored answer to a site's request, replayed verbatim for the same Idempotency-Key. */
export interface Idempotency {
  siteId: number;
  key: string;
}

export type CreateLeadOutcome = { kind: 'created'; result: CreatedLead; lead: LeadSummaryDto | null } | { kind: 'replayed'; response: string };

export async function findIdempotentResponse(deps: Deps, idem: Idempotency): Promise<string | null> {
  const row = await deps.db('idempotency_keys').where({ site_id: idem.siteId, key: idem.key }).first<{ response: string } | undefined>('response');
  return row?.response ?? null;
}

/**
 * Creates a lead (and its client, or joins a known one) in one transaction, with its history and, for a site,
 * its idempotency key; the lead is committed before anyone is told. Then the audience hears about it live.
 */
export async function createLead(deps: Deps, input: NewLead, idem?: Idempotency): Promise<CreateLeadOutcome> {
  const outcome = await transactionWithContactRetry<CreateLeadOutcome>(
    deps.db,
    async (tx) => {
      const now = toDbTime();
      const { clientId, existed } = await findOrCreateClient(tx, input.contact, input.departmentId);
      let ownerId = input.ownerId ?? null;
      if (input.ownerId === undefined && existed) ownerId = await previousActiveOwner(tx, clientId, input.departmentId);
      const [id] = await tx('leads').insert({
        client_id: clientId,
        department_id: input.departmentId,
        site_id: input.siteId,
        owner_id: ownerId,
        source: input.source,
        status: 'new',
        flagged: false,
        service: input.service,
        message: input.message,
        page_url: input.pageUrl,
        utm: input.utm && Object.keys(input.utm).length ? JSON.stringify(input.utm) : null,
        returning_client: existed,
        created_by: input.createdBy,
        version: 1,
        created_at: now,
        updated_at: now,
        assigned_at: ownerId !== null ? now : null,
      });
      const leadId = Number(id);
      const history: HistoryChange[] = [{ leadId, actorId: input.createdBy, action: 'created', newValue: input.source }];
      if (ownerId !== null) {
        const owner = await tx('users').where('id', ownerId).first<{ name: string } | undefined>('name');
        history.push({ leadId, actorId: input.createdBy, action: 'assigned', field: 'owner', oldValue: null, newValue: owner?.name ?? String(ownerId) });
      }
      await recordHistory(tx, history, now);
      const result: CreatedLead = { leadId, clientId, returningClient: existed };
      if (idem) await tx('idempotency_keys').insert({ site_id: idem.siteId, key: idem.key, response: JSON.stringify(result), created_at: now });
      return { kind: 'created', result, lead: null };
    },
    // The same key posted twice at once: the winner's answer is the answer.
    async () => {
      const response = idem ? await findIdempotentResponse(deps, idem) : null;
      return response === null ? undefined : { kind: 'replayed', response };
    },
  );
  if (outcome.kind === 'created') {
    outcome.lead = await loadSummary(deps.db, outcome.result.leadId);
    if (outcome.lead) emitLeadCreated(deps, outcome.lead);
  }
  return outcome;
}

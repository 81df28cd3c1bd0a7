import type { LeadSummaryDto } from '../../api-types.js';
import type { Db } from '../../db/knex.js';
import { toDbTime } from '../../db/knex.js';
import { findOrCreateClient, type ClientSummary } from '../clients/find-or-create-client.js';
import type { IncomingClient } from '../clients/clients.schema.js';
import { transactionWithContactRetry } from '../clients/retry-on-contact-race.js';
import { recordHistory, type HistoryChange } from './lead-history.js';
import { toLeadSummary } from './leads.presenter.js';
import { previousActiveOwner, type LeadSummaryRow } from './leads.repo.js';

export interface NewLead {
  departmentId: number;
  siteId: number | null;
  source: 'site' | 'manual' | 'call';
  /** Who made it by hand; null for a website or the phone. */
  createdBy: number | null;
  client: IncomingClient;
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

/** A site's request key: the stored answer is replayed verbatim for the same Idempotency-Key. */
export interface Idempotency {
  siteId: number;
  key: string;
}

export type WriteOutcome = { kind: 'created'; result: CreatedLead; lead: LeadSummaryDto } | { kind: 'replayed'; response: string };

/** The columns of a new lead; both database paths insert exactly these. */
export function leadColumns(input: NewLead, clientId: number, returning: boolean, ownerId: number | null, now: string) {
  return {
    client_id: clientId,
    department_id: input.departmentId,
    site_id: input.siteId,
    owner_id: ownerId,
    source: input.source,
    status: 'new',
    flagged: 0,
    colour: null,
    service: input.service,
    message: input.message,
    page_url: input.pageUrl,
    utm: input.utm && Object.keys(input.utm).length ? JSON.stringify(input.utm) : null,
    returning_client: returning ? 1 : 0,
    created_by: input.createdBy,
    version: 1,
    created_at: now,
    updated_at: now,
    assigned_at: ownerId !== null ? now : null,
  };
}

/** The history of a new lead: created, and assigned when it has an owner from the start. */
export function creationHistory(leadId: number, input: NewLead, ownerId: number | null, ownerName: string | null): HistoryChange[] {
  const history: HistoryChange[] = [{ leadId, actorId: input.createdBy, action: 'created', newValue: input.source }];
  if (ownerId !== null) history.push({ leadId, actorId: input.createdBy, action: 'assigned', field: 'owner', oldValue: null, newValue: ownerName ?? String(ownerId) });
  return history;
}

/** The new lead as lists and live events show it, without reading it back. */
export function newLeadSummary(leadId: number, columns: ReturnType<typeof leadColumns>, client: ClientSummary, ownerName: string | null): LeadSummaryDto {
  const row: LeadSummaryRow = {
    id: leadId,
    ...columns,
    first_contact_at: null,
    status_changed_at: null,
    closed_at: null,
    owner_name: ownerName,
    client_full_name: client.fullName,
    client_organization: client.organization,
    client_phone: client.phone,
    client_email: client.email,
  };
  return toLeadSummary(row);
}

/** The portable path (MySQL/MariaDB, and any knex database): one transaction, retried when a race is lost. */
export async function writeLeadWithKnex(db: Db, input: NewLead, idem?: Idempotency): Promise<WriteOutcome> {
  const stored = idem ? await findIdempotentResponse(db, idem) : null;
  if (stored !== null) return { kind: 'replayed', response: stored };
  return transactionWithContactRetry<WriteOutcome>(
    db,
    async (tx) => {
      const now = toDbTime();
      const client = await findOrCreateClient(tx, input.client, input.departmentId);
      let ownerId = input.ownerId ?? null;
      if (input.ownerId === undefined && client.existed) ownerId = await previousActiveOwner(tx, client.clientId, input.departmentId);
      const owner = ownerId === null ? undefined : await tx('users').where('id', ownerId).first<{ name: string } | undefined>('name');
      const columns = leadColumns(input, client.clientId, client.existed, ownerId, now);
      const [id] = await tx('leads').insert(columns);
      const leadId = Number(id);
      await recordHistory(tx, creationHistory(leadId, input, ownerId, owner?.name ?? null), now);
      const result: CreatedLead = { leadId, clientId: client.clientId, returningClient: client.existed };
      if (idem) await tx('idempotency_keys').insert({ site_id: idem.siteId, key: idem.key, response: JSON.stringify(result), created_at: now });
      return { kind: 'created', result, lead: newLeadSummary(leadId, columns, client.summary, owner?.name ?? null) };
    },
    // The same key posted twice at once: the winner's answer is the answer.
    async () => {
      const response = idem ? await findIdempotentResponse(db, idem) : null;
      return response === null ? undefined : { kind: 'replayed', response };
    },
  );
}

export async function findIdempotentResponse(db: Db, idem: Idempotency): Promise<string | null> {
  const row = await db('idempotency_keys').where({ site_id: idem.siteId, key: idem.key }).first<{ response: string } | undefined>('response');
  return row?.response ?? null;
}

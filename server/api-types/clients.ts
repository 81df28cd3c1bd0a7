/** The client base: the client list and the client card. */
import type { CallDto } from './calls.js';
import type { ClientDto, LeadSummaryDto } from './leads.js';

/** One client in GET /api/clients: contacts, their manager, what their leads and order history add up to. */
export interface ClientListItemDto {
  id: number;
  fullName: string | null;
  organization: string | null;
  phones: string[];
  emails: string[];
  /** The client's own manager (set by an import), else null. */
  ownerId: number | null;
  ownerName: string | null;
  /** Every lead of the client, and those still in the pipeline (not closed). */
  leadsCount: number;
  openLeadsCount: number;
  /** When the client's latest lead came in (ISO-8601 UTC), null with no leads. */
  lastLeadAt: string | null;
  /** The order history as imported. */
  ordersCount: number | null;
  ordersAmount: number | null;
}

/** GET /api/clients: one keyset page, newest client first; `nextCursor` null on the last page. */
export interface ClientListPageDto {
  items: ClientListItemDto[];
  nextCursor: string | null;
}

/** What the client card adds up, over the leads and calls the viewer may see. Talk time in seconds. */
export interface ClientTotalsDto {
  leads: number;
  open: number;
  won: number;
  calls: number;
  talkSeconds: number;
}

/** GET /api/clients/:id: the client, their leads and calls the viewer may see (newest first), and the totals. */
export interface ClientCardDto {
  client: ClientDto & { ownerId: number | null; ownerName: string | null; ordersCount: number | null; ordersAmount: number | null };
  leads: LeadSummaryDto[];
  calls: CallDto[];
  totals: ClientTotalsDto;
}

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
  /** Tag, loyalty stage and ABC class (the last 365 days) over all the client's orders. */
  segments: ClientSegmentsDto;
}

/** The manual segment a manager gives a client. */
export const CLIENT_TAGS = ['vip', 'regular', 'difficult'] as const;
export type ClientTag = (typeof CLIENT_TAGS)[number];

/**
 * Where a client stands by their orders (won leads and imported history): has requested (no order yet), bought once,
 * twice, three or more orders, or lapsed (three or more orders, none for LOYALTY_LAPSED_DAYS).
 */
export const LOYALTY_STAGES = ['requested', 'bought_once', 'bought_twice', 'loyal', 'lapsed'] as const;
export type LoyaltyStage = (typeof LOYALTY_STAGES)[number];

/** ABC analysis of a department's revenue in a period: A the top ABC_A_PERCENT, B the next ABC_B_PERCENT, C the rest. */
export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

/** A client's segments: the manual tag, the loyalty stage, and the ABC class in the period asked (null: no revenue in it). */
export interface ClientSegmentsDto {
  tag: ClientTag | null;
  loyalty: LoyaltyStage;
  abc: AbcClass | null;
  /** Orders (won leads plus imported history) and their revenue, over all time. */
  orders: number;
  revenue: number;
}

/** Why clients look like one: a phone with the same last ten digits, an e-mail apart from its `+tag`, the same name in one organization. */
export type DuplicateReason = 'phone' | 'email' | 'name';

/** GET /api/clients/duplicates: groups of probable duplicates the user may see (each at least two clients). */
export interface DuplicateGroupDto {
  reason: DuplicateReason;
  /** What they share: the digits, the address, or the name and organization. */
  key: string;
  clients: { id: number; fullName: string | null; organization: string | null; phones: string[]; emails: string[]; ownerName: string | null; leadsCount: number }[];
}

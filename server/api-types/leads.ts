/** Leads and clients: statuses, the lead in lists and on its card, comments, files, reminders, history, lead events. */
import type { CallDto } from './calls.js';
import type { ClientSegmentsDto, ClientTag } from './clients.js';

export const LEAD_STATUSES = [
  'new',
  'collecting_info',
  'offer_sent',
  'interested',
  'contract_approval',
  'contract_signed',
  'contract_paid',
  'in_progress',
  'completed',
] as const;
export const CLOSING_STATUSES = ['rejected_not_needed', 'refused_self', 'refused_price_competitor', 'postponed', 'refused_no_money'] as const;
export type PipelineStatus = (typeof LEAD_STATUSES)[number];
export type ClosingStatus = (typeof CLOSING_STATUSES)[number];
export type LeadStatus = PipelineStatus | ClosingStatus;

export const LEAD_COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'] as const;
export type LeadColour = (typeof LEAD_COLOURS)[number];

export interface ClientDto {
  id: number;
  fullName: string | null;
  organization: string | null;
  phones: string[];
  emails: string[];
  address: string | null;
  birthday: string | null; // YYYY-MM-DD
  firstOrderAt: string | null; // YYYY-MM-DD
  lastOrderAt: string | null; // YYYY-MM-DD
  needs: string | null;
  /** The manual segment: vip, regular or difficult (CLIENT_TAGS). */
  tag: ClientTag | null;
  version: number;
}


/** What the user who receives a lead may do with it, decided by the server (the web app never guesses). */
export interface LeadAbilities {
  /** Give it to a manager, or to another one. */
  assign: boolean;
  /** Change its status, flag, colour, texts; comment, attach files, set reminders. */
  edit: boolean;
  /** Ring the client from the lead (click-to-call). */
  call: boolean;
}

/** A lead as it appears in lists, on the board and in live events. */
export interface LeadSummaryDto {
  id: number;
  status: LeadStatus;
  flagged: boolean;
  colour: LeadColour | null;
  service: string | null;
  message: string | null;
  source: 'site' | 'manual' | 'call';
  returningClient: boolean;
  departmentId: number;
  siteId: number | null;
  ownerId: number | null;
  ownerName: string | null;
  client: { id: number; fullName: string | null; organization: string | null; phone: string | null; email: string | null };
  createdAt: string;
  updatedAt: string;
  assignedAt: string | null;
  firstContactAt: string | null;
  statusChangedAt: string | null;
  /** The deal amount in the currency's main units, set once a contract is signed; null before. */
  amount: number | null;
  /** ISO 4217 code of `amount` (null when there is no amount). */
  currency: string | null;
  version: number;
  /** What the receiving user may do with it. */
  can: LeadAbilities;
}

export interface CommentDto {
  id: number;
  leadId: number;
  authorId: number | null;
  authorName: string | null;
  text: string;
  createdAt: string;
}

export interface AttachmentDto {
  id: number;
  leadId: number;
  fileName: string;
  mimeType: string;
  size: number;
  uploaderId: number | null;
  uploaderName: string | null;
  createdAt: string;
  /** GET this URL to download (authorized). */
  url: string;
}

export interface ReminderDto {
  id: number;
  leadId: number | null;
  userId: number;
  kind: 'callback' | 'missed_call' | 'keep_in_touch' | 'speed_to_lead';
  dueAt: string;
  text: string;
  firedAt: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface HistoryEntryDto {
  id: number;
  leadId: number;
  actorId: number | null;
  actorName: string | null; // null: the system (a website, the phone)
  action: string; // created | assigned | status | field | comment | attachment | reminder | call | client
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  createdAt: string;
}


/** GET /api/leads/:id */
export interface LeadDetailDto {
  lead: LeadSummaryDto & {
    pageUrl: string | null;
    utm: Record<string, string> | null;
    /** Form fields the website sent that Leadline has no place for, as sent (bounded: INTAKE_LIMITS.otherFields). */
    otherFields: Record<string, string> | null;
    /** The client's language as the request gave it (ISO 639-1, `bg`), or null. */
    language: string | null;
    /** The amount the client named at intake, in main units of `currency` (ISO 4217): not the deal amount. */
    requestedAmount: { amount: number; currency: string } | null;
    closedAt: string | null;
  };
  client: ClientDto;
  /** The client's other leads this user may see, newest first (at most 20). */
  otherLeads: ClientLeadLinkDto[];
  comments: CommentDto[];
  attachments: AttachmentDto[];
  reminders: ReminderDto[];
  history: HistoryEntryDto[];
  calls: CallDto[];
  /** How the lead found its manager, oldest first. */
  distribution: DistributionDecisionDto[];
  speed: LeadSpeedDto;
  /** The client's tag, loyalty stage and ABC class (the last 365 days), as badges. */
  clientSegments: ClientSegmentsDto;
}

/** A saved view of the lead list (GET /api/views `{items}`, POST `{view}`): the list's query string under a name. */
export interface SavedViewDto {
  id: number;
  name: string;
  /** `status=open&ownerId=3&sort=-updated`: the list's address query without the open card. */
  query: string;
  createdAt: string;
}

/** Another lead of the same client, as a link on a lead card. */
export interface ClientLeadLinkDto {
  id: number;
  status: LeadStatus;
  service: string | null;
  ownerName: string | null;
  createdAt: string;
}

/** GET /api/clients/existing: the client a new lead with this phone / e-mail would join. */
export interface ExistingClientDto {
  clientId: number;
  /** False: the client belongs to someone the user does not work for; only its existence is told. */
  visible: boolean;
  fullName: string | null;
  organization: string | null;
  /** The client's leads the user may see, newest first. */
  leads: ClientLeadLinkDto[];
}

/** A reason of a distribution decision: a code the web words, with its parameters (a manager's name, minutes …). */
export interface DistributionReasonDto {
  code: 'owner_of_client' | 'rule_matched' | 'away' | 'dnd' | 'offline' | 'on_call' | 'outside_hours' | 'at_cap' | 'longest_waiting' | 'no_eligible' | 'no_first_contact' | 'callback_missed';
  params: Record<string, string | number | null>;
}

/**
 * One automatic decision: the lead went to `userId` (owner, rule or pool), to the curators' inbox, or was taken from
 * an owner who made no first contact in time and given to `userId` (redistributed), or passed on to `userId` after
 * the manager rung for an instant callback missed it (callback).
 */
export interface DistributionDecisionDto {
  at: string;
  decision: 'owner' | 'rule' | 'pool' | 'inbox' | 'redistributed' | 'callback';
  userId: number | null;
  reasons: DistributionReasonDto[];
}

/**
 * Seconds from the lead's arrival to its first assignment, first call attempt and first conversation (null: not yet),
 * and how each was reached.
 */
export interface LeadSpeedDto {
  assignedSeconds: number | null;
  firstAttemptSeconds: number | null;
  firstConversationSeconds: number | null;
  /**
   * How the lead got its first manager: by the distribution (`owner` of the client, a `rule`, the fair `pool`) or by
   * a person (`manual`, `byName` who assigned); `managerName` is who got it. Null until assigned.
   */
  assignedVia: { how: 'owner' | 'rule' | 'pool' | 'manual'; managerName: string | null; byName: string | null } | null;
  /** The first call attempt: an instant `callback`, a call the manager placed (`outbound`) or the client's (`inbound`); who talked or dialled. */
  firstAttemptVia: SpeedCallVia | null;
  /** The first conversation, the same way. */
  firstConversationVia: SpeedCallVia | null;
}

/** A call in the speed-to-lead figures: how it came about and the person on Leadline's side (null: nobody yet). */
export interface SpeedCallVia {
  how: 'callback' | 'outbound' | 'inbound';
  userName: string | null;
}

/**
 * POST /api/intake (201; the same Idempotency-Key again: 200 with the same body): the new lead's id, nothing
 * about the client (a site key is public).
 */
export interface IntakeResultDto {
  leadId: number;
}

/** POST /api/leads (a lead made by hand), 201. */
export interface CreatedLeadDto {
  lead: LeadSummaryDto;
}

/** GET /api/leads */
export interface LeadListDto {
  items: LeadSummaryDto[];
  nextCursor: string | null;
  /** How many leads a search (`q`) finds, on its first page (a list without `q` is counted by GET /api/leads/total). A search is ranked: exact phone/e-mail, then name, then the rest, newest first in each. */
  total?: number;
  /** Present (true) when `total` is an estimate: a search matching many clients counts a sample of them. */
  totalEstimated?: true;
  /** Present (true) on a first page asked to sort by a column when too many leads match to sort (over 5,000): newest first instead. */
  sortRestricted?: true;
}


/** GET /api/leads/total (the list's filters): exact up to 10,000; past that 10,000 and `totalAtLeast`. */
export interface LeadTotalDto {
  total: number;
  totalAtLeast?: true;
}

/** GET /api/leads/counts (the list's filters): per status, how many leads match and their deal amounts per currency. */
export interface LeadCountsDto {
  byStatus: Partial<Record<LeadStatus, { count: number; amounts: Record<string, number> }>>;
}

/** Live events (socket.io), same origin, authenticated by the session cookie. */
export interface LeadEvent {
  lead: LeadSummaryDto;
}
export interface LeadAssignedEvent extends LeadEvent {
  previousOwnerId: number | null;
}
/** The lead changed hands: it is no longer visible to the receiver (the previous owner's side). */
export interface LeadHiddenEvent {
  leadId: number;
}
export interface ReminderDueEvent {
  reminder: ReminderDto;
  lead: LeadSummaryDto | null;
}

/** GET /api/reminders: my open reminder with its lead (null: none, or no longer mine to see) — a to-do list's line. */
export interface MyReminderDto extends ReminderDto {
  lead: LeadSummaryDto | null;
}

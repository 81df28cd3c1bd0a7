/**
 * The JSON shapes of Leadline's API and live events: presenters on the server build them, the web app reads
 * them. Besides types it holds only constant lists (statuses, colours, steps), so web/ imports it directly.
 * Times are ISO-8601 UTC strings.
 */

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

/** The languages of Leadline's screens and texts; Russian first. */
export const LOCALES = ['ru', 'en', 'bg'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['director', 'curator', 'manager', 'assistant'] as const;
export type Role = (typeof ROLES)[number];
export type Presence = 'available' | 'away' | 'dnd' | 'offline';

export interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export interface UserDto {
  id: number;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  assistsUserId: number | null;
  endpoint: string | null;
  mobile: string | null;
  /**
   * In GET /api/users: the presence colleagues see (the user's choice, or `offline` when no tab has been open
   * for the grace period); `online` says whether a tab is open (or closed only moments ago).
   */
  presence: Presence;
  online: boolean;
  /** On a phone call right now ("busy"). */
  onCall?: boolean;
  active: boolean;
  /** Open (not closed) leads owned: the curator's view of load. Present in GET /api/users. */
  openLeads?: number;
  /** What the asking user may do with this account. */
  can: { edit: boolean };
}

/** What the logged-in user may do across the app: the web shows what is allowed and never guesses. */
export interface MeAbilities {
  /** Give leads to managers: the inbox is theirs. */
  assignLeads: boolean;
  /** Sees and acts across every department, not only their own. */
  allDepartments: boolean;
  /** Adds and edits people (some of them: see `grantRoles` and each user's `can.edit`). */
  manageTeam: boolean;
  manageDepartments: boolean;
  manageSites: boolean;
  /** The roles this user may give to the people they add or edit. */
  grantRoles: Role[];
}

/** GET /api/auth/me, POST /api/auth/login: who is logged in, with their own choice of presence. */
export interface MeDto {
  id: number;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  assistsUserId: number | null;
  endpoint: string | null;
  mobile: string | null;
  presence: Presence;
  /** The language of their screens: their own choice, else the install's DEFAULT_LOCALE. */
  locale: Locale;
  /** Whether `locale` is their own choice (false: the install's default). */
  localeChosen: boolean;
  can: MeAbilities;
}

/** GET /api/auth/session: who is logged in (null: nobody, a normal answer), and the install's language. */
export interface SessionDto {
  user: MeDto | null;
  defaultLocale: Locale;
  telephony?: TelephonyStateEvent;
}

/** Steps of a department's inbound routing chain, tried in order until someone answers. */
export const ROUTING_STEPS = ['owner', 'owner_mobile', 'ring_group', 'voicemail'] as const;
export type RoutingStep = (typeof ROUTING_STEPS)[number];

export interface DepartmentDto {
  id: number;
  name: string;
  phoneNumbers: string[];
  ringTimeoutSec: number | null;
  /** null: the default chain (ROUTING_CHAIN). */
  routingChain: RoutingStep[] | null;
}

export interface SiteDto {
  id: number;
  name: string;
  departmentId: number;
  allowedOrigins: string[];
  keyPrefix: string;
  active: boolean;
  createdAt: string;
}

/** POST /api/sites and POST /api/sites/:id/rotate-key: the key is shown this once (only its hash is stored). */
export interface SiteWithKeyDto {
  site: SiteDto;
  key: string;
  /** What a web developer pastes into the website: a plain HTML form, or a fetch() call for custom forms. */
  snippet: { html: string; fetch: string };
}

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
  kind: 'callback' | 'missed_call' | 'keep_in_touch';
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

export type CallDisposition = 'answered' | 'missed' | 'busy' | 'abandoned' | 'voicemail' | 'failed';

export interface CallDto {
  id: number;
  direction: 'inbound' | 'outbound';
  clientNumber: string | null;
  departmentId: number | null;
  leadId: number | null;
  clientId: number | null;
  userId: number | null; // who talked (answered, or placed the click-to-call)
  userName: string | null;
  status: 'ringing' | 'up' | 'ended';
  disposition: CallDisposition | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  ringSeconds: number | null;
  talkSeconds: number | null;
  /** Authorized, Range-capable stream URL; null when there is no usable recording. */
  recordingUrl: string | null;
}

/** GET /api/leads/:id */
export interface LeadDetailDto {
  lead: LeadSummaryDto & { pageUrl: string | null; utm: Record<string, string> | null; closedAt: string | null };
  client: ClientDto;
  comments: CommentDto[];
  attachments: AttachmentDto[];
  reminders: ReminderDto[];
  history: HistoryEntryDto[];
  calls: CallDto[];
}

/** POST /api/intake (201; the same Idempotency-Key again: 200 with the same body). */
export interface IntakeResultDto {
  leadId: number;
  clientId: number;
  /** The phone or e-mail was already known: the lead joined that client (and, if any, its manager). */
  returningClient: boolean;
}

/** POST /api/leads (a lead made by hand), 201. */
export interface CreatedLeadDto {
  lead: LeadSummaryDto;
}

/** GET /api/leads */
export interface LeadListDto {
  items: LeadSummaryDto[];
  nextCursor: string | null;
  total?: number;
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
export interface PresenceEvent {
  userId: number;
  /** Effective: `offline` when no tab is open (after the grace period). */
  presence: Presence;
  online: boolean;
  onCall?: boolean;
}
/** The screen pop: sent to the users whose phones ring for this call. */
export interface CallPopEvent {
  callId: number;
  callerNumber: string;
  departmentId: number | null;
  departmentName: string | null;
  lead: LeadSummaryDto | null;
  lastComment: CommentDto | null;
  lastCall: CallDto | null;
  ringingUserIds: number[];
}
export interface CallAnsweredEvent {
  callId: number;
  answeredByUserId: number;
  answeredByName: string;
}
export interface CallEndedEvent {
  callId: number;
  disposition: CallDisposition;
}
export interface TelephonyStateEvent {
  mode: 'off' | 'ari' | 'simulator';
  state: 'off' | 'connecting' | 'connected' | 'disconnected';
  detail?: string;
}

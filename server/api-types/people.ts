/** People: roles, languages, presence, accounts and the logged-in user. */
import type { TelephonyStateEvent } from './calls.js';
import type { WorkingHoursDto } from './organisation.js';

/** The languages of Leadline's screens and texts; Russian first. */
export const LOCALES = ['ru', 'en', 'bg'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['director', 'curator', 'manager', 'assistant'] as const;
export type Role = (typeof ROLES)[number];
export type Presence = 'available' | 'away' | 'dnd' | 'offline';

/** A person as every API shape of one names them: who, which role, where, and their phones. */
export interface PersonDto {
  id: number;
  name: string;
  email: string;
  role: Role;
  departmentId: number | null;
  /** An assistant's manager. */
  assistsUserId: number | null;
  /** Their desk phone: a SIP endpoint such as `PJSIP/101`. */
  endpoint: string | null;
  /** Their mobile, E.164. */
  mobile: string | null;
}

export interface UserDto extends PersonDto {
  /**
   * In GET /api/users: the presence colleagues see (the user's choice, or `offline` when no tab has been open
   * for the grace period); `online` says whether a tab is open (or closed only moments ago).
   */
  presence: Presence;
  online: boolean;
  /** On a phone call right now ("busy"). */
  onCall?: boolean;
  active: boolean;
  /** The manager's own working hours (the distribution gives them leads only inside them); null: the department's. */
  workingHours: WorkingHoursDto | null;
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
  /** The Reports area: managers compared, the funnel, what each did (heads of sales: directors, curators). */
  viewReports: boolean;
  manageSites: boolean;
  /** The roles this user may give to the people they add or edit. */
  grantRoles: Role[];
}

/** GET /api/auth/me, POST /api/auth/login: who is logged in, with their own choice of presence. */
export interface MeDto extends PersonDto {
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


export interface PresenceEvent {
  userId: number;
  /** Effective: `offline` when no tab is open (after the grace period). */
  presence: Presence;
  online: boolean;
  onCall?: boolean;
}

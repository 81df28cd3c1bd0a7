/** How a company is set up in Leadline: departments with their routing, and the websites that send leads. */
import type { Locale } from './people.js';

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
  /** ISO 4217 default currency of its deal amounts; null: DEFAULT_CURRENCY. */
  currency: string | null;
  /** The speed-to-lead guard's thresholds and the department's working hours (the defaults until changed). */
  speedToLead: SpeedToLeadSettings;
  /** How new leads find a manager (manual until a director turns auto on). */
  distribution: DistributionSettings;
  /** Whether a new web lead's manager is rung at once and connected to the client (off until turned on). */
  instantCallback: InstantCallbackSettings;
  /** Bumped by every change; PATCH with an older one is a 409 (`stale_version`) carrying the department as it is now. */
  version: number;
}

/**
 * Instant callback: once a new web lead has a manager, their phone rings at once and, when they answer, the client is
 * dialled and joined. A busy or unanswered client is tried again after each of `retryMinutes` in turn (minutes after
 * the failed attempt, moved to the next working window when they fall outside the working hours).
 */
export interface InstantCallbackSettings {
  enabled: boolean;
  retryMinutes: number[];
}

/**
 * A distribution rule: a new lead that matches every given condition (`siteId`: from that website; `service`: its
 * service contains these words, case-insensitive; `languages`: the client's language is one of these ISO 639-1 codes;
 * `amountMin` / `amountMax`: the amount the client named at intake is at least / at most this, both inclusive, in the
 * department's currency — a lead that named none, or named it in another currency, does not match) goes to `userIds`
 * — one manager, or a group shared by the fair pool.
 */
export interface DistributionRule {
  siteId?: number;
  service?: string;
  languages?: string[];
  amountMin?: number;
  amountMax?: number;
  userIds: number[];
}

/**
 * Automatic distribution of a department's new leads. `auto`: the client's owner → the first matching rule → the fair
 * pool (the eligible manager longest without a lead; `weights` by user id, default 1; null: no pool) → the curators'
 * inbox. Eligible: active, present, inside the department's working hours, fewer than `capOpenNew` open new leads.
 */
export interface DistributionSettings {
  mode: 'manual' | 'auto';
  rules: DistributionRule[];
  fairPool: { weights?: Record<string, number> } | null;
  /** At most this many leads in status "new" per manager (null: no cap). */
  capOpenNew: number | null;
  /** Minutes of working time without first contact before the lead goes to the next manager (null: never). */
  redistributeAfterMinutes: number | null;
  maxRedistributions: number;
}

/**
 * Working hours, every week: ISO weekdays (1 = Monday … 7 = Sunday), 'HH:MM' local time in the IANA `timeZone`;
 * `to` may be '24:00', and a `to` at or before `from` ends on the next day.
 */
export interface WorkingHoursDto {
  timeZone: string;
  days: number[];
  from: string;
  to: string;
}

/**
 * A lead still unassigned after `unassignedMinutes` of working time alerts the curators again, after twice that the
 * director; an assigned lead with no first contact after `firstContactMinutes` reminds its owner, after twice that
 * alerts the curators. Nights, weekends and holidays outside `workingHours` do not count.
 */
export interface SpeedToLeadSettings {
  unassignedMinutes: number;
  firstContactMinutes: number;
  workingHours: WorkingHoursDto;
}

export interface SiteDto {
  id: number;
  name: string;
  departmentId: number;
  allowedOrigins: string[];
  keyPrefix: string;
  active: boolean;
  /** The language of the pages its visitors see and of its snippet; null: the install's default. */
  locale: Locale | null;
  createdAt: string;
}

/** POST /api/sites and POST /api/sites/:id/rotate-key: the key is shown this once (only its hash is stored). */
export interface SiteWithKeyDto {
  site: SiteDto;
  key: string;
  /** What a web developer pastes into the website: a plain HTML form, or a fetch() call for custom forms. */
  snippet: { html: string; fetch: string };
}

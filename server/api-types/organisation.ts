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

import { ABC_CLASSES, CLIENT_TAGS, CLOSING_STATUSES, LOYALTY_STAGES, ROUTING_STEPS as ROUTING_STEP_LIST, LEAD_COLOURS, LEAD_STATUSES } from '../../../server/api-types.ts';
import type { AbcClass, ClientTag, ClosingStatus, LoyaltyStage, RoutingStep, LeadColour, LeadStatus, PipelineStatus } from '../../../server/api-types.ts';
import { i18n } from '../i18n/i18n.ts';
import { formatPhone } from '../i18n/format.ts';

// The server's lists, in its order. Their words are in the label tables (i18n/labels.ts, labels.json).
export const PIPELINE: readonly PipelineStatus[] = LEAD_STATUSES;
export const CLOSING: readonly ClosingStatus[] = CLOSING_STATUSES;
export const TAGS: readonly ClientTag[] = CLIENT_TAGS;
export const LOYALTY: readonly LoyaltyStage[] = LOYALTY_STAGES;
export const ABC: readonly AbcClass[] = ABC_CLASSES;

export function isClosing(s: LeadStatus): s is ClosingStatus {
  return (CLOSING as readonly string[]).includes(s);
}

export const COLOURS: readonly LeadColour[] = LEAD_COLOURS;
export const COLOUR_HEX: Record<LeadColour, string> = {
  red: '#e03131',
  orange: '#f76707',
  yellow: '#f0b400',
  green: '#2f9e44',
  blue: '#1c7ed6',
  purple: '#7048e8',
  grey: '#868e96',
};

/** How a lead is named everywhere (list, board, card, pops): the person, else the company, else a contact. */
export function leadTitle(lead: { id: number; client: { fullName: string | null; organization: string | null; phone: string | null; email: string | null } }): string {
  const c = lead.client;
  return c.fullName || c.organization || formatPhone(c.phone) || c.email || i18n.t('lead.untitled', { id: lead.id });
}

export const ROUTING_STEPS: readonly RoutingStep[] = ROUTING_STEP_LIST;

import { CLOSING_STATUSES, ROUTING_STEPS as ROUTING_STEP_LIST, LEAD_COLOURS, LEAD_STATUSES } from '../../../server/api-types.ts';
import type { CallDisposition, ClosingStatus, RoutingStep, LeadColour, LeadStatus, PipelineStatus, Presence, Role } from '../../../server/api-types.ts';

// The server's lists, in its order; the Record types below make the compiler catch a label missing for one.
export const PIPELINE: readonly PipelineStatus[] = LEAD_STATUSES;
export const CLOSING: readonly ClosingStatus[] = CLOSING_STATUSES;

export const STATUS_LABEL: Record<LeadStatus, string> = {
  new: 'New',
  collecting_info: 'Collecting info',
  offer_sent: 'Offer sent',
  interested: 'Interested',
  contract_approval: 'Contract in approval',
  contract_signed: 'Contract signed',
  contract_paid: 'Contract paid',
  in_progress: 'In progress',
  completed: 'Completed',
  rejected_not_needed: 'Rejected — not needed',
  refused_self: 'Refused — will do it themselves',
  refused_price_competitor: 'Refused — price / competitor',
  postponed: 'Postponed',
  refused_no_money: 'Refused — no money',
};

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

export const PRESENCE_LABEL: Record<Presence, string> = {
  available: 'Available',
  away: 'Away',
  dnd: 'Do not disturb',
  offline: 'Offline',
};

export const ROLE_LABEL: Record<Role, string> = {
  director: 'Director',
  curator: 'Curator',
  manager: 'Manager',
  assistant: 'Assistant',
};

export const DISPOSITION_LABEL: Record<CallDisposition, string> = {
  answered: 'Answered',
  missed: 'Missed',
  busy: 'Busy',
  abandoned: 'Abandoned',
  voicemail: 'Voicemail',
  failed: 'Failed',
};

export const SOURCE_LABEL = { site: 'Site', manual: 'Manual', call: 'Call' } as const;

/** The fields a history row can name, in words. */
export const FIELD_LABEL: Record<string, string> = {
  status: 'status',
  flagged: 'flag',
  colour: 'colour',
  service: 'service',
  owner: 'owner',
  ownerId: 'owner',
  owner_id: 'owner',
  fullName: 'name',
  full_name: 'name',
  organization: 'organization',
  phones: 'phones',
  emails: 'e-mails',
  address: 'address',
  birthday: 'birthday',
  firstOrderAt: 'first order',
  lastOrderAt: 'last order',
  needs: 'needs',
};

/** How a lead is named everywhere (list, board, card, pops): the person, else the company, else a contact. */
export function leadTitle(lead: { id: number; client: { fullName: string | null; organization: string | null; phone: string | null; email: string | null } }): string {
  const c = lead.client;
  return c.fullName || c.organization || c.phone || c.email || `Lead #${lead.id}`;
}

export const ROUTING_STEPS: readonly RoutingStep[] = ROUTING_STEP_LIST;
export const ROUTING_STEP_LABEL: Record<RoutingStep, string> = {
  owner: "Owner's phone",
  owner_mobile: "Owner's mobile",
  ring_group: 'Department ring group',
  voicemail: 'Voice message',
};

import type { CallOutcome, ClosingStatus, FallbackStep, LeadColour, LeadStatus, PipelineStatus, Presence, Role } from '../../../server/api-types.ts';

// Kept in the server's order; the Record types make the compiler catch a status added on one side only.
export const PIPELINE: PipelineStatus[] = [
  'new',
  'collecting_info',
  'offer_sent',
  'interested',
  'contract_approval',
  'contract_signed',
  'contract_paid',
  'in_progress',
  'completed',
];
export const CLOSING: ClosingStatus[] = ['rejected_not_needed', 'refused_self', 'refused_price_competitor', 'postponed', 'refused_no_money'];

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
  return (CLOSING as string[]).includes(s);
}

export const COLOURS: LeadColour[] = ['red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'];
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

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
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

export const FALLBACK_STEPS: FallbackStep[] = ['owner', 'owner_mobile', 'department', 'voicemail'];
export const FALLBACK_LABEL: Record<FallbackStep, string> = {
  owner: "Owner's phone",
  owner_mobile: "Owner's mobile",
  department: 'Department group',
  voicemail: 'Voice message',
};

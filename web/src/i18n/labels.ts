import type { TFunction } from 'i18next';
import type { CallDisposition, ClientTag, LoyaltyStage, LeadColour, LeadStatus, LeadSummaryDto, Presence, Role, RoutingStep } from '../../../server/api-types.ts';

// The label families that api-types.ts has as types only, listed here in full (the compiler checks the lists
// against the types): the catalogue test holds every labels.json to exactly these keys.
type Exhaustive<T, L extends readonly T[]> = [Exclude<T, L[number]>] extends [never] ? L : never;
const exhaustive =
  <T>() =>
  <const L extends readonly T[]>(list: Exhaustive<T, L>) =>
    list;

export type LeadSource = LeadSummaryDto['source'];
export const PRESENCES = exhaustive<Presence>()(['available', 'away', 'dnd', 'offline']);
/** Presence as colleagues see it, "on a call" included. */
export const PRESENCE_LABELS = [...PRESENCES, 'on_call'] as const;
export const CALL_DISPOSITIONS = exhaustive<CallDisposition>()(['answered', 'missed', 'busy', 'abandoned', 'voicemail', 'failed']);
export const LEAD_SOURCES = exhaustive<LeadSource>()(['site', 'manual', 'call']);
/** The fields a history row can name (the server writes these names). */
export const HISTORY_FIELDS = [
  'status',
  'flagged',
  'colour',
  'service',
  'amount',
  'owner',
  'fullName',
  'organization',
  'phones',
  'emails',
  'address',
  'birthday',
  'firstOrderAt',
  'lastOrderAt',
  'needs',
  'tag',
  'merged',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

// Older history rows name a few fields by their column.
const FIELD_ALIASES: Record<string, HistoryField> = { ownerId: 'owner', owner_id: 'owner', full_name: 'fullName' };

function historyField(field: string): HistoryField | null {
  const f = FIELD_ALIASES[field] ?? field;
  return (HISTORY_FIELDS as readonly string[]).includes(f) ? (f as HistoryField) : null;
}

/** Statuses, roles, presence, call outcomes…: one label table per language, shared with the server (labels.json). */
export function labelsOf(t: TFunction<['web', 'labels']>) {
  return {
    status: (s: LeadStatus) => t(`labels:status.${s}`),
    role: (r: Role) => t(`labels:role.${r}`),
    presence: (p: (typeof PRESENCE_LABELS)[number]) => t(`labels:presence.${p}`),
    disposition: (d: CallDisposition) => t(`labels:disposition.${d}`),
    routingStep: (s: RoutingStep) => t(`labels:routingStep.${s}`),
    source: (s: LeadSource) => t(`labels:source.${s}`),
    colour: (c: LeadColour) => t(`labels:colour.${c}`),
    tag: (s: ClientTag) => t(`labels:tag.${s}`),
    loyalty: (s: LoyaltyStage) => t(`labels:loyalty.${s}`),
    /** A history row's field in words; a field unknown to this version stays as the server named it. */
    field: (f: string) => {
      const known = historyField(f);
      return known ? t(`labels:field.${known}`) : f;
    },
  };
}

export type Labels = ReturnType<typeof labelsOf>;

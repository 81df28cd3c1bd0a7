import { z } from 'zod';
import { LEAD_ACTIVITIES } from './activity-filter.js';
import { LIST_SORTS } from './list-order.js';
import { CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES } from '../../api-types.js';
import { TABLE_FORMATS } from '../../lib/table-export.js';
import { fieldsOf, formText, optionalText, parse } from '../../lib/validate.js';
import { isCurrencyCode, isMoneyAmount } from '../../lib/currency.js';
import { SegmentQueryFields } from '../clients/client-segments.js';
import { ClientDetailsFields, toIncomingClient, type IncomingClient } from '../clients/clients.schema.js';
import { RequestTermsSchema, rawTermsOf, requestTermsOf, type RequestTerms } from './request-terms.js';

export const ALL_STATUSES = [...LEAD_STATUSES, ...CLOSING_STATUSES] as const;
export const isClosingStatus = (s: string): boolean => (CLOSING_STATUSES as readonly string[]).includes(s);

const id = z.coerce.number().int().positive().max(2_147_483_647);
const bodyId = z.number().int().positive().max(2_147_483_647);
const version = z.number({ error: 'field.version_required' }).int().positive();

/** `2026-11-01` or a full ISO date-time; a bare date as an upper bound means "through that whole day". */
const dateOrDateTime = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'field.date_or_datetime');

const statusFilter = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum([...ALL_STATUSES, 'open', 'closed'], { error: 'field.unknown_status' })).min(1));

export const ListLeadsQuery = z.object({
  status: statusFilter.optional(),
  ownerId: z.union([z.literal('none'), id]).optional(),
  departmentId: id.optional(),
  siteId: id.optional(),
  flagged: z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional(),
  colour: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum([...LEAD_COLOURS, 'none'], { error: 'field.unknown_colour' })).min(1))
    .optional(),
  q: z.string().trim().max(200).optional(),
  createdFrom: dateOrDateTime.optional(),
  createdTo: dateOrDateTime.optional(),
  /** First assigned from / to (as createdFrom / createdTo): the leads a report counts as assigned in a period. */
  assignedFrom: dateOrDateTime.optional(),
  assignedTo: dateOrDateTime.optional(),
  /** Reached this pipeline status or a later one, at any time (the funnel's and the reports' "won"). */
  reached: z.enum(LEAD_STATUSES, { error: 'field.unknown_status' }).optional(),
  /** Had such a call or status change in activityFrom…activityTo, by activityBy (activity-filter.ts): the reports' call and status figures. */
  activity: z.enum(LEAD_ACTIVITIES).optional(),
  activityBy: id.optional(),
  activityFrom: dateOrDateTime.optional(),
  activityTo: dateOrDateTime.optional(),
  /** The client's segments (client-segments.ts): tag, ABC class over abcFrom…abcTo, loyalty stage. */
  ...SegmentQueryFields,
  /** A column (list-order.ts), `-` first for descending; newest first (`-created`) unless told. */
  sort: z
    .string()
    .regex(new RegExp(`^-?(${LIST_SORTS.join('|')})$`), 'field.unknown_sort')
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).default(50).transform((n) => Math.min(n, 200)),
});
export type ListLeadsQuery = z.infer<typeof ListLeadsQuery>;

/** GET /api/leads/export: the list's filters (no page) and the file's format, CSV unless told. */
export const ExportLeadsQuery = ListLeadsQuery.omit({ cursor: true, limit: true, sort: true }).extend({ format: z.enum(TABLE_FORMATS).default('csv') });

export const PatchLeadSchema = z.object({
  version,
  status: z.enum(ALL_STATUSES, { error: 'field.unknown_status' }).optional(),
  flagged: z.boolean().optional(),
  colour: z.enum(LEAD_COLOURS, { error: 'field.unknown_colour' }).nullable().optional(),
  service: optionalText(300),
  message: optionalText(5000),
  /** The deal amount in the currency's main units (null clears it); only once a contract is signed (deal-amount.ts). */
  amount: z.number({ error: 'field.amount' }).refine(isMoneyAmount, 'field.amount').nullable().optional(),
  /** ISO 4217; without it a new amount takes the lead's currency, else its department's, else DEFAULT_CURRENCY. */
  currency: z.string({ error: 'field.currency' }).trim().toUpperCase().refine(isCurrencyCode, 'field.currency').optional(),
});
export type LeadPatch = z.infer<typeof PatchLeadSchema>;

export const AssignSchema = z.object({ managerId: bodyId, version: version.optional() });

export const CommentSchema = z.object({ text: z.string().trim().min(1).max(5000) });

/** What a request for a new lead asks for, as forms send it: the service and a free comment (the lead's message). */
export const LeadRequestFields = {
  service: formText(300),
  comment: formText(5000),
};

/** The body of POST /api/leads (besides its department and manager): the person, what they ask for and its terms. */
export const LeadByHandSchema = z.object({ ...ClientDetailsFields, ...LeadRequestFields, ...RequestTermsSchema.shape });

/** A lead typed in by staff: the client as normalized by the clients' rules, what they asked for and its terms. */
export interface LeadByHand extends RequestTerms {
  client: IncomingClient;
  service: string | null;
  message: string | null;
}

/** The body of POST /api/leads → a LeadByHand, or a 400 that names the bad fields (the same names as the intake's). */
export function parseLeadByHand(body: unknown, defaultCountry: string): LeadByHand {
  const raw = fieldsOf(body);
  const { language: _language, amount: _amount, currency: _currency, ...rest } = raw;
  const f = parse(LeadByHandSchema, { ...rest, ...rawTermsOf(raw) });
  return { client: toIncomingClient(f, defaultCountry), service: f.service ?? null, message: f.comment ?? null, ...requestTermsOf(f) };
}

/** Where a lead typed in by hand goes: a director names the department; a curator or director may pick a manager. */
export const CreateLeadTargetSchema = z.object({
  departmentId: bodyId.optional(),
  managerId: bodyId.optional(),
});

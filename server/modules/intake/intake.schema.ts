import { z } from 'zod';
import { fieldError } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { fieldsOf, formText, parse } from '../../lib/validate.js';
import { ClientDetailsFields, toIncomingClient, type IncomingClient } from '../clients/clients.schema.js';
import { LeadRequestFields } from '../leads/leads.schema.js';

/** A website's request: the person, what they ask for, and what is the intake's own (page, campaign, redirect). */
export const IntakeSchema = z.object({
  ...ClientDetailsFields,
  ...LeadRequestFields,
  pageUrl: formText(1000),
  /** Where a plain HTML form's browser goes after a successful post. */
  redirect: formText(1000),
  utm: z.record(z.string().regex(/^utm_[a-z0-9_]{1,40}$/i, 'field.utm_key'), z.string().max(300)).optional(),
});

/** A website's request, normalized: its person, what they ask for, and where they came from. */
export interface IntakeInput {
  client: IncomingClient;
  service: string | null;
  message: string | null;
  pageUrl: string | null;
  utm: Record<string, string> | null;
  redirect: string | null;
}

/** A website's request body (JSON or form) → a normalized lead, or a 400 that names the bad fields. */
export function parseIntake(body: unknown, defaultCountry: string): IntakeInput {
  const raw = fieldsOf(body);
  // utm_source, utm_medium … arrive as separate fields; they are kept together as one JSON object.
  const utm: Record<string, unknown> = raw.utm && typeof raw.utm === 'object' && !Array.isArray(raw.utm) ? { ...(raw.utm as object) } : {};
  for (const [k, v] of Object.entries(raw)) if (/^utm_/i.test(k)) utm[k.toLowerCase()] = v;
  if (Object.keys(utm).length > 20) throw fieldError('utm', text('field.too_many_utm'));
  const f = parse(IntakeSchema, { ...raw, utm: raw.utm !== undefined && (typeof raw.utm !== 'object' || Array.isArray(raw.utm)) ? raw.utm : utm });
  return {
    client: toIncomingClient(f, defaultCountry),
    service: f.service ?? null,
    message: f.comment ?? null,
    pageUrl: f.pageUrl ?? null,
    utm: f.utm && Object.keys(f.utm).length ? f.utm : null,
    redirect: f.redirect ?? null,
  };
}

/** The Idempotency-Key header: 1–200 printable ASCII characters. */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'field.idempotency_key');

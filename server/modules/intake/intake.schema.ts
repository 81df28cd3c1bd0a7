import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { normalizePhone } from '../../lib/phone.js';
import { parse } from '../../lib/validate.js';

/** Forms send empty strings for empty inputs: those mean "not given". */
const text = (max: number) =>
  z.preprocess((v) => (v === null ? undefined : typeof v === 'string' ? v.trim() || undefined : v), z.string().max(max, `at most ${max} characters`).optional());

export const IntakeSchema = z.object({
  name: text(300),
  phone: text(64),
  email: z.preprocess(
    (v) => (v === null ? undefined : typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.email('not a valid e-mail address').max(254).optional(),
  ),
  organization: text(300),
  service: text(300),
  comment: text(5000),
  pageUrl: text(1000),
  /** Where a plain HTML form's browser goes after a successful post. */
  redirect: text(1000),
  utm: z.record(z.string().regex(/^utm_[a-z0-9_]{1,40}$/i, 'utm keys look like utm_source'), z.string().max(300)).optional(),
});

export interface IntakeInput {
  fullName: string | null;
  phones: string[];
  emails: string[];
  organization: string | null;
  service: string | null;
  message: string | null;
  pageUrl: string | null;
  utm: Record<string, string> | null;
  redirect: string | null;
}

/** A website's request body (JSON or form) → a normalized lead, or a 400 that names the bad fields. */
export function parseIntake(body: unknown, defaultCountry: string): IntakeInput {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('Send the fields as a JSON object or as a form');
  const raw = body as Record<string, unknown>;
  // utm_source, utm_medium … arrive as separate fields; they are kept together as one JSON object.
  const utm: Record<string, unknown> = raw.utm && typeof raw.utm === 'object' && !Array.isArray(raw.utm) ? { ...(raw.utm as object) } : {};
  for (const [k, v] of Object.entries(raw)) if (/^utm_/i.test(k)) utm[k.toLowerCase()] = v;
  if (Object.keys(utm).length > 20) throw new ValidationError('Too many utm fields', { utm: 'at most 20 utm fields' });
  const f = parse(IntakeSchema, { ...raw, utm: raw.utm !== undefined && (typeof raw.utm !== 'object' || Array.isArray(raw.utm)) ? raw.utm : utm });
  if (!f.phone && !f.email) {
    const message = 'A phone or an e-mail is required';
    throw new ValidationError(message, { phone: message, email: message });
  }
  let phone: string | null = null;
  if (f.phone) {
    phone = normalizePhone(f.phone, defaultCountry);
    if (!phone) throw new ValidationError('The phone number is not valid', { phone: 'not a valid phone number' });
  }
  return {
    fullName: f.name ?? null,
    phones: phone ? [phone] : [],
    emails: f.email ? [f.email] : [],
    organization: f.organization ?? null,
    service: f.service ?? null,
    message: f.comment ?? null,
    pageUrl: f.pageUrl ?? null,
    utm: f.utm && Object.keys(f.utm).length ? f.utm : null,
    redirect: f.redirect ?? null,
  };
}

export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200, 'at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

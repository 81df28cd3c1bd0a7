import { z } from 'zod';
import { parse } from '../../lib/validate.js';
import { fieldsOf } from '../../lib/validate.js';
import { ClientDetailsFields, toIncomingClient, type IncomingClient } from '../clients/clients.schema.js';
import { LeadRequestFields } from '../leads/leads.schema.js';
import { cut, keptText } from '../../lib/form-fields.js';
import { RequestTermsSchema, rawTermsOf, requestTermsOf } from '../leads/request-terms.js';

/**
 * What the intake keeps of each field, in characters: anything longer is cut, never refused (README, "Intake").
 * A repeated field (`utm_source=a&utm_source=b`, a JSON array) keeps its first value.
 */
export const INTAKE_LIMITS = {
  name: 300,
  organization: 300,
  phone: 64,
  email: 254,
  service: 300,
  comment: 5000,
  pageUrl: 1000,
  /** A longer redirect cannot be cut into a working address: it is dropped (the thank-you page is shown). */
  redirect: 1000,
  utmValue: 300,
  /** More utm_… fields than this: the first ones are kept. */
  utmFields: 20,
  /** Form fields Leadline has no place for, kept as "other fields": at most this many (the first ones)… */
  otherFields: 20,
  /** …names cut to this many characters… */
  otherFieldName: 60,
  /** …and values to this many. */
  otherFieldValue: 1000,
} as const;

/** Names a form may give the request's text, in order of preference: the first one sent is the lead's message. */
export const REQUEST_TEXT_FIELDS = ['comment', 'message', 'text', 'question'] as const;

/** Fields the intake reads or that carry the post itself (key, idempotency, honeypots named like this): never "other". */
const READ_FIELDS = new Set(['name', 'organization', 'phone', 'email', 'service', 'language', 'amount', 'currency', 'pageurl', 'redirect', 'utm', 'sitekey', 'idempotencykey']);

const UTM_KEY = /^utm_[a-z0-9_]{1,40}$/i;

/** The person and the request, as checked for a lead typed by hand too (same names, same words). */
const PersonSchema = z.object({ ...ClientDetailsFields, ...LeadRequestFields });

/** A website's request, normalized: its person, what they ask for, and where they came from. */
export interface IntakeInput {
  client: IncomingClient;
  service: string | null;
  message: string | null;
  pageUrl: string | null;
  utm: Record<string, string> | null;
  /** Fields with no place of their own, as sent (bounded by INTAKE_LIMITS), or null. */
  otherFields: Record<string, string> | null;
  redirect: string | null;
  /** ISO 639-1, from the form (else the caller may fill it from the site), or null. */
  language: string | null;
  /** The amount the client named; `currency` null when the form gave none (the department's, set by the caller). */
  requested: { amount: number; currency: string | null } | null;
}

/** utm_… fields, separate (`utm_source=…`) or as one `utm` object: valid names, first values, cut, at most 20. */
function utmOf(raw: Record<string, unknown>): Record<string, string> | null {
  const given: [string, unknown][] = [];
  if (raw.utm && typeof raw.utm === 'object' && !Array.isArray(raw.utm)) given.push(...Object.entries(raw.utm as object));
  for (const [k, v] of Object.entries(raw)) if (/^utm_/i.test(k)) given.push([k, v]);
  const utm: Record<string, string> = {};
  for (const [k, v] of given) {
    const key = k.toLowerCase();
    const value = keptText(v, INTAKE_LIMITS.utmValue);
    if (!UTM_KEY.test(key) || value === undefined || key in utm) continue;
    if (Object.keys(utm).length >= INTAKE_LIMITS.utmFields) break;
    utm[key] = value;
  }
  return Object.keys(utm).length ? utm : null;
}

/** The fields nobody reads, first values as text, cut: at most INTAKE_LIMITS.otherFields of them. */
function otherFieldsOf(raw: Record<string, unknown>, textField: string | undefined): Record<string, string> | null {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [k, v] of Object.entries(raw)) {
    if (k === textField || READ_FIELDS.has(k.toLowerCase()) || /^utm_/i.test(k) || k.startsWith('_')) continue;
    const key = cut(k.trim(), INTAKE_LIMITS.otherFieldName);
    const value = keptText(v, INTAKE_LIMITS.otherFieldValue);
    if (!key || value === undefined || key in kept) continue;
    if (count++ >= INTAKE_LIMITS.otherFields) break;
    kept[key] = value;
  }
  return count ? kept : null;
}

/**
 * A website's request body (JSON or form) → a normalized lead. Only the contact and the request's terms can refuse
 * it: a 400 naming `phone`/`email` when there is neither a phone nor an e-mail, or the only one given is not one;
 * naming `language`, `amount` or `currency` when one is given but is not one (RequestTermsSchema). Everything else
 * (page, campaign, name, text) is kept as far as INTAKE_LIMITS allow; an invalid e-mail next to a phone is left out.
 */
export function parseIntake(body: unknown, defaultCountry: string): IntakeInput {
  const raw = fieldsOf(body);
  const person: Record<string, string> = {};
  for (const field of ['name', 'organization', 'phone', 'email', 'service'] as const) {
    const value = keptText(raw[field], INTAKE_LIMITS[field]);
    if (value !== undefined) person[field] = value;
  }
  const textField = REQUEST_TEXT_FIELDS.find((field) => keptText(raw[field], INTAKE_LIMITS.comment) !== undefined);
  if (textField) person.comment = keptText(raw[textField], INTAKE_LIMITS.comment)!;
  if (person.phone && person.email && !z.email().safeParse(person.email.toLowerCase()).success) delete person.email;
  const f = parse(PersonSchema.extend(RequestTermsSchema.shape), { ...person, ...rawTermsOf(raw) });
  const redirect = keptText(raw.redirect, Infinity);
  return {
    client: toIncomingClient(f, defaultCountry),
    service: f.service ?? null,
    message: f.comment ?? null,
    pageUrl: keptText(raw.pageUrl, INTAKE_LIMITS.pageUrl) ?? null,
    utm: utmOf(raw),
    otherFields: otherFieldsOf(raw, textField),
    redirect: redirect && redirect.length <= INTAKE_LIMITS.redirect ? redirect : null,
    ...requestTermsOf(f),
  };
}

/** The Idempotency-Key header: 1–200 printable ASCII characters. */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'field.idempotency_key');

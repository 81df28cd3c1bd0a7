import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { hasText } from '../i18n/translate.js';
import { text, type Text } from '../i18n/text.js';

/**
 * The text for one zod issue: a schema's own message when it is a key of the server catalogue (`field.…`),
 * else a generic one by the issue's kind (`validation.…`: too long, required, not an e-mail …).
 */
export function issueText(issue: z.core.$ZodIssue): Text {
  if (hasText(issue.message)) return text(issue.message);
  const i = issue as z.core.$ZodIssue & { origin?: string; maximum?: number | bigint; minimum?: number | bigint; format?: string; values?: unknown[]; input?: unknown };
  switch (i.code) {
    case 'too_big':
      return text(i.origin === 'string' ? 'validation.too_long' : i.origin === 'array' ? 'validation.too_many' : 'validation.too_big', { max: Number(i.maximum) });
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? text('validation.required') : text('validation.too_short', { min: Number(i.minimum) });
      return text(i.origin === 'array' ? 'validation.too_few' : 'validation.too_small', { min: Number(i.minimum) });
    case 'invalid_type':
      return i.input === undefined ? text('validation.required') : text('validation.wrong_type');
    case 'invalid_format':
      return text(i.format === 'email' ? 'validation.email' : i.format === 'url' ? 'validation.url' : i.format === 'datetime' ? 'validation.date_time' : 'validation.format');
    case 'invalid_value':
      return text('validation.one_of', { values: (i.values ?? []).map(String).join(', ') });
    case 'unrecognized_keys':
      return text('validation.unknown_field');
    default:
      return text('validation.invalid');
  }
}

/** Parses input with a zod schema; on failure throws a 400 that names every bad field, each with its text. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, Text> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issueText(issue);
  }
  throw new ValidationError(text('validation.failed'), fields);
}

/** `:id` route parameters: a positive integer, else a 400 naming `id`. */
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** An optional text field: blank or null clears it, surrounding spaces go. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullable()
    .transform((s) => (s === null || s.trim() === '' ? null : s.trim()))
    .optional();

/** A text field as forms send it: empty (or only spaces) and null mean "not given"; surrounding spaces go. */
export const formText = (max: number) => z.preprocess((v) => (v === null ? undefined : typeof v === 'string' ? v.trim() || undefined : v), z.string().max(max).optional());

/**
 * A request body of named fields (a JSON object or a form) as a plain record; no body at all is no fields.
 * Throws a ValidationError (400) for anything else, such as a JSON array.
 */
export function fieldsOf(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationError(text('error.body_not_fields'));
  return body as Record<string, unknown>;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * JSON.parse's reviver for request bodies: a lone UTF-16 surrogate (`"\ud800"`, valid JSON but no character)
 * becomes U+FFFD, so every string can be stored as UTF-8 (MariaDB refuses such a string otherwise).
 */
export function wellFormedStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value;
}

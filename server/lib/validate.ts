import { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Parses input with a zod schema; on failure throws a 400 that names every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'Request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, m]) => (k === '_' ? m : `${k}: ${m}`))
    .join('; ');
  throw new ValidationError(`${what} is invalid: ${summary}`, fields);
}

/** `:id` route parameters: a positive integer, else a 400 naming `id`. */
export const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** An optional text field: blank or null clears it, surrounding spaces go. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .nullable()
    .transform((s) => (s === null || s.trim() === '' ? null : s.trim()))
    .optional();

/** A text field as forms send it: empty (or only spaces) and null mean "not given"; surrounding spaces go. */
export const formText = (max: number) =>
  z.preprocess((v) => (v === null ? undefined : typeof v === 'string' ? v.trim() || undefined : v), z.string().max(max, `at most ${max} characters`).optional());

/**
 * A request body of named fields (a JSON object or a form) as a plain record; no body at all is no fields.
 * Throws a ValidationError (400) for anything else, such as a JSON array.
 */
export function fieldsOf(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('Send the fields as a JSON object or as a form');
  return body as Record<string, unknown>;
}

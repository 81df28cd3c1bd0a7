/**
 * Reading a form's fields as sites and people send them: repeated fields, numbers where text was meant, whitespace,
 * over-long values (cut, never refused).
 */

/** The first of repeated values (a form's repeated field, a JSON array), else the value. */
export function firstOf(v: unknown): unknown {
  return Array.isArray(v) ? (v as unknown[])[0] : v;
}

/** A field's value as text: the first of repeated values, numbers and booleans as written, anything else none. */
export function textOf(v: unknown): string | undefined {
  const first = firstOf(v);
  if (typeof first === 'string') return first;
  if (typeof first === 'number' || typeof first === 'boolean') return String(first);
  return undefined;
}

/** The first `max` characters (whole code points, so no half of an emoji stays behind). */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  return Array.from(s).slice(0, max).join('');
}

/** A field's text, trimmed and cut to `max` characters; none when empty. */
export function keptText(v: unknown, max: number): string | undefined {
  const s = textOf(v)?.trim();
  return s ? cut(s, max) : undefined;
}

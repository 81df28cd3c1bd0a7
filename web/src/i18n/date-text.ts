import type { Locale } from '../../../server/api-types.ts';
import { INTL_LOCALE } from './format.ts';

/**
 * Dates and times typed by people, in their language's order and separators (`29.11.2026`, `29/11/2026`,
 * `14:05`), to and from the ISO values the API keeps (`2026-11-29`, `14:05`). Pure: the inputs in
 * components/DateInputs.tsx are built on it.
 */

type FieldName = 'day' | 'month' | 'year' | 'hour' | 'minute';
interface Field {
  name: FieldName;
  length: number;
}

export interface TextPattern {
  fields: Field[];
  separator: string;
}

const LENGTH: Record<FieldName, number> = { day: 2, month: 2, year: 4, hour: 2, minute: 2 };
// A first digit above these cannot begin a two-digit value: "4" typed as the day means "04".
const FIRST_DIGIT_MAX: Partial<Record<FieldName, number>> = { day: 3, month: 1, hour: 2, minute: 5 };

function patternOf(locale: Locale, options: Intl.DateTimeFormatOptions): TextPattern {
  const parts = new Intl.DateTimeFormat(INTL_LOCALE[locale], options).formatToParts(new Date(2026, 10, 29, 14, 5));
  const fields: Field[] = [];
  let separator = '';
  for (const p of parts) {
    if (p.type === 'day' || p.type === 'month' || p.type === 'year' || p.type === 'hour' || p.type === 'minute') fields.push({ name: p.type, length: LENGTH[p.type] });
    else if (p.type === 'literal' && fields.length === 1 && !separator) separator = p.value.trim() || p.value;
  }
  return { fields, separator };
}

const cache = new Map<string, TextPattern>();

/** The language's numeric date: its order of day, month and year, and the separator (`.` ru/bg, `/` en). */
export function datePattern(locale: Locale): TextPattern {
  const key = `date/${locale}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = patternOf(locale, { day: '2-digit', month: '2-digit', year: 'numeric' })));
  return p;
}

/** The language's 24-hour time: hours and minutes and their separator. */
export function timePattern(locale: Locale): TextPattern {
  const key = `time/${locale}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = patternOf(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return p;
}

/**
 * Typing help: digits fill the fields in order and the separator comes by itself when a field is full (or when
 * the person types any separator of their own). Applied to text typed at the end; deleting is left alone.
 */
export function maskTyped(text: string, pattern: TextPattern): string {
  const { fields, separator } = pattern;
  let out = '';
  let field = 0;
  let count = 0;
  const next = () => {
    if (field < fields.length - 1) out += separator;
    field++;
    count = 0;
  };
  for (const ch of text) {
    if (field >= fields.length) break;
    const f = fields[field]!;
    if (ch >= '0' && ch <= '9') {
      const max = FIRST_DIGIT_MAX[f.name];
      if (count === 0 && max !== undefined && Number(ch) > max) {
        out += `0${ch}`;
        next();
        continue;
      }
      out += ch;
      count++;
      if (count === f.length) next();
    } else if (count > 0) next();
  }
  return out;
}

/** What the text becomes as the person types: masked when they add at the end, as typed otherwise. */
export function typed(before: string, after: string, pattern: TextPattern): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(after.trim()) && pattern.fields.some((f) => f.name === 'year')) {
    const iso = parseDateText(after, pattern);
    if (iso) return formatDateText(iso, pattern);
  }
  return after.length > before.length && after.startsWith(before) ? maskTyped(after, pattern) : after;
}

function pad(n: number, length: number): string {
  return String(n).padStart(length, '0');
}

/** Splits typed text into its fields: by any separator, or by the fields' lengths for bare digits. */
function split(text: string, pattern: TextPattern): string[] | null {
  let groups = text.split(/\D+/).filter(Boolean);
  if (groups.length === 1 && text.length === pattern.fields.reduce((n, f) => n + f.length, 0)) {
    groups = [];
    let at = 0;
    for (const f of pattern.fields) {
      groups.push(text.slice(at, at + f.length));
      at += f.length;
    }
  }
  return groups.length === pattern.fields.length ? groups : null;
}

/**
 * `29.11.2026` (in the language's order) or an ISO `2026-11-29` → `2026-11-29`; '' for empty text; null when
 * it is not a real date (31.02, a 13th month). A two-digit year is read as 20xx.
 */
export function parseDateText(text: string, pattern: TextPattern): string | null | '' {
  const s = text.trim();
  if (!s) return '';
  let dayText: string;
  let monthText: string;
  let yearText: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) [, yearText, monthText, dayText] = iso as unknown as [string, string, string, string];
  else {
    const groups = split(s, pattern);
    if (!groups) return null;
    const of = (name: FieldName) => groups[pattern.fields.findIndex((f) => f.name === name)] ?? '';
    [dayText, monthText, yearText] = [of('day'), of('month'), of('year')];
  }
  if (dayText.length > 2 || monthText.length > 2 || (yearText.length !== 4 && yearText.length !== 2)) return null;
  const [day, month] = [Number(dayText), Number(monthText)];
  const year = Number(yearText) + (yearText.length === 2 ? 2000 : 0);
  if (month < 1 || month > 12 || day < 1 || day > new Date(year, month, 0).getDate()) return null;
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** `2026-11-29` → `29.11.2026` in the language's order; '' for no date. */
export function formatDateText(iso: string, pattern: TextPattern): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return '';
  const value: Record<string, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  return pattern.fields.map((f) => value[f.name]).join(pattern.separator);
}

/** `14:05`, `9.30`, `1405` → `14:05`; '' for empty text; null when it is no time of day. */
export function parseTimeText(text: string, pattern: TextPattern): string | null | '' {
  const s = text.trim();
  if (!s) return '';
  const m = /^(\d{1,2})\D+(\d{2})$/.exec(s) ?? /^(\d{1,2})(\d{2})$/.exec(s);
  if (!m || !pattern.fields.length) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${pad(h, 2)}:${pad(min, 2)}`;
}

/** `14:05` → `14:05` with the language's separator; '' for no time. */
export function formatTimeText(hhmm: string, pattern: TextPattern): string {
  const m = /^(\d{2}):(\d{2})/.exec(hhmm);
  return m ? `${m[1]}${pattern.separator}${m[2]}` : '';
}

/** A moment as local wall time `2026-11-29T14:05` (what the date and time inputs edit together). */
export function toLocalDateTime(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}T${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}`;
}

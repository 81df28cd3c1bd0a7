import { z } from 'zod';
import { normalizePhone } from '../../lib/phone.js';
import type { ColumnMapping, ImportField } from './guess-mapping.js';
import type { RawCell, RawRow } from './read-table.js';

/** A problem of one line of the file, as the dry run and the report list it. `row` is the line users see. */
export interface RowProblem {
  row: number;
  field: ImportField | null;
  code: ProblemCode;
  /** The cell as it was (for bad values), or what the line matched (for duplicates). */
  value?: string;
}

export const PROBLEM_CODES = [
  'phone_invalid', 'email_invalid', 'date_invalid', 'number_invalid', 'no_contact', 'owner_unknown', 'owner_forbidden',
  'duplicate_existing', 'duplicate_in_file', 'client_not_yours', 'too_long',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
/** Problems that leave the line out; the others are reported and the line goes in (without the bad value). */
export const SKIPPING: ReadonlySet<ProblemCode> = new Set(['no_contact', 'duplicate_in_file', 'client_not_yours']);

/** One line read as a client: every value checked and normalized (phones E.164, e-mails lower-cased, dates `YYYY-MM-DD`). */
export interface ImportedClient {
  row: number;
  externalId: string | null;
  fullName: string | null;
  organization: string | null;
  phones: string[];
  emails: string[];
  address: string | null;
  /** Service and comment together: what the client needs. */
  needs: string | null;
  birthday: string | null;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  ordersCount: number | null;
  ordersAmount: number | null;
  /** The owner cell as written (a name or an e-mail), resolved later. */
  owner: string | null;
}

const LIMITS: Partial<Record<ImportField, number>> = { externalId: 100, fullName: 300, organization: 300, address: 500, owner: 300 };
const email = z.email();
// Excel's 1900 date system: serial 25569 is 1970-01-01 (serials count from 1899-12-30, past Excel's 1900 leap-year bug).
const EXCEL_EPOCH_DAYS = 25569;

const asText = (c: RawCell): string | null => {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return c.trim() || null;
};

function realDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A date as files write it: an Excel date cell, an Excel serial, `dd.mm.yyyy` (or `dd/mm/yyyy`, two-digit years), `yyyy-mm-dd`. */
export function readDay(c: RawCell): string | null | 'bad' {
  if (c === null) return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'bad' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (c < 1 || c > 80_000) return 'bad';
    return new Date((Math.floor(c) - EXCEL_EPOCH_DAYS) * 86_400_000).toISOString().slice(0, 10);
  }
  const s = c.trim();
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s.*)?$/.exec(s);
  if (m) {
    let y = Number(m[3]);
    if (m[3].length === 2) y += y > 30 ? 1900 : 2000;
    return realDay(y, Number(m[2]), Number(m[1])) ?? 'bad';
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(s);
  if (m) return realDay(Number(m[1]), Number(m[2]), Number(m[3])) ?? 'bad';
  if (/^\d{5}(\.\d+)?$/.test(s)) return readDay(Number(s));
  return 'bad';
}

/** A number as Russian and English files write it: `12 345,50`, `12,345.50`, `1500 руб.`. */
export function readNumber(c: RawCell): number | null | 'bad' {
  if (c === null) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? c : 'bad';
  if (c instanceof Date) return 'bad';
  let s = c.replace(/[\s\u00a0]/g, '').replace(/(руб\.?|р\.|₽|rub|eur|€|\$|лв\.?)$/i, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else s = s.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : 'bad';
}

/** Several phones in one cell: split at commas, semicolons, slashes and line breaks. */
function splitPhones(c: RawCell): string[] {
  if (c === null) return [];
  if (typeof c === 'number') return [c.toFixed(0)];
  return String(c).split(/[,;/\n]+/).map((p) => p.trim()).filter(Boolean);
}

/**
 * One line of the file as a client, with the problems of its cells. Phones go through the one phone rule
 * (normalizePhone: `9001234567`, `79001234567` and `8 900 …` are the same number in `country`); a bad phone or
 * e-mail is left out and reported; a line with no phone and no e-mail is reported as `no_contact`.
 */
export function readRow(raw: RawRow, mapping: ColumnMapping, country: string): { client: ImportedClient; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (f: ImportField): RawCell => (mapping[f] === undefined ? null : (raw.cells[mapping[f]] ?? null));
  const textOf = (f: ImportField): string | null => {
    const v = asText(cell(f));
    const max = LIMITS[f] ?? 5000;
    if (v !== null && v.length > max) {
      problems.push({ row: raw.row, field: f, code: 'too_long', value: v.slice(0, 50) });
      return v.slice(0, max);
    }
    return v;
  };
  const day = (f: ImportField): string | null => {
    const v = readDay(cell(f));
    if (v === 'bad') problems.push({ row: raw.row, field: f, code: 'date_invalid', value: asText(cell(f)) ?? '' });
    return v === 'bad' ? null : v;
  };
  const num = (f: ImportField, integer: boolean): number | null => {
    const v = readNumber(cell(f));
    if (v === 'bad' || (v !== null && (v < 0 || v > 1e12 || (integer && !Number.isInteger(v))))) {
      problems.push({ row: raw.row, field: f, code: 'number_invalid', value: asText(cell(f)) ?? '' });
      return null;
    }
    return v;
  };
  const phones: string[] = [];
  for (const p of splitPhones(cell('phones'))) {
    const e164 = normalizePhone(p, country);
    if (!e164) problems.push({ row: raw.row, field: 'phones', code: 'phone_invalid', value: p });
    else if (!phones.includes(e164)) phones.push(e164);
  }
  const emails: string[] = [];
  for (const e of (asText(cell('emails')) ?? '').split(/[,;\s]+/).filter(Boolean)) {
    const lower = e.toLowerCase();
    if (!email.safeParse(lower).success || lower.length > 254) problems.push({ row: raw.row, field: 'emails', code: 'email_invalid', value: e });
    else if (!emails.includes(lower)) emails.push(lower);
  }
  if (phones.length === 0 && emails.length === 0) problems.push({ row: raw.row, field: null, code: 'no_contact' });
  const needs = [textOf('service'), textOf('comment')].filter(Boolean).join('\n') || null;
  const client: ImportedClient = {
    row: raw.row,
    externalId: textOf('externalId'),
    fullName: textOf('fullName'),
    organization: textOf('organization'),
    phones,
    emails,
    address: textOf('address'),
    needs,
    birthday: day('birthday'),
    firstOrderAt: day('firstOrderAt'),
    lastOrderAt: day('lastOrderAt'),
    ordersCount: num('ordersCount', true),
    ordersAmount: num('ordersAmount', false),
    owner: textOf('owner'),
  };
  return { client, problems };
}

import { z } from 'zod';
import { toDbTime } from '../../db/knex.js';
import { ValidationError } from '../../errors.js';
import { text, type Text } from '../../i18n/text.js';

/** The longest period a report covers, in days. */
export const MAX_PERIOD_DAYS = 400;
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A moment of a period as the API takes it: `2026-11-01` or an ISO date-time (an offset or Z; none means UTC). */
export const periodBound = z.string().max(40).refine((s) => DATE_OR_DATETIME.test(s) && !Number.isNaN(moment(s, false).getTime()), 'field.date_or_datetime');

/** The moment a bound (checked by `periodBound`) names; a bare date as an upper bound means the end of that day (UTC). */
export function moment(s: string, endOfDay: boolean): Date {
  if (DATE_ONLY.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  }
  const iso = s.replace(' ', 'T');
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`);
}

/** A half-open period [from, to) of a report, with its bounds as stored (`toDbTime`) for queries. */
export interface Period {
  from: Date;
  to: Date;
  /** `toDbTime(from)`, `toDbTime(to)`: compare with stored timestamps. */
  fromDb: string;
  toDb: string;
}

export function periodOf(from: Date, to: Date): Period {
  return { from, to, fromDb: toDbTime(from), toDb: toDbTime(to) };
}

/**
 * The period of `from`–`to` (strings already checked by `periodBound`): a bare date as `to` means through that
 * whole day (UTC). Throws a 400 naming `to` when it is before `from` or the period is longer than 400 days.
 */
export function toPeriod(fromText: string, toText: string): Period {
  const from = moment(fromText, false);
  const to = moment(toText, true);
  const fields: Record<string, Text> = {};
  if (to.getTime() < from.getTime()) fields.to = text('field.period_order');
  else if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) fields.to = text('field.period_too_long', { max: MAX_PERIOD_DAYS });
  if (fields.to) throw new ValidationError(fields.to, fields);
  return periodOf(from, to);
}

/** The period of equal length just before this one (the trend arrows compare with it). */
export function previousPeriod(p: Period): Period {
  const span = p.to.getTime() - p.from.getTime();
  return periodOf(new Date(p.from.getTime() - span), p.from);
}

/** The period in answers: ISO-8601 UTC. */
export function presentPeriod(p: Period): { from: string; to: string } {
  return { from: p.from.toISOString(), to: p.to.toISOString() };
}

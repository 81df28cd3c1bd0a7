/** What a client's owner is reminded of: no order for a while, a birthday, an anniversary of the first order. */
export const OCCASION_KINDS = ['quiet', 'birthday', 'anniversary'] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];

export interface Occasion {
  kind: OccasionKind;
  /** `YYYY-MM-DD`: the last order (quiet), or the day the birthday or anniversary falls on. One reminder per client, kind and day. */
  onDay: string;
  /** quiet: whole days since the last order; anniversary: years since the first order. */
  count: number;
}

/** A client's dates as stored, `YYYY-MM-DD` (orders: the latest and the earliest of imported history and won leads). */
export interface ClientDates {
  lastOrderDay: string | null;
  firstOrderDay: string | null;
  birthday: string | null;
}

const DAY_MS = 86_400_000;
/** A client gone quiet longer ago than the threshold plus this many days is left alone: no storm for long-gone clients. */
export const QUIET_LOOKBACK_DAYS = 30;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day`'s month and day in `year`; 29 February falls on the 28th in other years. */
function inYear(day: string, year: number): string {
  const [month, date] = [Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  const ms = Date.UTC(year, month - 1, date);
  return new Date(ms).getUTCMonth() === month - 1 ? isoDay(ms) : isoDay(Date.UTC(year, month - 1, date - 1));
}

/** The next day on or after `today` with `day`'s month and day. */
function nextOccurrence(day: string, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = inYear(day, year);
  return thisYear >= today ? thisYear : inYear(day, year + 1);
}

/**
 * The occasions a client has at `now` (UTC days): quiet when the last order was `quietDays` days ago or more (at
 * most QUIET_LOOKBACK_DAYS more); a
 * birthday or an anniversary of the first order (a year or more ago) falling within `daysAhead` days from today.
 */
export function dueOccasions(c: ClientDates, now: Date, s: { quietDays: number; daysAhead: number }): Occasion[] {
  const today = isoDay(now.getTime());
  const horizon = isoDay(dayMs(today) + s.daysAhead * DAY_MS);
  const out: Occasion[] = [];
  if (c.lastOrderDay) {
    const days = Math.floor((dayMs(today) - dayMs(c.lastOrderDay)) / DAY_MS);
    if (days >= s.quietDays && days <= s.quietDays + QUIET_LOOKBACK_DAYS) out.push({ kind: 'quiet', onDay: c.lastOrderDay, count: days });
  }
  if (c.birthday) {
    const on = nextOccurrence(c.birthday, today);
    if (on <= horizon) out.push({ kind: 'birthday', onDay: on, count: Number(on.slice(0, 4)) - Number(c.birthday.slice(0, 4)) });
  }
  if (c.firstOrderDay) {
    const on = nextOccurrence(c.firstOrderDay, today);
    const years = Number(on.slice(0, 4)) - Number(c.firstOrderDay.slice(0, 4));
    if (on <= horizon && years >= 1) out.push({ kind: 'anniversary', onDay: on, count: years });
  }
  return out;
}

/** The month-days (`MM-DD`) from today through `daysAhead` days on: where birthdays and anniversaries are looked for. */
export function monthDaysAhead(now: Date, daysAhead: number): string[] {
  const today = dayMs(isoDay(now.getTime()));
  const days = Array.from({ length: daysAhead + 1 }, (_, i) => isoDay(today + i * DAY_MS).slice(5));
  // 28 February also stands for the 29th in a year without it (dueOccasions decides).
  return days.includes('02-28') && !days.includes('02-29') ? [...days, '02-29'] : days;
}

/**
 * Working time: a department's working hours and the clock that counts only them (speed to lead, and whatever else
 * must not run at night or on weekends). Pure functions over instants (`Date`, UTC); local times come from the
 * IANA time zone database through `Intl` (so daylight-saving changes are the runtime's tz data, not ours).
 */

/**
 * Working hours, repeated every week: on each of `days` (ISO weekdays, 1 = Monday … 7 = Sunday) from `from` to `to`
 * ('HH:MM', 24-hour, local time in `timeZone`). `to` may be '24:00' (the end of the day); a `to` at or before `from`
 * is a night shift that ends on the next day (the day it starts on is the one listed in `days`).
 */
export interface WorkingHours {
  timeZone: string;
  days: number[];
  from: string;
  to: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far `addWorkingTime` looks ahead before it answers that the moment never comes. */
const MAX_LOOKAHEAD_DAYS = 800;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** 'HH:MM' (00:00–23:59), or '24:00' when `allowEndOfDay`. */
export function isClockTime(s: string, allowEndOfDay = false): boolean {
  return HH_MM.test(s) || (allowEndOfDay && s === '24:00');
}

/** Whether the runtime knows this IANA time zone name ('Europe/Moscow'). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at `instantMs`, in ms (Moscow: +3 h). */
export function offsetAt(timeZone: string, instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - (instantMs - (instantMs % 1000 + 1000) % 1000);
}

/**
 * The instant of local wall time `localMs` (a local date and time written as if it were UTC) in `timeZone`.
 * A time skipped by a spring-forward change moves forward by the gap (02:30 → 03:30, as Temporal's 'compatible'); a
 * repeated one takes its first occurrence.
 */
function localToInstant(timeZone: string, localMs: number): number {
  const before = localMs - offsetAt(timeZone, localMs - DAY / 2);
  const after = localMs - offsetAt(timeZone, localMs + DAY / 2);
  const fits = (t: number) => t + offsetAt(timeZone, t) === localMs;
  if (fits(before)) return fits(after) ? Math.min(before, after) : before;
  if (fits(after)) return after;
  return before; // in the gap: the offset before the change puts it just after the gap
}

/** The local calendar day (as UTC midnight ms) of an instant in `timeZone`. */
function localDayOf(timeZone: string, instantMs: number): number {
  const local = instantMs + offsetAt(timeZone, instantMs);
  return local - (((local % DAY) + DAY) % DAY);
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar day given as UTC midnight ms. */
function isoWeekday(dayMs: number): number {
  const d = new Date(dayMs).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The working window that starts on local day `dayMs`, as instants [start, end), or null on a day off. */
function windowOn(hours: WorkingHours, dayMs: number): [number, number] | null {
  if (!hours.days.includes(isoWeekday(dayMs))) return null;
  const from = minutesOf(hours.from);
  let to = minutesOf(hours.to);
  if (to <= from) to += 24 * 60; // a night shift, or '00:00'–'00:00': the whole day
  const start = localToInstant(hours.timeZone, dayMs + from * MINUTE);
  const end = localToInstant(hours.timeZone, dayMs + to * MINUTE);
  return end > start ? [start, end] : null;
}

/** Working windows that may overlap [fromMs, …), in order, starting with the one that began the day before. */
function* windowsFrom(hours: WorkingHours, fromMs: number): Generator<[number, number]> {
  const firstDay = localDayOf(hours.timeZone, fromMs) - DAY;
  for (let i = 0; i <= MAX_LOOKAHEAD_DAYS; i++) {
    const w = windowOn(hours, firstDay + i * DAY);
    if (w) yield w;
  }
}

/**
 * Working time between two instants, in ms: the parts of [start, end) inside the working hours. 0 when `end` is
 * not after `start`. Spans over ~800 days count only their first 800 days.
 */
export function workingMsBetween(hours: WorkingHours, start: Date, end: Date): number {
  const a = start.getTime();
  const b = end.getTime();
  if (!(b > a)) return 0;
  let total = 0;
  for (const [ws, we] of windowsFrom(hours, a)) {
    if (ws >= b) break;
    total += Math.max(0, Math.min(we, b) - Math.max(ws, a));
  }
  return total;
}

/** Whether `at` falls inside the working hours. */
export function isWorkingTime(hours: WorkingHours, at: Date): boolean {
  const t = at.getTime();
  for (const [ws, we] of windowsFrom(hours, t)) {
    if (ws > t) return false;
    if (t < we) return true;
  }
  return false;
}

/**
 * The instant at which `ms` of working time will have passed since `start` (a task due "in 15 working minutes").
 * `ms` = 0 gives `start` itself when it is working time, else the start of the next working window. Null when no
 * working window comes within ~800 days (no working days at all).
 */
export function addWorkingTime(hours: WorkingHours, start: Date, ms: number): Date | null {
  const a = start.getTime();
  let left = Math.max(0, ms);
  for (const [ws, we] of windowsFrom(hours, a)) {
    if (we <= a) continue;
    const from = Math.max(ws, a);
    if (from + left <= we) return new Date(from + left);
    left -= we - from;
  }
  return null;
}

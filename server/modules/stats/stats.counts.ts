import { CLOSING_STATUSES, type ClosingStatus } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { offsetAt } from '../../lib/working-time.js';
import { periodOf, type Period } from './period.js';
import { callCounts, cohortCounts, statusChanges } from './stats.repo.js';
import { rollupSums } from './stats.rollup.js';

/** The figures of one person that add up over time (a sum over hours or days is the figure of their union). */
export interface Counts {
  assigned: number;
  won: number;
  lost: Record<ClosingStatus, number>;
  made: number;
  answered: number;
  talkSeconds: number;
  /** Calls with any talk (the divisor of the average talk time). */
  conversations: number;
  missed: number;
  statusChanges: number;
}

export const noCounts = (): Counts => ({
  assigned: 0,
  won: 0,
  lost: Object.fromEntries(CLOSING_STATUSES.map((s) => [s, 0])) as Record<ClosingStatus, number>,
  made: 0,
  answered: 0,
  talkSeconds: 0,
  conversations: 0,
  missed: 0,
  statusChanges: 0,
});

/** Adds `c` to `into` (or takes it away, `sign` -1). */
export function addCounts(into: Counts, c: Counts, sign: 1 | -1 = 1): Counts {
  into.assigned += sign * c.assigned;
  into.won += sign * c.won;
  for (const s of CLOSING_STATUSES) into.lost[s] += sign * c.lost[s];
  into.made += sign * c.made;
  into.answered += sign * c.answered;
  into.talkSeconds += sign * c.talkSeconds;
  into.conversations += sign * c.conversations;
  into.missed += sign * c.missed;
  into.statusChanges += sign * c.statusChanges;
  return into;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const QUARTER = 15 * 60_000;

/** Per person, and per local day (`YYYY-MM-DD`) and person when asked. */
export interface PeriodCounts {
  byUser: Map<number, Counts>;
  byDay: Map<string, Map<number, Counts>> | null;
}

function of<K>(m: Map<K, Counts>, k: K): Counts {
  let c = m.get(k);
  if (!c) m.set(k, (c = noCounts()));
  return c;
}

/** The counts read from the rows themselves (leads, calls, history): what `stats_hourly` must always agree with. */
export async function countsFromRows(db: Queryable, period: Period, ids: number[]): Promise<Map<number, Counts>> {
  const out = new Map<number, Counts>();
  const [cohort, calls, changes] = await Promise.all([cohortCounts(db, period, ids), callCounts(db, period, ids), statusChanges(db, period, ids)]);
  for (const [id, c] of cohort) Object.assign(of(out, id), { assigned: c.assigned, won: c.won, lost: { ...c.lost } });
  for (const [id, k] of calls) Object.assign(of(out, id), { made: k.made, answered: k.answered, talkSeconds: k.talkSeconds, conversations: k.conversations, missed: k.missed });
  for (const [id, n] of changes) of(out, id).statusChanges = n;
  return out;
}

/**
 * Stretches of whole hours [from, to) over which `timeZone` keeps one whole-hour offset (a daylight-saving change
 * starts a new one); null when the zone's offset is not whole hours (its days do not begin on an hour).
 */
function offsetStretches(timeZone: string, fromHour: number, toHour: number): { from: number; to: number; offset: number }[] | null {
  const offsetOf = (h: number) => offsetAt(timeZone, h * HOUR) / HOUR;
  const out: { from: number; to: number; offset: number }[] = [];
  let start = fromHour;
  let offset = offsetOf(fromHour);
  if (!Number.isInteger(offset)) return null;
  for (let h = fromHour; h < toHour; h += 24) {
    const next = Math.min(toHour, h + 24);
    if (offsetOf(next - 1) === offset) continue;
    for (let x = h + 1; x < next; x++) {
      const o = offsetOf(x);
      if (o === offset) continue;
      if (!Number.isInteger(o)) return null;
      out.push({ from: start, to: x, offset });
      start = x;
      offset = o;
    }
  }
  out.push({ from: start, to: toHour, offset });
  return out;
}

/** The local date (`YYYY-MM-DD`) of an instant in `timeZone`. */
export function localDate(timeZone: string, ms: number): string {
  return new Date(ms + offsetAt(timeZone, ms)).toISOString().slice(0, 10);
}

/**
 * Every counted figure of `ids` over `period`, exact: the whole UTC days inside it from `stats_daily`, the whole
 * hours around them from `stats_hourly` (`rollupSums`), the minutes at its two ends from the rows themselves. With `daysIn` (an IANA zone) also per local day of that zone; a zone
 * whose offset is not whole hours (its days do not begin on an hour) sums each day on its own.
 */
export async function countsOver(db: Queryable, period: Period, ids: number[], daysIn?: string): Promise<PeriodCounts> {
  const byUser = new Map<number, Counts>();
  const byDay = daysIn === undefined ? null : new Map<string, Map<number, Counts>>();
  if (ids.length === 0) return { byUser, byDay };
  const from = period.from.getTime();
  const to = period.to.getTime();
  const firstHour = Math.ceil(from / HOUR);
  const endHour = Math.floor(to / HOUR);
  const add = (userId: number, date: string | null, c: Counts, sign: 1 | -1 = 1) => {
    addCounts(of(byUser, userId), c, sign);
    if (byDay && date !== null) {
      let day = byDay.get(date);
      if (!day) byDay.set(date, (day = new Map()));
      addCounts(of(day, userId), c, sign);
    }
  };
  const stretches = daysIn === undefined ? [] : offsetStretches(daysIn, firstHour, Math.max(firstHour, endHour));
  if (daysIn !== undefined && stretches === null) {
    // Each local day as a period of its own (local dates change on a quarter hour in every zone).
    for (let dayStart = from; dayStart < to; ) {
      const date = localDate(daysIn, dayStart);
      let dayEnd = Math.min(to, Math.floor(dayStart / QUARTER) * QUARTER + QUARTER);
      while (dayEnd < to && localDate(daysIn, dayEnd) === date) dayEnd = Math.min(to, dayEnd + QUARTER);
      for (const [userId, c] of (await countsOver(db, periodOf(new Date(dayStart), new Date(dayEnd)), ids)).byUser) add(userId, date, c);
      dayStart = dayEnd;
    }
    return { byUser, byDay };
  }
  // The minutes before the first whole hour and after the last (each inside one hour, so inside one local day).
  const ends = firstHour > endHour ? [[from, to]] : [[from, firstHour * HOUR], [endHour * HOUR, to]];
  const endCounts = await Promise.all(ends.filter(([a, b]) => b! > a!).map(async ([a, b]) => ({ a: a!, counts: await countsFromRows(db, periodOf(new Date(a!), new Date(b!)), ids) })));
  for (const { a, counts } of endCounts) for (const [userId, c] of counts) add(userId, daysIn === undefined ? null : localDate(daysIn, a), c);
  if (firstHour >= endHour) return { byUser, byDay };
  if (daysIn === undefined) {
    for (const r of await rollupSums(db, firstHour, endHour, ids)) add(r.userId, null, r.counts, r.sign);
    return { byUser, byDay };
  }
  const sums = await Promise.all(stretches!.map((s) => rollupSums(db, s.from, s.to, ids, s.offset)));
  const dates = new Map<number, string>();
  const dateOf = (day: number) => dates.get(day) ?? dates.set(day, new Date(day * DAY).toISOString().slice(0, 10)).get(day)!;
  for (const r of sums.flat()) add(r.userId, dateOf(r.day!), r.counts, r.sign);
  return { byUser, byDay };
}

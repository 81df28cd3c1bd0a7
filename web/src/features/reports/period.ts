/**
 * A report's period as people pick it: presets over local calendar days (the week starts on Monday), or any days.
 * The API gets the half-open instants [first day 00:00, the day after the last 00:00) of the browser's clock.
 */
export const PRESETS = ['today', 'yesterday', 'thisWeek', 'lastWeek', 'thisMonth', 'lastMonth', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

/** Local days, both inclusive, as `YYYY-MM-DD`. */
export interface Days {
  first: string;
  last: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const local = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
};
const addDays = (d: Date, n: number) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);

export function isDay(s: string | null | undefined): s is string {
  return !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(local(s).getTime());
}

/** The days of a preset around `now` (custom: `custom` when both are valid days in order, else this week). */
export function presetDays(preset: Preset, now: Date, custom?: Partial<Days>): Days {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const monday = addDays(today, -((today.getDay() + 6) % 7));
  switch (preset) {
    case 'today':
      return { first: dayOf(today), last: dayOf(today) };
    case 'yesterday':
      return { first: dayOf(addDays(today, -1)), last: dayOf(addDays(today, -1)) };
    case 'thisWeek':
      return { first: dayOf(monday), last: dayOf(addDays(monday, 6)) };
    case 'lastWeek':
      return { first: dayOf(addDays(monday, -7)), last: dayOf(addDays(monday, -1)) };
    case 'thisMonth':
      return { first: dayOf(new Date(today.getFullYear(), today.getMonth(), 1)), last: dayOf(new Date(today.getFullYear(), today.getMonth() + 1, 0)) };
    case 'lastMonth':
      return { first: dayOf(new Date(today.getFullYear(), today.getMonth() - 1, 1)), last: dayOf(new Date(today.getFullYear(), today.getMonth(), 0)) };
    case 'custom':
      if (isDay(custom?.first) && isDay(custom?.last) && custom.first <= custom.last) return { first: custom.first, last: custom.last };
      return presetDays('thisWeek', now);
  }
}

/** The API's period of these local days: `from` the first day's midnight, `to` the midnight after the last (ISO, UTC). */
export function periodOfDays(days: Days): { from: string; to: string } {
  return { from: local(days.first).toISOString(), to: addDays(local(days.last), 1).toISOString() };
}

/** Every local day of the period, in order (the per-day line). */
export function daysIn(days: Days): string[] {
  const out: string[] = [];
  for (let d = local(days.first); dayOf(d) <= days.last && out.length < 400; d = addDays(d, 1)) out.push(dayOf(d));
  return out;
}

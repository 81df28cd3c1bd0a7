/**
 * Moments a reminder is moved to with one click, in the browser's time zone (the user's own: they live there).
 * `now` in ms; answers a Date.
 */
export const inAnHour = (now = Date.now()): Date => new Date(now + 3600_000);

/** Tomorrow at 10:00 local time. */
export const tomorrowAtTen = (now = Date.now()): Date => {
  const d = new Date(now);
  d.setDate(d.getDate() + 1);
  d.setHours(10, 0, 0, 0);
  return d;
};

/** The coming Monday at 10:00 local time (a week ahead when today is Monday). */
export const nextMondayAtTen = (now = Date.now()): Date => {
  const d = new Date(now);
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7 || 7));
  d.setHours(10, 0, 0, 0);
  return d;
};

/** Which list a reminder due at `dueMs` stands in at `now`: past due, later today, or a later day (local days). */
export function agendaOf(dueMs: number, now: number): 'overdue' | 'today' | 'upcoming' {
  if (dueMs <= now) return 'overdue';
  const endOfToday = new Date(now);
  endOfToday.setHours(24, 0, 0, 0);
  return dueMs < endOfToday.getTime() ? 'today' : 'upcoming';
}

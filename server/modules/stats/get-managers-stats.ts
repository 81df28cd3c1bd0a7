import { type DayFiguresDto, type DayStatsDto, type ManagerFiguresDto, type ManagersStatsDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { presentPeriod, previousPeriod, type Period } from './period.js';
import { managersOf, speedFigures, type ManagerRow } from './stats.repo.js';
import { addCounts, countsOver, localDate, noCounts, type Counts } from './stats.counts.js';
import { reportScope } from './stats.policy.js';
import { NO_SAMPLES } from './percentiles.js';

/** The longest period whose answer carries a per-day series. */
export const MAX_DAILY_DAYS = 92;
const DAY_MS = 86_400_000;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/** The local dates (`YYYY-MM-DD`) a period touches in `timeZone`, in order. */
function datesOf(period: Period, timeZone: string): string[] {
  const last = localDate(timeZone, period.to.getTime() - 1);
  const out: string[] = [];
  for (let d = localDate(timeZone, period.from.getTime()); d <= last; d = new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)) out.push(d);
  return out;
}

/** The figures that add up, from the counts of a period. */
function dayFigures(c: Counts): DayFiguresDto {
  return { leadsAssigned: c.assigned, callsMade: c.made, callsAnswered: c.answered, callsMissed: c.missed, talkSeconds: c.talkSeconds, statusChanges: c.statusChanges, won: c.won, lost: { ...c.lost } };
}

function figures(c: Counts, assign: ManagerFiguresDto['assignSeconds'], firstContact: ManagerFiguresDto['firstContactSeconds']): ManagerFiguresDto {
  return {
    ...dayFigures(c),
    assignSeconds: assign,
    firstContactSeconds: firstContact,
    avgTalkSeconds: c.conversations > 0 ? Math.round(c.talkSeconds / c.conversations) : null,
    conversionRate: ratio(c.won, c.assigned),
  };
}

/**
 * Every figure of every manager over one period and the totals over them: counts from the hourly rollup (the
 * period's ends from the rows), speed to lead from each lead's durations; with `daysIn` also per local day.
 */
async function figuresOf(
  db: Queryable,
  period: Period,
  managers: ManagerRow[],
  daysIn?: string,
): Promise<{ byManager: Map<number, ManagerFiguresDto>; totals: ManagerFiguresDto; days: DayStatsDto[] }> {
  const ids = managers.map((m) => m.id);
  const [counts, speed] = await Promise.all([countsOver(db, period, ids, daysIn), speedFigures(db, period, ids)]);
  const { assign, firstContact: contact } = speed;
  const byManager = new Map<number, ManagerFiguresDto>();
  const sum = noCounts();
  for (const id of ids) {
    const c = counts.byUser.get(id) ?? noCounts();
    byManager.set(id, figures(c, assign.byGroup.get(id) ?? NO_SAMPLES, contact.byGroup.get(id) ?? NO_SAMPLES));
    addCounts(sum, c);
  }
  const days: DayStatsDto[] = [];
  if (counts.byDay && daysIn !== undefined) {
    for (const date of datesOf(period, daysIn)) {
      const day = counts.byDay.get(date) ?? new Map<number, Counts>();
      const total = noCounts();
      const rows = ids.map((id) => {
        const c = day.get(id) ?? noCounts();
        addCounts(total, c);
        return { userId: id, ...dayFigures(c) };
      });
      days.push({ date, managers: rows, totals: dayFigures(total) });
    }
  }
  return { byManager, totals: figures(sum, assign.all, contact.all), days };
}

const empty = (): ManagerFiguresDto => figures(noCounts(), NO_SAMPLES, NO_SAMPLES);

const hasAny = (f: ManagerFiguresDto): boolean => f.leadsAssigned + f.callsMade + f.callsAnswered + f.callsMissed + f.statusChanges > 0;

/**
 * Managers side by side over `period` and over the period of equal length before it: one row per manager in the
 * user's scope (reportScope: 403 outside it), by name — inactive managers only when they have figures — and the
 * totals over the rows. See ManagerFiguresDto for what each figure counts.
 */
export async function getManagersStats(db: Queryable, user: SessionUser, period: Period, departmentId?: number, timeZone = 'UTC'): Promise<ManagersStatsDto> {
  const scope = reportScope(user, departmentId);
  const managers = await managersOf(db, scope);
  const previous = previousPeriod(period);
  const daily = period.to.getTime() - period.from.getTime() <= MAX_DAILY_DAYS * DAY_MS;
  const [now, before] = await Promise.all([figuresOf(db, period, managers, daily ? timeZone : undefined), figuresOf(db, previous, managers)]);
  const rows = managers
    .map((m) => ({ m, f: now.byManager.get(m.id) ?? empty(), p: before.byManager.get(m.id) ?? empty() }))
    .filter(({ m, f, p }) => m.active || hasAny(f) || hasAny(p));
  const listed = new Set(rows.map(({ m }) => m.id));
  return {
    ...presentPeriod(period),
    previous: presentPeriod(previous),
    managers: rows.map(({ m, f, p }) => ({ userId: m.id, name: m.name, departmentId: m.departmentId, ...f, previous: p })),
    totals: { ...now.totals, previous: before.totals },
    timeZone,
    days: now.days.map((d) => ({ ...d, managers: d.managers.filter((m) => listed.has(m.userId)) })),
  };
}

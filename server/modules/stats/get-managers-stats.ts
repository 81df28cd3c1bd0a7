import { CLOSING_STATUSES, type ClosingStatus, type ManagerFiguresDto, type ManagersStatsDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { presentPeriod, previousPeriod, type Period } from './period.js';
import { callCounts, cohortCounts, managersOf, speedFigures, statusChanges, type ManagerRow } from './stats.repo.js';
import { reportScope } from './stats.policy.js';
import { NO_SAMPLES } from './percentiles.js';

const noLost = (): Record<ClosingStatus, number> => Object.fromEntries(CLOSING_STATUSES.map((s) => [s, 0])) as Record<ClosingStatus, number>;
const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/** Every figure of every manager over one period, and the totals over them: five queries, each read from an index. */
async function figuresOf(db: Queryable, period: Period, managers: ManagerRow[]): Promise<{ byManager: Map<number, ManagerFiguresDto>; totals: ManagerFiguresDto }> {
  const ids = managers.map((m) => m.id);
  const [cohort, speed, calls, changes] = await Promise.all([cohortCounts(db, period, ids), speedFigures(db, period, ids), callCounts(db, period, ids), statusChanges(db, period, ids)]);
  const { assign, firstContact: contact } = speed;
  const byManager = new Map<number, ManagerFiguresDto>();
  const totals: ManagerFiguresDto = { ...empty(), assignSeconds: assign.all, firstContactSeconds: contact.all };
  let conversations = 0;
  for (const id of ids) {
    const c = cohort.get(id);
    const k = calls.get(id);
    const f: ManagerFiguresDto = {
      leadsAssigned: c?.assigned ?? 0,
      assignSeconds: assign.byGroup.get(id) ?? NO_SAMPLES,
      firstContactSeconds: contact.byGroup.get(id) ?? NO_SAMPLES,
      callsMade: k?.made ?? 0,
      callsAnswered: k?.answered ?? 0,
      callsMissed: k?.missed ?? 0,
      talkSeconds: k?.talkSeconds ?? 0,
      avgTalkSeconds: k && k.conversations > 0 ? Math.round(k.talkSeconds / k.conversations) : null,
      statusChanges: changes.get(id) ?? 0,
      won: c?.won ?? 0,
      lost: c?.lost ?? noLost(),
      conversionRate: ratio(c?.won ?? 0, c?.assigned ?? 0),
    };
    byManager.set(id, f);
    totals.leadsAssigned += f.leadsAssigned;
    totals.callsMade += f.callsMade;
    totals.callsAnswered += f.callsAnswered;
    totals.callsMissed += f.callsMissed;
    totals.talkSeconds += f.talkSeconds;
    totals.statusChanges += f.statusChanges;
    totals.won += f.won;
    for (const s of CLOSING_STATUSES) totals.lost[s] += f.lost[s];
    conversations += k?.conversations ?? 0;
  }
  totals.avgTalkSeconds = conversations > 0 ? Math.round(totals.talkSeconds / conversations) : null;
  totals.conversionRate = ratio(totals.won, totals.leadsAssigned);
  return { byManager, totals };
}

function empty(): ManagerFiguresDto {
  return {
    leadsAssigned: 0,
    assignSeconds: NO_SAMPLES,
    firstContactSeconds: NO_SAMPLES,
    callsMade: 0,
    callsAnswered: 0,
    callsMissed: 0,
    talkSeconds: 0,
    avgTalkSeconds: null,
    statusChanges: 0,
    won: 0,
    lost: noLost(),
    conversionRate: null,
  };
}

const hasAny = (f: ManagerFiguresDto): boolean => f.leadsAssigned + f.callsMade + f.callsAnswered + f.callsMissed + f.statusChanges > 0;

/**
 * Managers side by side over `period` and over the period of equal length before it: one row per manager in the
 * user's scope (reportScope: 403 outside it), by name — inactive managers only when they have figures — and the
 * totals over the rows. See ManagerFiguresDto for what each figure counts.
 */
export async function getManagersStats(db: Queryable, user: SessionUser, period: Period, departmentId?: number): Promise<ManagersStatsDto> {
  const scope = reportScope(user, departmentId);
  const managers = await managersOf(db, scope);
  const previous = previousPeriod(period);
  const [now, before] = await Promise.all([figuresOf(db, period, managers), figuresOf(db, previous, managers)]);
  const rows = managers
    .map((m) => ({ m, f: now.byManager.get(m.id) ?? empty(), p: before.byManager.get(m.id) ?? empty() }))
    .filter(({ m, f, p }) => m.active || hasAny(f) || hasAny(p));
  return {
    ...presentPeriod(period),
    previous: presentPeriod(previous),
    managers: rows.map(({ m, f, p }) => ({ userId: m.id, name: m.name, departmentId: m.departmentId, ...f, previous: p })),
    totals: { ...now.totals, previous: before.totals },
  };
}

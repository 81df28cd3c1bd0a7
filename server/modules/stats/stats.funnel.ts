import { CLOSING_STATUSES, LEAD_STATUSES, type ClosingStatus } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { periodOf, type Period } from './period.js';
import { funnelFromRows, type FunnelCounts } from './stats.repo.js';

const DAY = 86_400_000;

/** The funnel of the leads that arrived on the UTC days [fromDay, toDay) (days since 1970), from `funnel_daily`. */
async function funnelFromRollup(db: Queryable, fromDay: number, toDay: number, departmentId?: number): Promise<FunnelCounts> {
  const qb = db('funnel_daily').where('day', '>=', fromDay).where('day', '<', toDay);
  if (departmentId !== undefined) void qb.where('department_id', departmentId);
  const rows: { furthest_step: number; closing: string; n: unknown }[] = await qb.groupBy('furthest_step', 'closing').select('furthest_step', 'closing', db.raw('sum(leads) as n'));
  const reached = LEAD_STATUSES.map(() => 0);
  const lost = Object.fromEntries(CLOSING_STATUSES.map((s) => [s, 0])) as Record<ClosingStatus, number>;
  for (const r of rows) {
    const n = Number(r.n);
    for (let step = 0; step <= Math.min(Number(r.furthest_step), reached.length - 1); step++) reached[step]! += n;
    if (r.closing in lost) lost[r.closing as ClosingStatus] += n;
  }
  return { reached, lost };
}

/**
 * Leads that arrived in the period (optionally of one department, of one owner): how many reached each pipeline
 * step or a later one and how many are closed now, by reason. Exact: the whole UTC days inside the period from
 * `funnel_daily` (migration `20261209000303_funnel_daily.ts`), the rest at its two ends from the leads; one
 * owner's funnel (a few thousand leads) is read from the leads.
 */
export async function funnelCounts(db: Queryable, period: Period, filter: { departmentId?: number; ownerId?: number }): Promise<FunnelCounts> {
  const firstDay = Math.ceil(period.from.getTime() / DAY);
  const endDay = Math.floor(period.to.getTime() / DAY);
  if (filter.ownerId !== undefined || firstDay >= endDay) return funnelFromRows(db, period, filter);
  const ends = [periodOf(period.from, new Date(firstDay * DAY)), periodOf(new Date(endDay * DAY), period.to)].filter((p) => p.to > p.from);
  const parts = await Promise.all([funnelFromRollup(db, firstDay, endDay, filter.departmentId), ...ends.map((p) => funnelFromRows(db, p, filter))]);
  return {
    reached: LEAD_STATUSES.map((_, i) => parts.reduce((sum, p) => sum + p.reached[i]!, 0)),
    lost: Object.fromEntries(CLOSING_STATUSES.map((s) => [s, parts.reduce((sum, p) => sum + p.lost[s], 0)])) as Record<ClosingStatus, number>,
  };
}

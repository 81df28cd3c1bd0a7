import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';

/**
 * SQL for the seconds from one stored timestamp column to another (fractional, negative when `end` is earlier),
 * in the dialect of this database. Column names are the caller's constants, never user input.
 */
export function secondsBetween(db: Queryable, start: string, end: string): string {
  return isSqlite(db) ? `((julianday(${end}) - julianday(${start})) * 86400.0)` : `(timestampdiff(microsecond, ${start}, ${end}) / 1000000.0)`;
}

/** A median and a 90th percentile in seconds; null when there is no sample. */
export interface Percentiles {
  median: number | null;
  p90: number | null;
}

export const NO_SAMPLES: Percentiles = { median: null, p90: null };
const LEVELS = { median: 0.5, p90: 0.9 } as const;

/** Linear interpolation between the closest ranks (as Excel's PERCENTILE.INC); `ranks` holds 0-based rank → value. */
function interpolate(ranks: Map<number, number>, count: number, p: number): number | null {
  if (count === 0) return null;
  const pos = Math.round(p * (count - 1) * 1e6) / 1e6;
  const lo = ranks.get(Math.floor(pos));
  const hi = ranks.get(Math.ceil(pos));
  if (lo === undefined || hi === undefined) return null;
  return Math.round(lo + (hi - lo) * (pos - Math.floor(pos)));
}

/**
 * The median and p90 of `d` per group `grp`, and over all rows, of a query that selects `grp` and `d` (rows with
 * a null `d` must be left out by it). Computed in the database with window functions: only the rows at the
 * ranks each percentile needs (at most three per level and group) travel to Leadline. Values are rounded to
 * whole seconds.
 */
export async function percentilesByGroup(db: Queryable, samples: Knex.QueryBuilder): Promise<{ byGroup: Map<number, Percentiles>; all: Percentiles }> {
  // Ranks within each group first, then over all rows, one window per level: MariaDB 10.11 computes a
  // `partition by` wrongly when a window of another order shares its select.
  const inGroups = db
    .from(samples.as('s'))
    .select('grp', 'd', db.raw('row_number() over (partition by grp order by d) - 1 as rn'), db.raw('count(*) over (partition by grp) as cnt'));
  const ranked = db
    .from(inGroups.as('g'))
    .select('grp', 'd', 'rn', 'cnt', db.raw('row_number() over (order by d, grp) - 1 as arn'), db.raw('count(*) over () as acnt'));
  const near = (rank: string, count: string) =>
    Object.values(LEVELS)
      .map((p) => `(${rank} >= ${p} * (${count} - 1) - 1 and ${rank} <= ${p} * (${count} - 1) + 1)`)
      .join(' or ');
  const rows: { grp: unknown; d: unknown; rn: unknown; cnt: unknown; arn: unknown; acnt: unknown }[] = await db
    .from(ranked.as('w'))
    .whereRaw(`${near('rn', 'cnt')} or ${near('arn', 'acnt')}`)
    .select('grp', 'd', 'rn', 'cnt', 'arn', 'acnt');

  const groups = new Map<number, { count: number; ranks: Map<number, number> }>();
  const all = { count: 0, ranks: new Map<number, number>() };
  for (const r of rows) {
    const grp = Number(r.grp);
    const d = Number(r.d);
    const g = groups.get(grp) ?? { count: Number(r.cnt), ranks: new Map<number, number>() };
    g.ranks.set(Number(r.rn), d);
    groups.set(grp, g);
    all.count = Number(r.acnt);
    all.ranks.set(Number(r.arn), d);
  }
  const of = (g: { count: number; ranks: Map<number, number> }): Percentiles => ({
    median: interpolate(g.ranks, g.count, LEVELS.median),
    p90: interpolate(g.ranks, g.count, LEVELS.p90),
  });
  return { byGroup: new Map([...groups].map(([grp, g]) => [grp, of(g)])), all: of(all) };
}

import { CLOSING_STATUSES, type ClosingStatus } from '../../api-types.js';
import { isSqlite, type Queryable } from '../../db/knex.js';
import type { Counts } from './stats.counts.js';

const SUMS = [
  'sum(assigned) as assigned',
  'sum(won) as won',
  ...CLOSING_STATUSES.map((s) => `sum(lost_${s}) as lost_${s}`),
  'sum(calls_made) as made',
  'sum(calls_answered) as answered',
  'sum(talk_seconds) as talk',
  'sum(conversations) as conversations',
  'sum(calls_missed) as missed',
  'sum(status_changes) as changes',
].join(', ');

const LOST_COLUMNS = CLOSING_STATUSES.map((s) => [s, `lost_${s}`] as const);

function countsOfRow(r: Record<string, unknown>): Counts {
  const lost = {} as Record<ClosingStatus, number>;
  for (const [s, column] of LOST_COLUMNS) lost[s] = Number(r[column] ?? 0);
  return {
    assigned: Number(r.assigned ?? 0),
    won: Number(r.won ?? 0),
    lost,
    made: Number(r.made ?? 0),
    answered: Number(r.answered ?? 0),
    talkSeconds: Number(r.talk ?? 0),
    conversations: Number(r.conversations ?? 0),
    missed: Number(r.missed ?? 0),
    statusChanges: Number(r.changes ?? 0),
  };
}

/** Counts of one person to add (`sign` 1) or take away (-1), on a day (days since 1970 UTC, of a local calendar) or none. */
export interface RollupSum {
  userId: number;
  day: number | null;
  sign: 1 | -1;
  counts: Counts;
}

const div = (db: Queryable, e: string) => (isSqlite(db) ? `(${e}) / 24` : `(${e}) div 24`);

/**
 * Sums of `stats_hourly` over the hours [fromHour, toHour) (hours since 1970 UTC), per person, or per person and
 * local day when `offsetHours` is given (the zone's whole-hour offset, constant over those hours). One range per
 * query: a range per person on the primary key (an `or` of ranges would scan the table).
 */
async function hourlySums(db: Queryable, fromHour: number, toHour: number, ids: number[], offsetHours?: number): Promise<RollupSum[]> {
  if (toHour <= fromHour) return [];
  const day = offsetHours === undefined ? null : div(db, `hour + ${offsetHours}`);
  const rows: Record<string, unknown>[] = await db('stats_hourly')
    .whereIn('user_id', ids)
    .where('hour', '>=', fromHour)
    .where('hour', '<', toHour)
    .groupBy(day === null ? ['user_id'] : ['user_id', db.raw(day)])
    .select('user_id', ...(day === null ? [] : [db.raw(`${day} as day`)]), db.raw(SUMS));
  return rows.map((r) => ({ userId: Number(r.user_id), day: r.day === undefined ? null : Number(r.day), sign: 1, counts: countsOfRow(r) }));
}

/** Sums of `stats_daily` over UTC days [fromDay, toDay), per person, or per person and day. */
async function dailySums(db: Queryable, fromDay: number, toDay: number, ids: number[], perDay: boolean): Promise<RollupSum[]> {
  const rows: Record<string, unknown>[] = await db('stats_daily')
    .whereIn('user_id', ids)
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .groupBy(perDay ? ['user_id', 'day'] : ['user_id'])
    .select('user_id', ...(perDay ? ['day'] : []), db.raw(SUMS));
  return rows.map((r) => ({ userId: Number(r.user_id), day: perDay ? Number(r.day) : null, sign: 1, counts: countsOfRow(r) }));
}

/**
 * The hours of the UTC days [fromDay, toDay) that belong to the neighbouring local day of a zone `offsetHours`
 * ahead of UTC (the last `offset` hours of each UTC day when ahead, the first `-offset` when behind): taken away
 * from their UTC day and added to that local day.
 */
async function movedHours(db: Queryable, fromDay: number, toDay: number, ids: number[], offsetHours: number): Promise<RollupSum[]> {
  if (offsetHours === 0) return [];
  // The hours themselves (a few per day), each a point on the primary key.
  const hours: number[] = [];
  for (let d = fromDay; d < toDay; d++) {
    if (offsetHours > 0) for (let h = 24 - offsetHours; h < 24; h++) hours.push(d * 24 + h);
    else for (let h = 0; h < -offsetHours; h++) hours.push(d * 24 + h);
  }
  const qb = db('stats_hourly').whereIn('user_id', ids).whereIn('hour', hours);
  const day = div(db, 'hour');
  const rows: Record<string, unknown>[] = await qb.groupBy(['user_id', db.raw(day)]).select('user_id', db.raw(`${day} as day`), db.raw(SUMS));
  const step = offsetHours > 0 ? 1 : -1;
  return rows.flatMap((r) => {
    const [userId, utcDay, counts] = [Number(r.user_id), Number(r.day), countsOfRow(r)];
    return [
      { userId, day: utcDay, sign: -1 as const, counts },
      { userId, day: utcDay + step, sign: 1 as const, counts },
    ];
  });
}

/**
 * Every counted figure of `ids` over the whole hours [fromHour, toHour): the whole UTC days inside from
 * `stats_daily`, the hours at both ends from `stats_hourly`. With `offsetHours` (a zone's whole-hour offset,
 * constant over those hours) per local day: a UTC day's sums go to the local day of the same date, and the few
 * hours of it that lie in the neighbouring local day move there (`movedHours`). Sums with sign -1 are taken away.
 */
export async function rollupSums(db: Queryable, fromHour: number, toHour: number, ids: number[], offsetHours?: number): Promise<RollupSum[]> {
  const firstDay = Math.ceil(fromHour / 24);
  const endDay = Math.floor(toHour / 24);
  if (firstDay >= endDay) return hourlySums(db, fromHour, toHour, ids, offsetHours);
  const parts = await Promise.all([
    hourlySums(db, fromHour, firstDay * 24, ids, offsetHours),
    hourlySums(db, endDay * 24, toHour, ids, offsetHours),
    dailySums(db, firstDay, endDay, ids, offsetHours !== undefined),
    offsetHours === undefined ? [] : movedHours(db, firstDay, endDay, ids, offsetHours),
  ]);
  return parts.flat();
}

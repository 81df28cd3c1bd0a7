import type { Knex } from 'knex';
import { STATS_HOURLY_COUNTERS } from './20261208000401_stats_hourly.js';

type Dialect = 'sqlite' | 'mysql';
const dialectOf = (knex: Knex): Dialect => (knex.client.config.client === 'better-sqlite3' ? 'sqlite' : 'mysql');
const C = STATS_HOURLY_COUNTERS;

/** Whole days since 1970-01-01 UTC of an hour of `stats_hourly` (hours are never negative). */
const dayOf = (d: Dialect, hour: string) => (d === 'sqlite' ? `${hour} / 24` : `${hour} div 24`);

/** Adds `values` (one expression per counter) to the day row of (user, day). */
function addTo(d: Dialect, user: string, day: string, values: string[]): string {
  const insert = `insert into stats_daily (user_id, day, ${C.join(', ')}) values (${user}, ${day}, ${values.join(', ')})`;
  return d === 'sqlite'
    ? `${insert} on conflict (user_id, day) do update set ${C.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
    : `${insert} on duplicate key update ${C.map((c) => `stats_daily.${c} = stats_daily.${c} + values(${c})`).join(', ')}`;
}

const TRIGGERS = (d: Dialect): { name: string; event: string; body: string[] }[] => [
  { name: 'stats_daily_hourly_insert', event: 'after insert on stats_hourly', body: [addTo(d, 'new.user_id', dayOf(d, 'new.hour'), C.map((c) => `new.${c}`))] },
  {
    name: 'stats_daily_hourly_update',
    event: 'after update on stats_hourly',
    body: [addTo(d, 'old.user_id', dayOf(d, 'old.hour'), C.map((c) => `-old.${c}`)), addTo(d, 'new.user_id', dayOf(d, 'new.hour'), C.map((c) => `new.${c}`))],
  },
  { name: 'stats_daily_hourly_delete', event: 'after delete on stats_hourly', body: [addTo(d, 'old.user_id', dayOf(d, 'old.hour'), C.map((c) => `-old.${c}`))] },
];

/**
 * `stats_daily`: the sums of `stats_hourly` per person and UTC day (`day`: whole days since 1970-01-01 UTC, the
 * hours `24·day … 24·day + 23`), so a report of a quarter reads 90 rows per person instead of 2,160. Exact at every
 * commit: triggers on `stats_hourly` add each change of an hour's counters to its day in the same statement (the
 * hourly rollup is itself written by the triggers on leads, calls and history). Filled from `stats_hourly`.
 */
export async function up(knex: Knex): Promise<void> {
  const d = dialectOf(knex);
  const counters = C.map((c) => `${c} ${d === 'sqlite' ? 'integer' : 'bigint'} not null default 0`).join(', ');
  await knex.raw(
    d === 'sqlite'
      ? `create table stats_daily (user_id integer not null, day integer not null, ${counters}, primary key (user_id, day)) without rowid`
      : `create table stats_daily (user_id int unsigned not null, day int not null, ${counters}, primary key (user_id, day))`,
  );
  await knex.raw(
    `insert into stats_daily (user_id, day, ${C.join(', ')}) select user_id, ${dayOf(d, 'hour')}, ${C.map((c) => `sum(${c})`).join(', ')} from stats_hourly group by user_id, ${dayOf(d, 'hour')}`,
  );
  for (const t of TRIGGERS(d)) {
    const statements = t.body.map((s) => `${s};`).join(' ');
    await knex.raw(`create trigger ${t.name} ${t.event} for each row begin ${statements} end`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TRIGGERS(dialectOf(knex))) await knex.raw(`drop trigger if exists ${t.name}`);
  await knex.schema.dropTableIfExists('stats_daily');
}

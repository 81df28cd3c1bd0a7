import type { Knex } from 'knex';

/** Copies (a migration never changes when the app's lists do). */
const CLOSING = ['rejected_not_needed', 'refused_self', 'refused_price_competitor', 'postponed', 'refused_no_money'];
const WON_STEP = 5; // contract_signed

/** The counters of `stats_hourly`, in order. */
export const STATS_HOURLY_COUNTERS = [
  'assigned',
  'won',
  ...CLOSING.map((s) => `lost_${s}`),
  'calls_made',
  'calls_answered',
  'conversations',
  'talk_seconds',
  'calls_missed',
  'status_changes',
] as const;
type Counter = (typeof STATS_HOURLY_COUNTERS)[number];

type Dialect = 'sqlite' | 'mysql';
const dialectOf = (knex: Knex): Dialect => (knex.client.config.client === 'better-sqlite3' ? 'sqlite' : 'mysql');

/** Whole hours since 1970-01-01 00:00 UTC of a stored moment (the stored moments are UTC). */
const hourOf = (d: Dialect, column: string) =>
  d === 'sqlite' ? `(cast(strftime('%s', ${column}) as integer) / 3600)` : `timestampdiff(hour, '1970-01-01 00:00:00', ${column})`;
const isNot = (d: Dialect, a: string, b: string) => (d === 'sqlite' ? `${a} is not ${b}` : `not (${a} <=> ${b})`);
const flag = (condition: string) => `(case when ${condition} then 1 else 0 end)`;

/**
 * An upsert that adds counts to the hours they belong to: `select` gives user_id, hour, then the named counters
 * (the others add 0); an existing (user, hour) row grows by them.
 */
function addTo(d: Dialect, p: { user: string; hour: string; counts: Partial<Record<Counter, string>>; from?: string; where: string; groupBy?: string }): string {
  const values = STATS_HOURLY_COUNTERS.map((c) => p.counts[c] ?? '0');
  const select = `select ${p.user}, ${p.hour}, ${values.join(', ')}${p.from ? ` from ${p.from}` : d === 'mysql' ? ' from dual' : ''} where ${p.where}${p.groupBy ? ` group by ${p.groupBy}` : ''}`;
  const insert = `insert into stats_hourly (user_id, hour, ${STATS_HOURLY_COUNTERS.join(', ')}) ${select}`;
  return d === 'sqlite'
    ? `${insert} on conflict (user_id, hour) do update set ${STATS_HOURLY_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
    : `${insert} on duplicate key update ${STATS_HOURLY_COUNTERS.map((c) => `stats_hourly.${c} = stats_hourly.${c} + values(${c})`).join(', ')}`;
}

const times = (sign: 1 | -1, e: string) => (sign === 1 ? e : `-${e}`);

/** What one lead (row `r`: new/old) adds to its owner's hour of first assignment: it, won, lost by reason. */
const leadCohort = (d: Dialect, r: string, sign: 1 | -1) =>
  addTo(d, {
    user: `${r}.owner_id`,
    hour: hourOf(d, `${r}.assigned_at`),
    counts: {
      assigned: times(sign, '1'),
      won: times(sign, flag(`${r}.furthest_step >= ${WON_STEP}`)),
      ...Object.fromEntries(CLOSING.map((s) => [`lost_${s}`, times(sign, flag(`${r}.status = '${s}'`))])),
    },
    where: `${r}.owner_id is not null and ${r}.assigned_at is not null`,
  });

const MISSED = (c: string) => `${c}.direction = 'inbound' and ${c}.disposition is not null and ${c}.disposition <> 'answered'`;

/** The lead's missed inbound calls, counted for its owner (row `r` of leads) at each call's hour. */
const leadMissed = (d: Dialect, r: string, sign: 1 | -1) =>
  addTo(d, {
    user: `${r}.owner_id`,
    hour: hourOf(d, 'c.started_at'),
    counts: { calls_missed: times(sign, 'count(*)') },
    from: 'calls c',
    where: `c.lead_id = ${r}.id and ${r}.owner_id is not null and ${MISSED('c')}`,
    groupBy: hourOf(d, 'c.started_at'),
  });

/** What one call (row `r`) adds to the person who took it. */
const callTaken = (d: Dialect, r: string, sign: 1 | -1) =>
  addTo(d, {
    user: `${r}.user_id`,
    hour: hourOf(d, `${r}.started_at`),
    counts: {
      calls_made: times(sign, flag(`${r}.direction = 'outbound'`)),
      calls_answered: times(sign, flag(`${r}.direction = 'inbound' and ${r}.disposition = 'answered'`)),
      conversations: times(sign, flag(`${r}.talk_seconds > 0`)),
      talk_seconds: times(sign, `coalesce(${r}.talk_seconds, 0)`),
    },
    where: `${r}.user_id is not null`,
  });

/** A missed call (row `r`) counted for its lead's owner. */
const callMissed = (d: Dialect, r: string, sign: 1 | -1) =>
  addTo(d, {
    user: 'l.owner_id',
    hour: hourOf(d, `${r}.started_at`),
    counts: { calls_missed: times(sign, '1') },
    from: 'leads l',
    where: `l.id = ${r}.lead_id and l.owner_id is not null and ${MISSED(r)}`,
  });

const statusChange = (d: Dialect, r: string, sign: 1 | -1) =>
  addTo(d, { user: `${r}.actor_id`, hour: hourOf(d, `${r}.created_at`), counts: { status_changes: times(sign, '1') }, where: `${r}.action = 'status' and ${r}.actor_id is not null` });

interface Trigger {
  name: string;
  /** `after insert on leads`, … */
  event: string;
  /** SQLite's `when` / the MariaDB body's `if`. */
  when?: (d: Dialect) => string;
  body: (d: Dialect) => string[];
}

const LEAD_COHORT_COLUMNS = ['owner_id', 'assigned_at', 'furthest_step', 'status'];

const TRIGGERS: Trigger[] = [
  { name: 'stats_hourly_lead_insert', event: 'after insert on leads', body: (d) => [leadCohort(d, 'new', 1)] },
  {
    name: 'stats_hourly_lead_update',
    event: `after update of ${LEAD_COHORT_COLUMNS.join(', ')} on leads`,
    when: (d) => LEAD_COHORT_COLUMNS.map((c) => isNot(d, `old.${c}`, `new.${c}`)).join(' or '),
    body: (d) => [leadCohort(d, 'old', -1), leadCohort(d, 'new', 1)],
  },
  {
    name: 'stats_hourly_lead_owner',
    event: 'after update of owner_id on leads',
    when: (d) => isNot(d, 'old.owner_id', 'new.owner_id'),
    body: (d) => [leadMissed(d, 'old', -1), leadMissed(d, 'new', 1)],
  },
  { name: 'stats_hourly_lead_delete', event: 'after delete on leads', body: (d) => [leadCohort(d, 'old', -1)] },
  { name: 'stats_hourly_call_insert', event: 'after insert on calls', body: (d) => [callTaken(d, 'new', 1), callMissed(d, 'new', 1)] },
  { name: 'stats_hourly_call_update', event: 'after update on calls', body: (d) => [callTaken(d, 'old', -1), callMissed(d, 'old', -1), callTaken(d, 'new', 1), callMissed(d, 'new', 1)] },
  { name: 'stats_hourly_call_delete', event: 'after delete on calls', body: (d) => [callTaken(d, 'old', -1), callMissed(d, 'old', -1)] },
  { name: 'stats_hourly_history_insert', event: 'after insert on lead_history', when: () => `new.action = 'status'`, body: (d) => [statusChange(d, 'new', 1)] },
  { name: 'stats_hourly_history_delete', event: 'after delete on lead_history', when: () => `old.action = 'status'`, body: (d) => [statusChange(d, 'old', -1)] },
];

function createTrigger(d: Dialect, t: Trigger): string {
  const statements = t.body(d).map((s) => `${s};`);
  if (d === 'sqlite') return `create trigger ${t.name} ${t.event} for each row${t.when ? ` when ${t.when(d)}` : ''} begin ${statements.join(' ')} end`;
  // MariaDB/MySQL: no column list on `after update`, no `when`: an `if` in the body.
  const event = t.event.replace(/ of [a-z_, ]+ on /, ' on ');
  const body = t.when ? `if ${t.when(d)} then ${statements.join(' ')} end if;` : statements.join(' ');
  return `create trigger ${t.name} ${event} for each row begin ${body} end`;
}

/** The triggers' SQL for this database (the stats benchmark drops them for its bulk load and puts them back). */
export function statsHourlyTriggers(knex: Knex): { name: string; sql: string }[] {
  const d = dialectOf(knex);
  return TRIGGERS.map((t) => ({ name: t.name, sql: createTrigger(d, t) }));
}

/** Fills `stats_hourly` from the leads, calls and history (an empty table; the triggers keep it from then on). */
export async function fillStatsHourly(knex: Knex): Promise<void> {
  const d = dialectOf(knex);
  const grouped = (p: Parameters<typeof addTo>[1]) => addTo(d, p);
  await knex.raw(
    grouped({
      user: 'owner_id',
      hour: hourOf(d, 'assigned_at'),
      counts: {
        assigned: 'count(*)',
        won: `sum(${flag(`furthest_step >= ${WON_STEP}`)})`,
        ...Object.fromEntries(CLOSING.map((s) => [`lost_${s}`, `sum(${flag(`status = '${s}'`)})`])),
      },
      from: 'leads',
      where: 'owner_id is not null and assigned_at is not null',
      groupBy: `owner_id, ${hourOf(d, 'assigned_at')}`,
    }),
  );
  await knex.raw(
    grouped({
      user: 'c.user_id',
      hour: hourOf(d, 'c.started_at'),
      counts: {
        calls_made: `sum(${flag(`c.direction = 'outbound'`)})`,
        calls_answered: `sum(${flag(`c.direction = 'inbound' and c.disposition = 'answered'`)})`,
        conversations: `sum(${flag('c.talk_seconds > 0')})`,
        talk_seconds: 'sum(coalesce(c.talk_seconds, 0))',
      },
      from: 'calls c',
      where: 'c.user_id is not null',
      groupBy: `c.user_id, ${hourOf(d, 'c.started_at')}`,
    }),
  );
  await knex.raw(
    grouped({
      user: 'l.owner_id',
      hour: hourOf(d, 'c.started_at'),
      counts: { calls_missed: 'count(*)' },
      from: 'calls c join leads l on l.id = c.lead_id',
      where: `l.owner_id is not null and ${MISSED('c')}`,
      groupBy: `l.owner_id, ${hourOf(d, 'c.started_at')}`,
    }),
  );
  await knex.raw(
    grouped({
      user: 'actor_id',
      hour: hourOf(d, 'created_at'),
      counts: { status_changes: 'count(*)' },
      from: 'lead_history',
      where: `action = 'status' and actor_id is not null`,
      groupBy: `actor_id, ${hourOf(d, 'created_at')}`,
    }),
  );
}

/**
 * Reports' counters per person and hour (`hour`: whole hours since 1970-01-01 UTC), exact at every commit: triggers
 * add each lead, call and status change to its hour in the statement that writes it, and move them when a lead's
 * owner, status or first assignment changes. A lead counts for its current owner at the hour of its first
 * assignment (assigned, won, lost by reason), a call for who took it at the hour it began (made, answered, talk),
 * a missed inbound call for its lead's current owner, a status change for who made it. A report sums the whole
 * hours of its period here and reads the minutes at its ends from the rows themselves.
 */
export async function up(knex: Knex): Promise<void> {
  const d = dialectOf(knex);
  const counters = STATS_HOURLY_COUNTERS.map((c) => `${c} ${d === 'sqlite' ? 'integer' : 'bigint'} not null default 0`).join(', ');
  await knex.raw(
    d === 'sqlite'
      ? `create table stats_hourly (user_id integer not null, hour integer not null, ${counters}, primary key (user_id, hour)) without rowid`
      : `create table stats_hourly (user_id int unsigned not null, hour int not null, ${counters}, primary key (user_id, hour))`,
  );
  await fillStatsHourly(knex);
  for (const t of statsHourlyTriggers(knex)) await knex.raw(t.sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TRIGGERS) await knex.raw(`drop trigger if exists ${t.name}`);
  await knex.schema.dropTableIfExists('stats_hourly');
}

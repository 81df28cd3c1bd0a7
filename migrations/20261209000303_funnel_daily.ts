import type { Knex } from 'knex';

/** A copy (a migration never changes when the app's list does). */
const CLOSING = ['rejected_not_needed', 'refused_self', 'refused_price_competitor', 'postponed', 'refused_no_money'];

type Dialect = 'sqlite' | 'mysql';
const dialectOf = (knex: Knex): Dialect => (knex.client.config.client === 'better-sqlite3' ? 'sqlite' : 'mysql');

/** Whole days since 1970-01-01 UTC of a stored moment (the stored moments are UTC). */
const dayOf = (d: Dialect, column: string) =>
  d === 'sqlite' ? `(cast(strftime('%s', ${column}) as integer) / 86400)` : `timestampdiff(day, '1970-01-01 00:00:00', ${column})`;
/** The key of a lead (row `r`): its department (0: none), day of arrival, furthest step, closing reason ('' if open). */
const key = (d: Dialect, r: string) => [`coalesce(${r}.department_id, 0)`, dayOf(d, `${r}.created_at`), `${r}.furthest_step`, `case when ${r}.status in (${CLOSING.map((s) => `'${s}'`).join(', ')}) then ${r}.status else '' end`];

function addTo(d: Dialect, r: string, sign: 1 | -1): string {
  const insert = `insert into funnel_daily (department_id, day, furthest_step, closing, leads) values (${key(d, r).join(', ')}, ${sign})`;
  return d === 'sqlite'
    ? `${insert} on conflict (day, department_id, furthest_step, closing) do update set leads = leads + excluded.leads`
    : `${insert} on duplicate key update funnel_daily.leads = funnel_daily.leads + values(leads)`;
}

const COLUMNS = ['created_at', 'department_id', 'furthest_step', 'status'];
const isNot = (d: Dialect, a: string, b: string) => (d === 'sqlite' ? `${a} is not ${b}` : `not (${a} <=> ${b})`);

function triggers(d: Dialect): { name: string; sql: string }[] {
  const changed = COLUMNS.map((c) => isNot(d, `old.${c}`, `new.${c}`)).join(' or ');
  const update =
    d === 'sqlite'
      ? `create trigger funnel_daily_lead_update after update of ${COLUMNS.join(', ')} on leads for each row when ${changed} begin ${addTo(d, 'old', -1)}; ${addTo(d, 'new', 1)}; end`
      : `create trigger funnel_daily_lead_update after update on leads for each row begin if ${changed} then ${addTo(d, 'old', -1)}; ${addTo(d, 'new', 1)}; end if; end`;
  return [
    { name: 'funnel_daily_lead_insert', sql: `create trigger funnel_daily_lead_insert after insert on leads for each row begin ${addTo(d, 'new', 1)}; end` },
    { name: 'funnel_daily_lead_update', sql: update },
    { name: 'funnel_daily_lead_delete', sql: `create trigger funnel_daily_lead_delete after delete on leads for each row begin ${addTo(d, 'old', -1)}; end` },
  ];
}

/** Fills `funnel_daily` afresh from the leads (the stats benchmark calls it after its bulk load without triggers). */
export async function fillFunnelDaily(knex: Knex): Promise<void> {
  const d = dialectOf(knex);
  const k = key(d, 'l');
  await knex.raw('delete from funnel_daily');
  await knex.raw(`insert into funnel_daily (department_id, day, furthest_step, closing, leads) select ${k.join(', ')}, count(*) from leads l group by ${k.join(', ')}`);
}

/**
 * `funnel_daily`: the leads per UTC day of arrival (`day`: whole days since 1970-01-01 UTC), department (0: none),
 * furthest pipeline step they reached and closing reason they have now ('' when not closed), so a funnel over a
 * quarter sums a few thousand rows instead of reading a hundred thousand leads. Exact at every commit: triggers on
 * `leads` move a lead between its keys in the statement that changes it. Filled from the leads.
 */
export async function up(knex: Knex): Promise<void> {
  const d = dialectOf(knex);
  await knex.raw(
    d === 'sqlite'
      ? `create table funnel_daily (day integer not null, department_id integer not null, furthest_step integer not null, closing text not null, leads integer not null default 0, primary key (day, department_id, furthest_step, closing)) without rowid`
      : `create table funnel_daily (day int not null, department_id int unsigned not null, furthest_step tinyint not null, closing varchar(32) not null, leads bigint not null default 0, primary key (day, department_id, furthest_step, closing))`,
  );
  await fillFunnelDaily(knex);
  for (const t of triggers(d)) await knex.raw(t.sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of triggers(dialectOf(knex))) await knex.raw(`drop trigger if exists ${t.name}`);
  await knex.schema.dropTableIfExists('funnel_daily');
}

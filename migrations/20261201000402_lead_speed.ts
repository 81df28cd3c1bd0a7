import type { Knex } from 'knex';

const SQLITE_MS = (start: string, end: string) => `cast(round((julianday(${end}) - julianday(${start})) * 86400000) as integer)`;
const MYSQL_MS = (start: string, end: string) => `(timestampdiff(microsecond, ${start}, ${end}) div 1000)`;

/**
 * Speed to lead, kept on each lead in milliseconds so that reports sort integers instead of parsing timestamps:
 * `assign_ms` (arrival → first assignment) and `first_contact_ms` (first assignment → first contact), null until
 * both moments exist. The database keeps them exact in the statement that writes the moments — stored generated
 * columns on MariaDB/MySQL, triggers on SQLite (which cannot add a stored generated column to a table) — so every
 * writer, present and future, keeps them right. Index `leads_owner_assigned` lets a report read them, and
 * count the leads first assigned in a period, by owner and period alone.
 */
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'better-sqlite3') {
    await knex.schema.alterTable('leads', (t) => {
      t.bigInteger('assign_ms').nullable();
      t.bigInteger('first_contact_ms').nullable();
    });
    const set = `assign_ms = ${SQLITE_MS('created_at', 'assigned_at')}, first_contact_ms = ${SQLITE_MS('assigned_at', 'first_contact_at')}`;
    await knex.raw(`update leads set ${set} where assigned_at is not null`);
    await knex.raw(`create trigger leads_speed_insert after insert on leads when new.assigned_at is not null begin update leads set ${set} where id = new.id; end`);
    await knex.raw(`create trigger leads_speed_update after update of created_at, assigned_at, first_contact_at on leads begin update leads set ${set} where id = new.id; end`);
  } else {
    await knex.raw(
      `alter table leads add column assign_ms bigint as (${MYSQL_MS('created_at', 'assigned_at')}) stored, add column first_contact_ms bigint as (${MYSQL_MS('assigned_at', 'first_contact_at')}) stored`,
    );
  }
  // Owner first: a report asks for a few owners over a period, and a planner without statistics must not
  // prefer the older (owner_id, created_at) index and read every lead those owners ever had.
  await knex.schema.alterTable('leads', (t) => {
    t.index(['owner_id', 'assigned_at', 'furthest_step', 'status', 'assign_ms', 'first_contact_ms'], 'leads_owner_assigned');
    t.dropIndex([], 'leads_assigned_report');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.index(['assigned_at', 'owner_id', 'created_at', 'first_contact_at', 'furthest_step', 'status'], 'leads_assigned_report');
    t.dropIndex([], 'leads_owner_assigned');
  });
  if (knex.client.config.client === 'better-sqlite3') {
    await knex.raw('drop trigger if exists leads_speed_insert');
    await knex.raw('drop trigger if exists leads_speed_update');
  }
  await knex.schema.alterTable('leads', (t) => {
    t.dropColumn('first_contact_ms');
    t.dropColumn('assign_ms');
  });
}

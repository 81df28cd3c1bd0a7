import type { Knex } from 'knex';

/**
 * The activity feed reads a person's calls newest first (`started_at` ↓, `id` ↓), 50 at a time. MariaDB/MySQL
 * cannot read that order from `calls_user_report` (user, started_at, direction, …: the id comes after the other
 * columns), so it sorted every call the person ever took (tens of thousands) for each page; `(user_id, started_at)`
 * (InnoDB appends the id) gives it in order. SQLite sorts only the rows of one moment there and needs none.
 */
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'better-sqlite3') return;
  await knex.schema.alterTable('calls', (t) => t.index(['user_id', 'started_at'], 'calls_user_started'));
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'better-sqlite3') return;
  await knex.schema.alterTable('calls', (t) => t.dropIndex(['user_id', 'started_at'], 'calls_user_started'));
}

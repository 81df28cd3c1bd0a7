import type { Knex } from 'knex';

/**
 * Re-distribution after the first-contact deadline: one row per lead and round, unique, written in the same
 * transaction as the new assignment. Whoever inserts it first (a restart, another instance) does the round; the
 * others get a unique violation and leave the lead alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('lead_redistributions', (t) => {
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.integer('round').unsigned().notNullable(); // 1 … maxRedistributions
    t.datetime('at', { precision: 3 }).notNullable();
    t.primary(['lead_id', 'round']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('lead_redistributions');
}

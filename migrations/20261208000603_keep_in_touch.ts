import type { Knex } from 'knex';

/**
 * Keep in touch: one row per client and occasion the owner was reminded of — `kind` quiet (no order since `on_day`,
 * the last order), birthday or anniversary (of the first order; `on_day` the date it falls on). Unique, written in the
 * transaction that leaves the reminder: whoever inserts it first (a restart, another instance) reminds; the others
 * get a unique violation and leave it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('keep_in_touch_reminders', (t) => {
    t.integer('client_id').unsigned().notNullable().references('clients.id').onDelete('CASCADE');
    t.string('kind', 16).notNullable();
    t.date('on_day').notNullable();
    t.datetime('at', { precision: 3 }).notNullable();
    t.primary(['client_id', 'kind', 'on_day']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('keep_in_touch_reminders');
}

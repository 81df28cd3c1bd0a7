import type { Knex } from 'knex';

/**
 * Who has a tab open, shared by every instance on one database: a row per user and instance (`instance`, random per
 * process start) while a tab of theirs is connected there (or closed less than the offline grace ago), its `expires_at`
 * pushed forward by the instance's heartbeat. A crashed instance's rows simply expire.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('presence_online', (t) => {
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('instance', 36).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.primary(['user_id', 'instance']);
    t.index(['expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('presence_online');
}

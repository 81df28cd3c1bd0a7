import type { Knex } from 'knex';

/** Each person's language (null: the install's DEFAULT_LOCALE). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.string('locale', 8).nullable());
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.dropColumn('locale'));
}

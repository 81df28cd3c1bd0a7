import type { Knex } from 'knex';

/**
 * Each person's language, and each website's (the pages its visitors see after posting a form, the snippet's
 * texts); null: the install's DEFAULT_LOCALE. System tasks keep their text as a key and values, translated for
 * whoever reads them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => t.string('locale', 8).nullable());
  await knex.schema.alterTable('sites', (t) => t.string('locale', 8).nullable());
  await knex.schema.alterTable('reminders', (t) => {
    t.string('text_key', 64).nullable();
    t.string('text_params', 1000).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reminders', (t) => {
    t.dropColumn('text_params');
    t.dropColumn('text_key');
  });
  await knex.schema.alterTable('sites', (t) => t.dropColumn('locale'));
  await knex.schema.alterTable('users', (t) => t.dropColumn('locale'));
}

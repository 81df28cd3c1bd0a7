import type { Knex } from 'knex';

/**
 * A department's version, as leads and clients have one: the dialog sends the version it showed, and a save made on
 * an older one is refused (409) instead of putting back settings someone changed since.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('departments', (t) => {
    t.integer('version').unsigned().notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('departments', (t) => {
    t.dropColumn('version');
  });
}

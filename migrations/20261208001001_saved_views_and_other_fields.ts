import type { Knex } from 'knex';

/**
 * A person's saved views of the lead list (a name and the list's query string, at most a few dozen per user), and the
 * form fields a website sent that Leadline has no column for, kept on the lead as JSON (bounded by the intake).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saved_views', (t) => {
    t.increments('id').primary();
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('name', 80).notNullable();
    t.string('query', 2000).notNullable(); // the list's filters and order as a URL query string
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['user_id', 'id']);
  });
  await knex.schema.alterTable('leads', (t) => {
    t.text('other_fields').nullable(); // JSON object: field name → text
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.dropColumn('other_fields');
  });
  await knex.schema.dropTableIfExists('saved_views');
}

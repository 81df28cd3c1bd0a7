import type { Knex } from 'knex';

/**
 * Client base import: a client keeps the ID another system (1C, a spreadsheet) knows it by, unique within its
 * department, so a second import of the same file updates instead of duplicating; its manager (`owner_id`, who
 * sees a client that has no leads yet); what its order history says (count and amount, as imported). `imports`
 * holds one uploaded file and the outcome of running it.
 */
export async function up(knex: Knex): Promise<void> {
  if (knex.client.config.client === 'better-sqlite3') {
    // SQLite adds a nullable column with its foreign key in place; knex's `.references()` here would copy the table,
    // and dropping the old `clients` fails on the leads that point at it.
    await knex.raw('alter table clients add column owner_id integer null references users(id)');
  } else {
    await knex.schema.alterTable('clients', (t) => void t.integer('owner_id').unsigned().nullable().references('users.id'));
  }
  await knex.schema.alterTable('clients', (t) => {
    t.string('external_id', 100).nullable();
    t.integer('orders_count').nullable();
    t.decimal('orders_amount', 14, 2).nullable();
    t.unique(['department_id', 'external_id'], { indexName: 'clients_department_external_id' });
    t.index(['owner_id'], 'clients_owner');
  });
  await knex.schema.createTable('imports', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id');
    t.string('file_name', 255).notNullable();
    t.string('storage_key', 64).notNullable();
    t.string('status', 16).notNullable(); // uploaded | running | done | failed
    t.integer('total').notNullable().defaultTo(0);
    t.integer('done').notNullable().defaultTo(0);
    t.integer('created').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('skipped').notNullable().defaultTo(0);
    t.text('problems', 'longtext').nullable(); // JSON array of {row, field, code, message}
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['user_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('imports');
  await knex.schema.alterTable('clients', (t) => {
    t.dropUnique(['department_id', 'external_id'], 'clients_department_external_id');
    t.dropIndex(['owner_id'], 'clients_owner');
    t.dropForeign(['owner_id']);
    t.dropColumn('external_id');
    t.dropColumn('owner_id');
    t.dropColumn('orders_count');
    t.dropColumn('orders_amount');
  });
}

import type { Knex } from 'knex';

/**
 * A lead's deal amount once its contract is signed (`amount`, in the currency's main units with two decimals, and
 * `currency`, ISO 4217), and a department's default currency for new amounts (null: DEFAULT_CURRENCY).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.decimal('amount', 14, 2).nullable();
    t.string('currency', 3).nullable();
  });
  await knex.schema.alterTable('departments', (t) => void t.string('currency', 3).nullable());
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('departments', (t) => void t.dropColumn('currency'));
  await knex.schema.alterTable('leads', (t) => {
    t.dropColumn('amount');
    t.dropColumn('currency');
  });
}

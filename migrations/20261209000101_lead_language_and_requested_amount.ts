import type { Knex } from 'knex';

/**
 * What a website's form says of the request beyond its words: the client's language (`language`, ISO 639-1, `ru`)
 * and the amount they named (`requested_amount` in the currency's main units, `requested_currency` ISO 4217). The
 * stated amount is the client's wish at intake, apart from the deal `amount` that a signed contract sets.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.string('language', 2).nullable();
    t.decimal('requested_amount', 14, 2).nullable();
    t.string('requested_currency', 3).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.dropColumn('requested_currency');
    t.dropColumn('requested_amount');
    t.dropColumn('language');
  });
}

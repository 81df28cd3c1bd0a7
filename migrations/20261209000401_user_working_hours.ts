import type { Knex } from 'knex';

/**
 * A manager's own working hours (a part-time or evening shift, another time zone): JSON `{timeZone, days, from, to}`
 * as a department's hours are given; null keeps the department's. The automatic distribution gives a lead only to a
 * manager inside their hours.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('working_hours', 400).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('working_hours');
  });
}

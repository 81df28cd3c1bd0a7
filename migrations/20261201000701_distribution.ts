import type { Knex } from 'knex';

/**
 * Automatic distribution of new leads: each department's settings (no row: manual), one turn row per manager of the
 * fair pool, and every decision kept on its lead. `department_distribution` is also the row a deciding transaction
 * locks (`select … for update`), so two instances on one MariaDB never choose the same manager for two leads at once.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('department_distribution', (t) => {
    t.integer('department_id').unsigned().primary().references('departments.id').onDelete('CASCADE');
    t.string('mode', 8).notNullable(); // manual | auto
    t.text('settings').notNullable(); // JSON: rules, fairPool, capOpenNew, redistributeAfterMinutes, maxRedistributions
    t.bigInteger('turn').notNullable().defaultTo(0); // decisions made so far; bumped under the row lock
  });
  await knex.schema.createTable('distribution_turns', (t) => {
    t.integer('user_id').unsigned().primary().references('users.id').onDelete('CASCADE');
    t.double('pass').notNullable(); // the fair pool's stride position: lowest goes next
    t.bigInteger('last_turn').notNullable(); // the department's turn when they last got a lead: ties go to the lower
    t.datetime('last_lead_at', { precision: 3 }).notNullable();
  });
  await knex.schema.createTable('lead_distribution', (t) => {
    t.increments('id');
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.datetime('at', { precision: 3 }).notNullable();
    t.string('decision', 16).notNullable(); // owner | rule | pool | inbox
    t.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL');
    t.text('reasons').notNullable(); // JSON: [{code, params}]
    t.index(['lead_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('lead_distribution');
  await knex.schema.dropTableIfExists('distribution_turns');
  await knex.schema.dropTableIfExists('department_distribution');
}

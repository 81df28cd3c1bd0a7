import type { Knex } from 'knex';

/**
 * Instant callback: each department's setting (no row: off) and every attempt to connect a manager with a new web
 * lead's client. An attempt row is written `due`; whoever moves it from `due` to `ringing` (one conditional UPDATE)
 * rings it, so a restart or a second instance never rings the same attempt twice. (lead_id, attempt) is unique.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('department_callback', (t) => {
    t.integer('department_id').unsigned().primary().references('departments.id').onDelete('CASCADE');
    t.boolean('enabled').notNullable().defaultTo(false);
    t.string('retry_minutes', 200).notNullable().defaultTo(''); // comma-separated minutes after a busy / unanswered client
  });
  await knex.schema.createTable('callback_attempts', (t) => {
    t.increments('id');
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.integer('attempt').unsigned().notNullable(); // 1, 2, … per lead: every manager rung is one attempt
    t.integer('department_id').unsigned().notNullable().references('departments.id').onDelete('CASCADE');
    t.datetime('due_at', { precision: 3 }).notNullable();
    t.string('state', 8).notNullable(); // due | ringing | done
    t.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL'); // the manager rung
    t.integer('call_id').unsigned().nullable().references('calls.id').onDelete('SET NULL');
    t.string('outcome', 24).nullable(); // CallbackOutcome once done
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.unique(['lead_id', 'attempt']);
    t.index(['state', 'due_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('callback_attempts');
  await knex.schema.dropTableIfExists('department_callback');
}

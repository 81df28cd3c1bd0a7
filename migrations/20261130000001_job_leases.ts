import type { Knex } from 'knex';

/**
 * Leases of background jobs: at most one Leadline instance runs a job at a time, whichever took its lease; a lease
 * ends when its holder releases it or when it expires (a holder that died cannot keep it).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_leases', (t) => {
    t.string('name', 64).primary();
    t.string('holder', 64).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('job_leases');
}

import type { Knex } from 'knex';

/** The cleanup job (server/jobs/cleanup.ts) finds ended sessions and old idempotency keys by these. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.index(['expires_at'], 'sessions_expires_at_index');
  });
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.index(['created_at'], 'idempotency_keys_created_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropIndex(['created_at'], 'idempotency_keys_created_at_index');
  });
  await knex.schema.alterTable('sessions', (t) => {
    t.dropIndex(['expires_at'], 'sessions_expires_at_index');
  });
}

import type { Knex } from 'knex';

/**
 * A lead's open reminders found by the lead: "leads without a next step" asks, for every open lead, whether one is
 * still waiting (done_at null), and the lead card lists them. (MariaDB had an index on lead_id from its foreign key;
 * SQLite had none.)
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reminders', (t) => {
    t.index(['lead_id', 'done_at'], 'reminders_lead_id_done_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('reminders', (t) => {
    t.dropIndex(['lead_id', 'done_at'], 'reminders_lead_id_done_at_index');
  });
}

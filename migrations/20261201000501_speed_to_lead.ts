import type { Knex } from 'knex';

/**
 * Speed to lead: each department's alarm thresholds and working hours (no row: the defaults), and one claim row per
 * lead and alarm kind, so an alarm fires once however many instances or restarts there are.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('department_speed_to_lead', (t) => {
    t.integer('department_id').unsigned().primary().references('departments.id').onDelete('CASCADE');
    t.integer('unassigned_minutes').notNullable();
    t.integer('first_contact_minutes').notNullable();
    t.string('time_zone', 64).notNullable();
    t.string('work_days', 20).notNullable(); // ISO weekdays, '1,2,3,4,5'
    t.string('work_from', 5).notNullable(); // 'HH:MM'
    t.string('work_to', 5).notNullable();
  });
  await knex.schema.createTable('speed_to_lead_alarms', (t) => {
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.string('kind', 32).notNullable();
    t.datetime('fired_at', { precision: 3 }).notNullable();
    t.primary(['lead_id', 'kind']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('speed_to_lead_alarms');
  await knex.schema.dropTableIfExists('department_speed_to_lead');
}

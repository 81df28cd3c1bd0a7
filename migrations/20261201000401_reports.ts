import type { Knex } from 'knex';

/** The pipeline in order (a copy: a migration never changes when the app's lists do). */
const PIPELINE = ['new', 'collecting_info', 'offer_sent', 'interested', 'contract_approval', 'contract_signed', 'contract_paid', 'in_progress', 'completed'];

const stepOf = (column: string): string => `case ${column} ${PIPELINE.map((s, i) => `when '${s}' then ${i}`).join(' ')} else 0 end`;

/**
 * Reports: each lead keeps the furthest pipeline step it ever reached (`furthest_step`, 0 = new … 8 = completed,
 * updated in the transaction that changes its status), so the funnel and "won" need no scan of the history; and
 * indexes that let the reports read only index pages: leads by first assignment, status changes by who made them,
 * calls by who took them and by when they began.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.tinyint('furthest_step').notNullable().defaultTo(0);
  });
  // Existing leads: the furthest of their current status and every status their history shows.
  await knex('leads').update({ furthest_step: knex.raw(stepOf('status')) });
  const reached: { lead_id: number; step: number }[] = await knex('lead_history')
    .where('action', 'status')
    .groupBy('lead_id')
    .select('lead_id', knex.raw(`max(${stepOf('new_value')}) as step`));
  for (const r of reached) {
    await knex('leads').where('id', r.lead_id).where('furthest_step', '<', Number(r.step)).update({ furthest_step: Number(r.step) });
  }
  await knex.schema.alterTable('leads', (t) => {
    t.index(['assigned_at', 'owner_id', 'created_at', 'first_contact_at', 'furthest_step', 'status'], 'leads_assigned_report');
    t.index(['created_at', 'department_id', 'owner_id', 'furthest_step', 'status'], 'leads_created_report');
  });
  await knex.schema.alterTable('lead_history', (t) => {
    t.index(['actor_id', 'action', 'created_at'], 'lead_history_actor_action');
  });
  await knex.schema.alterTable('calls', (t) => {
    t.index(['user_id', 'started_at', 'direction', 'disposition', 'talk_seconds'], 'calls_user_report');
    t.index(['started_at', 'direction', 'disposition', 'lead_id'], 'calls_started_report');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => {
    t.dropIndex([], 'calls_started_report');
    t.dropIndex([], 'calls_user_report');
  });
  await knex.schema.alterTable('lead_history', (t) => t.dropIndex([], 'lead_history_actor_action'));
  await knex.schema.alterTable('leads', (t) => {
    t.dropIndex([], 'leads_created_report');
    t.dropIndex([], 'leads_assigned_report');
  });
  await knex.schema.alterTable('leads', (t) => t.dropColumn('furthest_step'));
}

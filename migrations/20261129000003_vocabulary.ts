import type { Knex } from 'knex';

/**
 * One word, one meaning: a department's chain of steps is its *routing chain* (the *fallback* is the dialplan's
 * safety net when Leadline is down), its group step is the *ring group*, and how a call ended is its
 * *disposition*.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('departments', (t) => t.renameColumn('fallback_chain', 'routing_chain'));
  await knex('departments')
    .whereNotNull('routing_chain')
    .update({ routing_chain: knex.raw(`replace(routing_chain, 'department', 'ring_group')`) });
  await knex('call_legs').where('step', 'department').update({ step: 'ring_group' });
  await knex.schema.alterTable('calls', (t) => t.renameColumn('outcome', 'disposition'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calls', (t) => t.renameColumn('disposition', 'outcome'));
  await knex('call_legs').where('step', 'ring_group').update({ step: 'department' });
  await knex('departments')
    .whereNotNull('routing_chain')
    .update({ routing_chain: knex.raw(`replace(routing_chain, 'ring_group', 'department')`) });
  await knex.schema.alterTable('departments', (t) => t.renameColumn('routing_chain', 'fallback_chain'));
}

import type { Knex } from 'knex';

const SIGNED_AND_LATER = ['contract_signed', 'contract_paid', 'in_progress', 'completed'];
const CONTRACT_SIGNED_STEP = 5;

/**
 * Orders and segments: `leads.won_at`, when a lead first reached a signed contract (an order of its client, worth its
 * amount; earlier leads get the moment of that status change from their history, else their last status change), read
 * by client and by period; `clients.tag`, the manual segment (vip | regular | difficult).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('leads', (t) => {
    t.datetime('won_at', { precision: 3 }).nullable();
    t.index(['client_id', 'won_at'], 'leads_client_won');
    t.index(['won_at'], 'leads_won_at');
  });
  await knex.schema.alterTable('clients', (t) => {
    t.string('tag', 16).nullable();
    t.index(['tag'], 'clients_tag');
  });
  const firstSigned = knex('lead_history')
    .min('lead_history.created_at')
    .whereRaw('lead_history.lead_id = leads.id')
    .where('lead_history.action', 'status')
    .whereIn('lead_history.new_value', SIGNED_AND_LATER);
  await knex('leads').where('furthest_step', '>=', CONTRACT_SIGNED_STEP).update({ won_at: firstSigned });
  await knex('leads').where('furthest_step', '>=', CONTRACT_SIGNED_STEP).whereNull('won_at').update({ won_at: knex.raw('coalesce(status_changed_at, updated_at)') });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('clients', (t) => {
    t.dropIndex(['tag'], 'clients_tag');
    t.dropColumn('tag');
  });
  await knex.schema.alterTable('leads', (t) => {
    t.dropIndex(['won_at'], 'leads_won_at');
    t.dropIndex(['client_id', 'won_at'], 'leads_client_won');
    t.dropColumn('won_at');
  });
}

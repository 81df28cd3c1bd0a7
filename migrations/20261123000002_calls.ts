import type { Knex } from 'knex';

/**
 * Calls and their legs. A call is one conversation attempt (inbound or click-to-call); its legs are every
 * routing decision taken for it (who was rung, skipped, busy, answered), so "why did my phone not ring?" has an
 * answer in the database. Times are UTC; durations are computed from these stored timestamps.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calls', (t) => {
    t.increments('id');
    t.string('linkedid', 128).nullable();
    t.string('channel_id', 128).nullable(); // the caller's channel (inbound) or the agent's (click-to-call)
    t.string('direction', 8).notNullable(); // inbound | outbound
    t.string('client_number', 32).nullable(); // E.164 when it could be normalized, else as the trunk sent it
    t.string('dnis', 32).nullable();
    t.integer('department_id').unsigned().nullable().references('departments.id').onDelete('SET NULL');
    t.integer('client_id').unsigned().nullable().references('clients.id').onDelete('SET NULL');
    t.integer('lead_id').unsigned().nullable().references('leads.id').onDelete('SET NULL');
    t.integer('user_id').unsigned().nullable().references('users.id'); // who talked
    t.string('status', 8).notNullable(); // ringing | up | ended
    t.string('outcome', 12).nullable(); // answered | missed | busy | abandoned | voicemail | failed
    t.string('routing', 300).nullable(); // why the call went where it went
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('answered_at', { precision: 3 }).nullable();
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.integer('ring_seconds').nullable();
    t.integer('talk_seconds').nullable();
    t.string('recording_name', 200).nullable();
    t.string('recording_state', 12).notNullable().defaultTo('none'); // none | recording | ready | unusable
    t.index(['client_id', 'started_at']);
    t.index(['lead_id']);
    t.index(['status']);
    t.index(['linkedid']);
  });

  await knex.schema.createTable('call_legs', (t) => {
    t.increments('id');
    t.integer('call_id').unsigned().notNullable().references('calls.id').onDelete('CASCADE');
    t.string('step', 16).notNullable(); // owner | owner_mobile | department | voicemail | agent | client
    t.string('target', 200).nullable(); // PJSIP/101, PJSIP/+79001234567@trunk
    t.integer('user_id').unsigned().nullable().references('users.id');
    t.string('channel_id', 128).nullable();
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('answered_at', { precision: 3 }).nullable();
    t.datetime('ended_at', { precision: 3 }).nullable();
    t.integer('cause').nullable(); // ChannelDestroyed.cause (Q.850)
    t.string('result', 24).nullable(); // answered | no_answer | busy | unreachable | cancelled | skipped_<why> | failed
    t.index(['call_id']);
    t.index(['channel_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('call_legs');
  await knex.schema.dropTableIfExists('calls');
}

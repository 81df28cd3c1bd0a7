import type { Knex } from 'knex';

/** Foundation schema: people, departments, sites, clients, leads and everything kept on a lead. Times are UTC. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('departments', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.integer('ring_timeout_sec').nullable();
    t.string('fallback_chain', 300).nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('department_numbers', (t) => {
    t.string('number', 32).primary(); // digits only, as dialled (DNIS)
    t.integer('department_id').unsigned().notNullable().references('departments.id').onDelete('CASCADE');
    t.index(['department_id']);
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.string('email', 254).notNullable().unique();
    t.string('password_hash', 255).notNullable();
    t.string('role', 16).notNullable();
    t.integer('department_id').unsigned().nullable().references('departments.id');
    t.integer('assists_user_id').unsigned().nullable().references('users.id');
    t.string('endpoint', 100).nullable();
    t.string('mobile', 32).nullable();
    t.string('presence', 16).notNullable().defaultTo('available');
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.index(['department_id', 'role']);
    t.index(['assists_user_id']);
  });

  await knex.schema.createTable('sessions', (t) => {
    t.string('id', 64).primary(); // sha256 of the cookie token: a database dump gives no usable session
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.index(['user_id']);
  });

  await knex.schema.createTable('sites', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.integer('department_id').unsigned().notNullable().references('departments.id');
    t.string('key_hash', 64).notNullable().unique();
    t.string('key_prefix', 16).notNullable();
    t.text('allowed_origins').notNullable(); // JSON array
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('created_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('clients', (t) => {
    t.increments('id');
    t.string('full_name', 300).nullable();
    t.string('organization', 300).nullable();
    t.string('address', 500).nullable();
    t.date('birthday').nullable();
    t.date('first_order_at').nullable();
    t.date('last_order_at').nullable();
    t.text('needs').nullable();
    t.integer('department_id').unsigned().nullable().references('departments.id');
    t.string('search_text', 1000).notNullable().defaultTo(''); // lower-cased name, organization, e-mails, phones
    t.integer('version').notNullable().defaultTo(1);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('client_phones', (t) => {
    t.increments('id');
    t.integer('client_id').unsigned().notNullable().references('clients.id').onDelete('CASCADE');
    t.string('phone', 32).notNullable().unique(); // E.164
    t.index(['client_id']);
  });

  await knex.schema.createTable('client_emails', (t) => {
    t.increments('id');
    t.integer('client_id').unsigned().notNullable().references('clients.id').onDelete('CASCADE');
    t.string('email', 254).notNullable().unique(); // lower-cased
    t.index(['client_id']);
  });

  await knex.schema.createTable('leads', (t) => {
    t.increments('id');
    t.integer('client_id').unsigned().notNullable().references('clients.id');
    t.integer('department_id').unsigned().notNullable().references('departments.id');
    t.integer('site_id').unsigned().nullable().references('sites.id');
    t.integer('owner_id').unsigned().nullable().references('users.id');
    t.string('source', 16).notNullable(); // site | manual | call
    t.string('status', 32).notNullable().defaultTo('new');
    t.boolean('flagged').notNullable().defaultTo(false);
    t.string('colour', 16).nullable();
    t.string('service', 300).nullable();
    t.text('message').nullable();
    t.string('page_url', 1000).nullable();
    t.text('utm').nullable(); // JSON object
    t.boolean('returning_client').notNullable().defaultTo(false);
    t.integer('created_by').unsigned().nullable().references('users.id');
    t.integer('version').notNullable().defaultTo(1);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.datetime('assigned_at', { precision: 3 }).nullable();
    t.datetime('first_contact_at', { precision: 3 }).nullable();
    t.datetime('status_changed_at', { precision: 3 }).nullable();
    t.datetime('closed_at', { precision: 3 }).nullable();
    t.index(['department_id', 'created_at']);
    t.index(['owner_id', 'created_at']);
    t.index(['status', 'created_at']);
    t.index(['client_id']);
    t.index(['created_at']);
  });

  await knex.schema.createTable('lead_comments', (t) => {
    t.increments('id');
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.integer('author_id').unsigned().nullable().references('users.id');
    t.text('text').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['lead_id', 'created_at']);
  });

  await knex.schema.createTable('attachments', (t) => {
    t.increments('id');
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.integer('uploader_id').unsigned().nullable().references('users.id');
    t.string('file_name', 255).notNullable();
    t.string('mime_type', 127).notNullable();
    t.integer('size').unsigned().notNullable();
    t.string('storage_key', 64).notNullable().unique(); // random, never derived from user input
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['lead_id']);
  });

  await knex.schema.createTable('reminders', (t) => {
    t.increments('id');
    t.integer('lead_id').unsigned().nullable().references('leads.id').onDelete('CASCADE');
    t.integer('user_id').unsigned().notNullable().references('users.id');
    t.string('kind', 16).notNullable().defaultTo('callback'); // callback | missed_call | keep_in_touch
    t.datetime('due_at', { precision: 3 }).notNullable();
    t.string('text', 1000).notNullable();
    t.integer('created_by').unsigned().nullable().references('users.id');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('fired_at', { precision: 3 }).nullable();
    t.datetime('done_at', { precision: 3 }).nullable();
    t.index(['fired_at', 'due_at']);
    t.index(['user_id', 'done_at']);
    t.index(['lead_id']);
  });

  await knex.schema.createTable('lead_history', (t) => {
    t.increments('id');
    t.integer('lead_id').unsigned().notNullable().references('leads.id').onDelete('CASCADE');
    t.integer('actor_id').unsigned().nullable().references('users.id'); // null = the system (site, phone)
    t.string('action', 32).notNullable();
    t.string('field', 64).nullable();
    t.text('old_value').nullable();
    t.text('new_value').nullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['lead_id', 'id']);
    t.index(['actor_id', 'created_at']);
  });

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.integer('site_id').unsigned().notNullable().references('sites.id').onDelete('CASCADE');
    t.string('key', 200).notNullable();
    t.text('response').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.primary(['site_id', 'key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'idempotency_keys', 'lead_history', 'reminders', 'attachments', 'lead_comments', 'leads',
    'client_emails', 'client_phones', 'clients', 'sites', 'sessions', 'users', 'department_numbers', 'departments',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createDb, migrate } from './knex.js';

/** The last migration of the release before this one: an installation in the field stands here, with its data. */
const LAST_SHIPPED = '20261130000001_job_leases';

describe('upgrading an installation that has data (sqlite)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('runs every new migration over existing leads, clients and department numbers, and keeps them all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadline-upgrade-'));
    dirs.push(dir);
    const filename = path.join(dir, 'leadline.sqlite');
    const shipped = migrations.slice(0, migrations.findIndex(([name]) => name === LAST_SHIPPED) + 1);
    const old: Knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      pool: { afterCreate: (c: { pragma(s: string): unknown }, done: (e: Error | null, c: unknown) => void) => done(null, (c.pragma('foreign_keys = ON'), c)) },
    });
    await old.migrate.latest({ migrationSource: { getMigrations: async () => shipped, getMigrationName: ([n]) => n, getMigration: async ([, m]) => m } });
    const at = '2026-11-20 10:00:00.000';
    const [departmentId] = await old('departments').insert({ name: 'Sales', created_at: at, updated_at: at });
    await old('department_numbers').insert({ department_id: departmentId, number: '4951234567' });
    const [managerId] = await old('users').insert({ name: 'Anna', email: 'anna@example.com', password_hash: 'x', role: 'manager', department_id: departmentId, created_at: at, updated_at: at });
    const [clientId] = await old('clients').insert({ full_name: 'Иван Петров', search_text: 'иван петров', created_at: at, updated_at: at });
    await old('client_phones').insert({ client_id: clientId, phone: '+79161234567' });
    const [leadId] = await old('leads').insert({ client_id: clientId, department_id: departmentId, owner_id: managerId, source: 'site', status: 'new', created_at: at, updated_at: at, assigned_at: at });
    const [wonId] = await old('leads').insert({ client_id: clientId, department_id: departmentId, owner_id: managerId, source: 'site', status: 'in_progress', created_at: at, updated_at: at, assigned_at: at });
    await old('lead_history').insert({ lead_id: wonId, actor_id: managerId, action: 'status', field: 'status', old_value: 'contract_approval', new_value: 'contract_signed', created_at: '2026-11-21 12:00:00.000' });
    await old('lead_history').insert({ lead_id: wonId, actor_id: managerId, action: 'status', field: 'status', old_value: 'contract_signed', new_value: 'in_progress', created_at: '2026-11-22 12:00:00.000' });
    await old.destroy();

    const db = createDb({ client: 'sqlite', filename });
    try {
      await migrate(db);
      expect(await db('leads').where('id', leadId).first()).toMatchObject({ client_id: clientId, owner_id: managerId });
      expect(await db('clients').where('id', clientId).first()).toMatchObject({ full_name: 'Иван Петров' });
      // A lead signed before the upgrade is an order of its client from the moment its contract was signed.
      expect((await db('leads').where('id', wonId).first()).won_at).toBe('2026-11-21 12:00:00.000');
      expect((await db('leads').where('id', leadId).first()).won_at).toBeNull();
      expect((await db('department_numbers').pluck('number'))[0]).toBe('+74951234567');
      const done = (await db('knex_migrations').pluck('name')) as string[];
      expect(done).toEqual(migrations.map(([name]) => name));
    } finally {
      await db.destroy();
    }
  });
});

import type { Knex } from 'knex';
import { loadConfig } from '../server/config.js';
import { departmentNumber } from '../server/modules/departments/department-number.js';

/**
 * Department numbers move from digits as typed (`4951234567`, `74951234567`) to E.164 (`+74951234567`), read in
 * the install's DEFAULT_COUNTRY, so that a dialled number in any format finds its department. Two rows that
 * become one number keep the older department's claim; the other row goes.
 */
export async function up(knex: Knex): Promise<void> {
  const country = loadConfig(process.env).defaultCountry;
  const rows: { number: string; department_id: number }[] = await knex('department_numbers')
    .orderBy('department_id')
    .orderBy('number')
    .select('number', 'department_id');
  const claims = new Map<string, number>();
  for (const row of rows) {
    const e164 = departmentNumber(String(row.number), country);
    if (!claims.has(e164)) claims.set(e164, Number(row.department_id));
  }
  await knex('department_numbers').delete();
  const fresh = [...claims].map(([number, departmentId]) => ({ number, department_id: departmentId }));
  for (let i = 0; i < fresh.length; i += 200) await knex('department_numbers').insert(fresh.slice(i, i + 200));
}

/** E.164 back to the digits a trunk might send (`+74951234567` → `74951234567`). */
export async function down(knex: Knex): Promise<void> {
  const rows: { number: string }[] = await knex('department_numbers').where('number', 'like', '+%').select('number');
  for (const row of rows) await knex('department_numbers').where('number', row.number).update({ number: String(row.number).slice(1) });
}

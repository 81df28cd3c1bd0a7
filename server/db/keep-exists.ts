import type { Knex } from 'knex';
import { isSqlite, type Queryable } from './knex.js';

/** Per knex client: whether its server is MariaDB (read once, `select version()`). */
const mariadb = new WeakMap<object, Promise<boolean>>();

function isMariaDb(db: Queryable): Promise<boolean> {
  if (!mariadb.has(db.client)) {
    mariadb.set(db.client, Promise.resolve(db.raw('select version() as v')).then((res) => /mariadb/i.test(String((res as [{ v: string }[]])[0][0].v))));
  }
  return mariadb.get(db.client)!;
}

/**
 * Runs a select whose correlated `exists (…)` checks must stay per-row seeks, and returns its rows. MariaDB turns
 * such an EXISTS into an IN semi-join by default (`exists_to_in`) and then reads the subquery's whole range into a
 * temporary table on every query — a common word's 20–130 thousand index rows (50–90 ms at a million leads) where
 * the walk of the newest leads needs a few thousand seeks (8–14 ms). On MariaDB the statement runs with that rewrite
 * off for itself only (`SET STATEMENT … FOR`); SQLite and MySQL run it as it is.
 */
export async function selectKeepingExists<T>(db: Queryable, qb: Knex.QueryBuilder): Promise<T[]> {
  if (isSqlite(db) || !(await isMariaDb(db))) return (await qb) as T[];
  const { sql, bindings } = qb.toSQL();
  const [rows] = (await db.raw(`set statement optimizer_switch = 'exists_to_in=off' for ${sql}`, bindings as Knex.RawBinding[])) as [T[]];
  return rows;
}

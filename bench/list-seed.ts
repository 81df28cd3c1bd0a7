import crypto from 'node:crypto';
import knexFactory from 'knex';
import { CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES } from '../server/api-types.js';
import { isSqlite, type Db } from '../server/db/knex.js';
import { insertDepartment, insertPerson, insertSite, type Person } from './lib.js';

/**
 * The list bench's database: five departments of a curator and eight managers, clients with phones, e-mails,
 * organizations and addresses, and their leads spread over a year, written in bulk (prepared statements in one
 * transaction on SQLite, multi-row inserts on MariaDB). The same database every run (seeded random).
 */

const FIRST = ['Иван', 'Пётр', 'Анна', 'Мария', 'Сергей', 'Ольга', 'Дмитрий', 'Елена', 'Алексей', 'Наталья', 'Андрей', 'Татьяна', 'Михаил', 'Ирина', 'Николай', 'Светлана', 'Павел', 'Юлия', 'Артём', 'Ксения'];
const LAST = ['Иванов', 'Петров', 'Сидоров', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев', 'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Сергеев', 'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев'];
const ORGS = ['ООО «Ромашка»', 'ИП Сидоров', 'АО «Вектор»', 'ООО «СтройМир»', 'ООО «Техносервис»', 'ЗАО «Альфа»', 'ООО «Гранит»', 'ООО «Северный ветер»'];
const STREETS = ['ул. Ленина', 'пр. Мира', 'ул. Садовая', 'Невский пр.', 'ул. Гагарина', 'ш. Энтузиастов', 'ул. Пушкина', 'наб. Фонтанки'];
const SERVICES = ['Office cleaning', 'Window cleaning', 'Carpet cleaning', 'Facade washing', 'Renovation', 'Disinfection'];

export interface Org {
  departments: { id: number; curator: Person; managers: Person[]; siteIds: number[] }[];
  assistant: Person;
}

export async function seedPeople(db: Db): Promise<Org> {
  const departments: Org['departments'] = [];
  for (let d = 0; d < 5; d++) {
    const id = await insertDepartment(db, `Department ${d + 1}`, [`49512345${60 + d}`]);
    const curator = await insertPerson(db, { name: `Curator ${d + 1}`, email: `curator${d + 1}@bench.local`, role: 'curator', departmentId: id });
    const managers: Person[] = [];
    for (let m = 0; m < 8; m++) managers.push(await insertPerson(db, { name: `Manager ${d + 1}.${m + 1}`, email: `manager${d + 1}.${m + 1}@bench.local`, role: 'manager', departmentId: id }));
    const siteIds: number[] = [];
    for (let s = 0; s < 3; s++) siteIds.push((await insertSite(db, `site${d}-${s}.example`, id)).id);
    departments.push({ id, curator, managers, siteIds });
  }
  const assistant = await insertPerson(db, { name: 'Assistant 1.1', email: 'assistant@bench.local', role: 'assistant', departmentId: departments[0].id, assistsUserId: departments[0].managers[0].id });
  return { departments, assistant };
}

/** What the queries look for: one client's phone and e-mail. */
export interface SeedSample {
  phone: string;
  email: string;
}

/** The client whose phone and e-mail the queries look for. */
const SAMPLE_CLIENT = 4242;
const P = 2147483647;
/** A row number `i` scattered over [0, P): the base of every pseudo-random choice of that row. */
const scatter = (i: string) => `((${i}) * 2654435761 % ${P})`;
/** A pseudo-random number in [0, P) from a scattered value and a salt (squared mod P: choices with different salts do not move together). */
const mix = (x: string, salt: number) => `(((${x}) + ${salt * 7919}) * ((${x}) + ${salt * 7919}) % ${P})`;
/** One of `values`, chosen by a pseudo-random number. */
const pick = (r: string, values: readonly (string | number)[]) => `case (${r}) % ${values.length} ${values.map((v, i) => `when ${i} then ${typeof v === 'number' ? v : `'${v.replace(/'/g, "''")}'`}`).join(' ')} end`;

/**
 * Clients (0.8 per lead) with phones, e-mails, organizations and addresses, then `total` leads in time order over the
 * last year (ids grow with created_at, as in life; a fifth of the leads are returning clients'), each generated in
 * the database by one INSERT … SELECT over a recursive CTE of row numbers, pseudo-random choices from the row number
 * (the same database every run). One transaction; on MariaDB without key checks.
 */
export async function seedLeads(db: Db, org: Org, total: number): Promise<SeedSample> {
  const sqlite = isSqlite(db);
  const cat = (...parts: string[]) => (sqlite ? parts.join(' || ') : `concat(${parts.join(', ')})`);
  // UTC moments as toDbTime writes them (from_unixtime would read the session's time zone).
  const at = (seconds: string) => (sqlite ? `strftime('%Y-%m-%d %H:%M:%f', ${seconds}, 'unixepoch')` : `timestampadd(microsecond, cast(round((${seconds}) * 1000) * 1000 as signed), '1970-01-01')`);
  const rows = (n: number) => `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${n})`;
  const clients = Math.round(total * 0.8);
  const nowS = Math.floor(Date.now() / 1000);
  const yearS = 365 * 24 * 3600;
  const start = nowS - yearS;
  const depts = org.departments;
  const x = scatter('i');
  await db.transaction(async (tx) => {
    if (!sqlite) await tx.raw(`set session foreign_key_checks = 0, unique_checks = 0, max_recursive_iterations = ${total + 10}`);
    await tx.raw(`insert into clients (id, full_name, organization, address, department_id, version, created_at, updated_at)
      ${rows(clients)}
      select i, ${cat(pick(mix(x, 1), LAST), "' '", pick(mix(x, 2), FIRST))},
        case when ${mix(x, 3)} % 10 < 3 then ${pick(mix(x, 4), ORGS)} end,
        case when ${mix(x, 5)} % 10 < 3 then ${cat(pick(mix(x, 6), STREETS), "', д. '", `(1 + ${mix(x, 7)} % 120)`)} end,
        ${pick(mix(x, 8), depts.map((d) => d.id))}, 1, ${at(String(start))}, ${at(String(start))}
      from n`);
    await tx.raw(`insert into client_phones (client_id, phone) ${rows(clients)} select i, ${cat("'+79'", '(100000000 + i * 7)')} from n`);
    await tx.raw(`insert into client_phones (client_id, phone) ${rows(clients)} select i, ${cat("'+7495'", '(1000000 + i)')} from n where ${mix(x, 9)} % 10 = 0`);
    await tx.raw(`insert into client_emails (client_id, email) ${rows(clients)} select i, ${cat("'client'", 'i', "'@mail.example'")} from n where ${mix(x, 10)} % 10 < 6 or i = ${SAMPLE_CLIENT}`);
    // Per lead: its client (the i-th client's first lead, then returning clients at random), that client's
    // department (the same choice as the client's), its age; then owner, status and the rest from those.
    const cx = scatter('client_id');
    const step = yearS / total;
    const fresh = `i > ${Math.round(total - (3 * 24 * 3600) / step)}`;
    const dept = `${mix(cx, 8)} % ${depts.length}`;
    const managers = depts.flatMap((d) => d.managers.map((m) => m.id));
    const sites = depts.flatMap((d) => d.siteIds);
    await tx.raw(`insert into leads (client_id, department_id, site_id, owner_id, source, status, flagged, colour, service, message,
        returning_client, version, created_at, updated_at, assigned_at, status_changed_at, closed_at)
      ${rows(total)},
      a as (select i, ${x} as x, case when i <= ${clients} then i else 1 + ${mix(x, 11)} % ${clients} end as client_id from n),
      b as (select i, x, client_id, ${dept} as d, case when ${mix(x, 12)} % 100 < (case when ${fresh} then 60 else 5 end) then 1 else 0 end as unowned,
        ${start} + (i - 1) * ${step} as t, case when i < ${Math.round(total * (1 - 60 / 365))} then 1 else 0 end as old from a),
      c as (select b.*, case when unowned = 1 then 'new' when old = 1 and ${mix('x', 13)} % 10 < 7 then ${pick(mix('x', 14), CLOSING_STATUSES)}
        else ${pick(mix('x', 15), LEAD_STATUSES)} end as status from b)
      select client_id, ${pick('d', depts.map((d) => d.id))},
        case when ${mix('x', 16)} % 10 < 9 then ${pick(`d * 3 + ${mix('x', 17)} % 3`, sites)} end,
        case when unowned = 1 then null else ${pick(`d * 8 + ${mix('x', 18)} % 8`, managers)} end,
        case when ${mix('x', 19)} % 10 < 9 then 'site' else 'call' end,
        status, case when ${mix('x', 20)} % 100 < 5 then 1 else 0 end,
        case when ${mix('x', 21)} % 10 < 2 then ${pick(mix('x', 22), LEAD_COLOURS)} end,
        ${pick(mix('x', 23), SERVICES)},
        case when ${mix('x', 24)} % 10 < 7 then 'Please call me back, I would like a quote for the premises' end,
        case when i > ${clients} then 1 else 0 end, 1, ${at('t')}, ${at('t + 3600')},
        case when unowned = 1 then null else ${at('t + 600')} end,
        case when status <> 'new' then ${at('t + 86400')} end,
        case when status in (${[...CLOSING_STATUSES, 'completed'].map((v) => `'${v}'`).join(', ')}) then ${at('t + 432000')} end
      from c`);
  });
  const email = `client${SAMPLE_CLIENT}@mail.example`;
  return { phone: `+79${100000000 + SAMPLE_CLIENT * 7}`, email };
}

/** The database's size in bytes: SQLite's pages (after a checkpoint), MariaDB's tablespace files (FULLTEXT ones too). */
export async function databaseSize(db: Db): Promise<number> {
  if (isSqlite(db)) {
    await db.raw('pragma wal_checkpoint(truncate)');
    const [pages] = (await db.raw('pragma page_count')) as { page_count: number }[];
    const [size] = (await db.raw('pragma page_size')) as { page_size: number }[];
    return pages.page_count * size.page_size;
  }
  const schema = (await db.raw('select database() as name'))[0][0].name as string;
  const [rows] = (await db.raw(`select sum(allocated_size) as bytes from information_schema.innodb_sys_tablespaces where name like ?`, [`${schema}/%`])) as [{ bytes: number | string | null }[]];
  return Number(rows[0]?.bytes ?? 0);
}

/** A fresh MariaDB/MySQL database next to the one `url` names, and how to drop it. */
export async function freshMysqlDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = url.replace(/\/[^/]*$/, '');
  const name = `leadline_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'mysql2', connection: `${base}/` });
  try {
    await admin.raw(`create database \`${name}\` character set utf8mb4 collate utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
  return {
    url: `${base}/${name}`,
    async drop() {
      const a = knexFactory({ client: 'mysql2', connection: `${base}/` });
      await a.raw(`drop database if exists \`${name}\``);
      await a.destroy();
    },
  };
}



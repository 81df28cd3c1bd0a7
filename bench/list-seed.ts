import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import knexFactory from 'knex';
import { CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES } from '../server/api-types.js';
import { isSqlite, toDbTime, type Db } from '../server/db/knex.js';
import { mulberry32 } from '../server/demo/random.js';
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

type Row = Record<string, string | number | null>;
/** Writes rows of one table; the rows of a call all have the same columns. */
type Sink = (table: string, rows: Row[]) => Promise<void>;

const CHUNK = 2000;

/** What the queries look for: one client's phone and e-mail. */
export interface SeedSample {
  phone: string;
  email: string;
}

/** Clients and their contacts, then leads in time order (ids grow with created_at, as in life): `total` leads. */
export async function seedLeads(db: Db, org: Org, total: number): Promise<SeedSample> {
  let sample: SeedSample = { phone: '', email: '' };
  await withSink(db, async (sink) => {
    const random = mulberry32(42);
    const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
    const now = Date.now();
    const yearMs = 365 * 24 * 3600_000;
    const clients = Math.round(total * 0.8); // a fifth of the leads are returning clients
    const clientDept = new Int32Array(clients + 1);
    const at = toDbTime(new Date(now - yearMs));
    for (let from = 1; from <= clients; from += CHUNK) {
      const rows: Row[] = [];
      const phones: Row[] = [];
      const emails: Row[] = [];
      for (let c = from; c < Math.min(from + CHUNK, clients + 1); c++) {
        const dept = pick(org.departments).id;
        clientDept[c] = dept;
        const address = random() < 0.3 ? `${pick(STREETS)}, д. ${1 + Math.floor(random() * 120)}` : null;
        rows.push({ id: c, full_name: `${pick(LAST)} ${pick(FIRST)}`, organization: random() < 0.3 ? pick(ORGS) : null, address, department_id: dept, version: 1, created_at: at, updated_at: at });
        const phone = `+79${String(100000000 + c * 7).slice(-9)}`;
        phones.push({ client_id: c, phone });
        if (random() < 0.1) phones.push({ client_id: c, phone: `+7495${String(1000000 + c).slice(-7)}` });
        if (random() < 0.6) emails.push({ client_id: c, email: `client${c}@mail.example` });
        if (c === 4242) sample = { phone, email: `client${c}@mail.example` };
      }
      await sink('clients', rows);
      await sink('client_phones', phones);
      await sink('client_emails', emails);
    }
    const leadTimes = Float64Array.from({ length: total }, () => now - random() * yearMs).sort();
    const seen = new Uint8Array(clients + 1);
    const t = (ms: number) => toDbTime(new Date(ms));
    for (let from = 0; from < total; from += CHUNK) {
      const rows: Row[] = [];
      for (let i = from; i < Math.min(from + CHUNK, total); i++) {
        const clientId = i < clients ? i + 1 : 1 + Math.floor(random() * clients);
        const department = org.departments.find((d) => d.id === clientDept[clientId])!;
        const createdAt = leadTimes[i];
        const ageDays = (now - createdAt) / 86_400_000;
        // Fresh leads are more often unassigned and new; old ones are mostly closed.
        const owner = random() < (ageDays < 3 ? 0.6 : 0.05) ? null : pick(department.managers);
        let status: string = 'new';
        if (owner) status = ageDays > 60 && random() < 0.7 ? pick(CLOSING_STATUSES) : pick(LEAD_STATUSES);
        const closed = (CLOSING_STATUSES as readonly string[]).includes(status) || status === 'completed';
        rows.push({
          client_id: clientId,
          department_id: department.id,
          site_id: random() < 0.9 ? pick(department.siteIds) : null,
          owner_id: owner?.id ?? null,
          source: random() < 0.9 ? 'site' : 'call',
          status,
          flagged: random() < 0.05 ? 1 : 0,
          colour: random() < 0.2 ? pick(LEAD_COLOURS) : null,
          service: pick(SERVICES),
          message: random() < 0.7 ? 'Please call me back, I would like a quote for the premises' : null,
          returning_client: seen[clientId],
          version: 1,
          created_at: t(createdAt),
          updated_at: t(createdAt + 3600_000),
          assigned_at: owner ? t(createdAt + 600_000) : null,
          status_changed_at: status !== 'new' ? t(createdAt + 86_400_000) : null,
          closed_at: closed ? t(createdAt + 5 * 86_400_000) : null,
        });
        seen[clientId] = 1;
      }
      await sink('leads', rows);
    }
  });
  return sample;
}

/** SQLite: one transaction, a prepared statement per table. MariaDB: multi-row inserts, checks off on one connection. */
async function withSink(db: Db, fill: (sink: Sink) => Promise<void>): Promise<void> {
  if (isSqlite(db)) {
    const conn = (await db.client.acquireConnection()) as Database;
    try {
      const statements = new Map<string, ReturnType<Database['prepare']>>();
      conn.exec('begin');
      await fill(async (table, rows) => {
        if (rows.length === 0) return;
        const columns = Object.keys(rows[0]);
        const key = `${table}:${columns.join()}`;
        if (!statements.has(key)) statements.set(key, conn.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`));
        const statement = statements.get(key)!;
        for (const row of rows) statement.run(row);
      });
      conn.exec('commit');
    } finally {
      await db.client.releaseConnection(conn);
    }
    return;
  }
  await db.transaction(async (tx) => {
    await tx.raw('set session foreign_key_checks = 0, unique_checks = 0');
    await fill(async (table, rows) => {
      if (rows.length) await tx(table).insert(rows);
    });
  });
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



import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeClients } from '../client-base/client-base.policy.js';
import type { ColumnMapping } from './guess-mapping.js';
import { readRow, SKIPPING, type ImportedClient, type RowProblem } from './read-row.js';
import type { RawRow } from './read-table.js';

/** Where imported clients go: their department, and the manager a line without an owner gets (or none). */
export interface ImportTarget {
  departmentId: number;
  defaultOwnerId: number | null;
  /** A manager imports only into their own ownership: every line is theirs, whatever its owner cell says. */
  ownerFixed: boolean;
}

/** What the import does with one line: a new client, an update of a known one (by external ID, or joining by contact), or nothing. */
export type PlannedLine =
  | { action: 'create'; client: ImportedClient; ownerId: number | null }
  | { action: 'update' | 'join'; clientId: number; client: ImportedClient; ownerId: number | null }
  | { action: 'skip'; row: number };

export interface ImportPlan {
  lines: PlannedLine[];
  problems: RowProblem[];
  created: number;
  updated: number;
  skipped: number;
}

const CHUNK = 500;

async function inChunks<T, R>(values: T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await read(values.slice(i, i + CHUNK))));
  return out;
}

/** The department's active managers by lower-cased e-mail and name: who an owner cell may name. */
async function managersOf(db: Queryable, departmentId: number): Promise<Map<string, number>> {
  const rows: { id: number; name: string; email: string }[] = await db('users').where({ department_id: departmentId, role: 'manager', active: true }).select('id', 'name', 'email');
  const byKey = new Map<string, number>();
  for (const r of rows) {
    byKey.set(r.email.toLowerCase(), Number(r.id));
    byKey.set(r.name.trim().toLowerCase().replace(/\s+/g, ' '), Number(r.id));
  }
  return byKey;
}

/**
 * Reads every data line and decides what importing it does, without writing: a known external ID (in the target
 * department) updates that client; else a known phone (first) or e-mail joins that client, as a website's request
 * would; else a new client. A line naming the same external ID, phone or e-mail as an earlier line is a duplicate
 * in the file and left out, as is a line without any contact or one that would change a client the user may not
 * see. Database reads are batched (500 values a query).
 */
export async function planImport(db: Queryable, user: SessionUser, rows: RawRow[], mapping: ColumnMapping, target: ImportTarget, country: string): Promise<ImportPlan> {
  const read = rows.map((r) => readRow(r, mapping, country));
  const externalIds = [...new Set(read.map((r) => r.client.externalId).filter((x): x is string => x !== null))];
  const phones = [...new Set(read.flatMap((r) => r.client.phones))];
  const emails = [...new Set(read.flatMap((r) => r.client.emails))];
  const [byExternal, byPhone, byEmail, managers] = await Promise.all([
    inChunks(externalIds, (c) => db('clients').where('department_id', target.departmentId).whereIn('external_id', c).select('id', 'external_id') as Promise<{ id: number; external_id: string }[]>),
    inChunks(phones, (c) => db('client_phones').whereIn('phone', c).select('client_id', 'phone') as Promise<{ client_id: number; phone: string }[]>),
    inChunks(emails, (c) => db('client_emails').whereIn('email', c).select('client_id', 'email') as Promise<{ client_id: number; email: string }[]>),
    managersOf(db, target.departmentId),
  ]);
  const externalMap = new Map(byExternal.map((r) => [r.external_id, Number(r.id)]));
  const phoneMap = new Map(byPhone.map((r) => [r.phone, Number(r.client_id)]));
  const emailMap = new Map(byEmail.map((r) => [r.email, Number(r.client_id)]));
  const known = [...new Set([...externalMap.values(), ...phoneMap.values(), ...emailMap.values()])];
  const visible = new Set(
    user.role === 'director'
      ? known
      : (await inChunks(known, (c) => scopeClients(db, db('clients').whereIn('clients.id', c), user).pluck('clients.id') as Promise<number[]>)).map(Number),
  );

  const seen = new Map<string, number>();
  const plan: ImportPlan = { lines: [], problems: [], created: 0, updated: 0, skipped: 0 };
  for (const { client, problems } of read) {
    const keys = [...(client.externalId ? [`x:${client.externalId}`] : []), ...client.phones.map((p) => `p:${p}`), ...client.emails.map((e) => `e:${e}`)];
    const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined) problems.push({ row: client.row, field: null, code: 'duplicate_in_file', value: String(earlier) });
    else keys.forEach((k) => seen.set(k, client.row));

    const clientId =
      (client.externalId ? externalMap.get(client.externalId) : undefined) ??
      client.phones.map((p) => phoneMap.get(p)).find((x) => x !== undefined) ??
      client.emails.map((e) => emailMap.get(e)).find((x) => x !== undefined) ??
      null;
    const byExternalId = client.externalId !== null && externalMap.get(client.externalId) === clientId;
    if (clientId !== null && !visible.has(clientId)) problems.push({ row: client.row, field: null, code: 'client_not_yours' });
    else if (clientId !== null && !byExternalId) problems.push({ row: client.row, field: null, code: 'duplicate_existing', value: String(clientId) });

    let ownerId = target.defaultOwnerId;
    if (client.owner) {
      const named = managers.get(client.owner.trim().toLowerCase().replace(/\s+/g, ' '));
      if (named === undefined) problems.push({ row: client.row, field: 'owner', code: 'owner_unknown', value: client.owner });
      else if (target.ownerFixed && named !== target.defaultOwnerId) problems.push({ row: client.row, field: 'owner', code: 'owner_forbidden', value: client.owner });
      else ownerId = named;
    }

    plan.problems.push(...problems);
    if (problems.some((p) => SKIPPING.has(p.code))) {
      plan.lines.push({ action: 'skip', row: client.row });
      plan.skipped++;
    } else if (clientId === null) {
      plan.lines.push({ action: 'create', client, ownerId });
      plan.created++;
    } else {
      plan.lines.push({ action: byExternalId ? 'update' : 'join', clientId, client, ownerId });
      plan.updated++;
    }
  }
  return plan;
}

import type { Knex } from 'knex';
import { isSqlite, type Queryable } from '../../db/knex.js';

export interface LeadRow {
  id: number;
  client_id: number;
  department_id: number;
  site_id: number | null;
  owner_id: number | null;
  source: string;
  status: string;
  flagged: boolean | number;
  colour: string | null;
  service: string | null;
  message: string | null;
  page_url: string | null;
  utm: string | null;
  /** Form fields a website sent that have no column (JSON object of texts), see intake.schema.ts. */
  other_fields?: string | null;
  /** What the intake was told (write-lead.ts): the client's language (ISO 639-1) and the amount they named. */
  language?: string | null;
  requested_amount?: string | number | null;
  requested_currency?: string | null;
  returning_client: boolean | number;
  created_by: number | null;
  version: number;
  created_at: string;
  updated_at: string;
  assigned_at: string | null;
  first_contact_at: string | null;
  status_changed_at: string | null;
  closed_at: string | null;
  /** The furthest pipeline step ever reached (pipeline-step.ts). */
  furthest_step: number;
  /** Deal amount (decimal(14,2): a string on MariaDB, a number on SQLite) and its ISO 4217 currency. */
  amount: string | number | null;
  currency: string | null;
  /** When the lead first reached a signed contract: an order of its client (client-segments.ts). */
  won_at: string | null;
}

/** A lead with what lists show next to it: the owner's name and the client's summary. */
export interface LeadSummaryRow extends LeadRow {
  owner_name: string | null;
  client_full_name: string | null;
  client_organization: string | null;
  client_phone: string | null;
  client_email: string | null;
}

/**
 * The one query shape behind lists, single reads and live events: owner and client summary joined, the first
 * phone and e-mail by correlated subquery (index on client_id), so a page of 200 is still one query.
 */
export function summaryQuery(db: Queryable): Knex.QueryBuilder {
  return db('leads')
    .join('clients', 'clients.id', 'leads.client_id')
    .leftJoin('users as owner', 'owner.id', 'leads.owner_id')
    .select(
      'leads.*',
      'owner.name as owner_name',
      'clients.full_name as client_full_name',
      'clients.organization as client_organization',
      db.raw('(select cp.phone from client_phones cp where cp.client_id = leads.client_id order by cp.id limit 1) as client_phone'),
      db.raw('(select ce.email from client_emails ce where ce.client_id = leads.client_id order by ce.id limit 1) as client_email'),
    );
}

/** One lead with its owner's name and its client's summary, or undefined. */
export async function findLeadSummaryRow(db: Queryable, id: number): Promise<LeadSummaryRow | undefined> {
  return summaryQuery(db).where('leads.id', id).first();
}

/** These leads with their owners' names and clients' summaries, in no particular order. */
export async function findLeadSummaryRows(db: Queryable, ids: number[]): Promise<LeadSummaryRow[]> {
  if (ids.length === 0) return [];
  return summaryQuery(db).whereIn('leads.id', ids);
}

/** A lead's own row, or undefined. */
export async function findLeadRow(db: Queryable, id: number): Promise<LeadRow | undefined> {
  return db('leads').where('id', id).first<LeadRow | undefined>();
}

/** The owner of the client's latest lead (by creation moment, then id) among its leads that have one. */
/** The owner of a client's latest lead that has one, with what decides whether a new lead goes back to them. */
export interface LatestOwner {
  id: number;
  name: string | null;
  role: string;
  active: boolean | number;
  departmentId: number | null;
}

export async function latestLeadOwner(db: Queryable, clientId: number): Promise<LatestOwner | null> {
  const row = await db('leads')
    .join('users', 'users.id', 'leads.owner_id')
    .where('leads.client_id', clientId)
    .orderBy([
      { column: 'leads.created_at', order: 'desc' },
      { column: 'leads.id', order: 'desc' },
    ])
    .first<LatestOwner | undefined>('leads.owner_id as id', 'users.name', 'users.role', 'users.active', 'users.department_id as departmentId');
  return row ?? null;
}

/** Whether a user is an active manager of the department (the only people a lead may be assigned to). */
export async function isActiveManagerOf(db: Queryable, userId: number, departmentId: number): Promise<boolean> {
  const row = await db('users').where({ id: userId, role: 'manager', department_id: departmentId, active: true }).first('id');
  return !!row;
}

/**
 * `leads` read through its client_id index whatever else the query filters on (`by: 'client'`): for the leads of a
 * few known clients, where a planner without statistics would rather walk a visibility index (a whole department)
 * in order. `by: 'order'` the opposite, never through client_id: for the newest leads of many clients, whose list
 * the database keeps while it walks (on SQLite the query itself must write `+leads.client_id`).
 */
export function leadsRead(db: Queryable, by: 'client' | 'order'): Knex.QueryBuilder {
  if (by === 'client') return db.from(db.raw(isSqlite(db) ? '"leads" indexed by "leads_client_id_index"' : '`leads` force index (`leads_client_id_index`)'));
  return isSqlite(db) ? db('leads') : db.from(db.raw('`leads` ignore index (`leads_client_id_index`)'));
}

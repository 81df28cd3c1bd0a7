import type { Knex } from 'knex';
import type { Deps } from '../../deps.js';
import type { Queryable } from '../../db/knex.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeLeads } from '../leads/leads.policy.js';

/**
 * Restricts a query over `clients` to the clients the user may see: those with a lead the user may see
 * (leads.policy.ts), and those whose own manager (`clients.owner_id`, set by an import) the user works for —
 * director all; curator their department's clients; manager their own; assistant their manager's.
 */
export function scopeClients<T extends Knex.QueryBuilder>(db: Queryable, qb: T, user: SessionUser): T {
  if (user.role === 'director') return qb;
  const viaLead = scopeLeads(db('leads').select(db.raw('1')).whereRaw('leads.client_id = clients.id'), user);
  return qb.where((w) => {
    if (user.role === 'curator') void w.where('clients.department_id', user.departmentId ?? -1);
    else if (user.role === 'manager') void w.where('clients.owner_id', user.id);
    else void w.where('clients.owner_id', user.assistsUserId ?? -1);
    void w.orWhereExists(viaLead);
  }) as T;
}

/** A client is visible to whoever may see any of the client's leads, or works for the client's own manager. */
export async function clientVisibleTo(deps: Deps, user: SessionUser, clientId: number): Promise<boolean> {
  const row = await scopeClients(deps.db, deps.db('clients').where('clients.id', clientId), user).first('clients.id');
  return !!row;
}

/**
 * Whether the user may merge this (visible) client with another: directors and curators any client they see; a
 * manager only a client that is wholly theirs — its own manager is them or nobody, and every lead of it is theirs;
 * assistants never.
 */
export async function mayMergeClient(db: Queryable, user: SessionUser, clientId: number): Promise<boolean> {
  if (user.role === 'director' || user.role === 'curator') return true;
  if (user.role !== 'manager') return false;
  const client = await db('clients').where('id', clientId).first<{ owner_id: number | null } | undefined>('owner_id');
  if (!client || (client.owner_id !== null && Number(client.owner_id) !== user.id)) return false;
  const foreign = await db('leads').where('client_id', clientId).where((w) => void w.whereNull('owner_id').orWhereNot('owner_id', user.id)).first('id');
  return !foreign;
}

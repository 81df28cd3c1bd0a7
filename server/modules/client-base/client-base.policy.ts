import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';
import { scopeLeads } from '../leads/leads.policy.js';

/** A client is visible to whoever may see any of the client's leads (leads.policy.ts): one indexed query. */
export async function clientVisibleTo(deps: Deps, user: SessionUser, clientId: number): Promise<boolean> {
  const row = await scopeLeads(deps.db('leads').where('leads.client_id', clientId), user).first('leads.id');
  return !!row;
}

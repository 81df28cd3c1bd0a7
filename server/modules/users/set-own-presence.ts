import type { Presence } from '../../api-types.js';
import { toDbTime } from '../../db/knex.js';
import type { Deps } from '../../deps.js';
import type { SessionUser } from '../../http/session-user.js';

/** A user sets available / away / do-not-disturb; colleagues see it at once. */
export async function setOwnPresence(deps: Deps, actor: SessionUser, presence: Presence): Promise<{ presence: Presence; effective: Presence }> {
  await deps.db('users').where('id', actor.id).update({ presence, updated_at: toDbTime() });
  await deps.presence.announce(actor.id);
  return { presence, effective: deps.presence.effectiveOf(actor.id, presence) };
}

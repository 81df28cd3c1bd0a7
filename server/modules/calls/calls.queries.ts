import type { CallDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';

/** Every call of a client, newest first, as the lead card lists them. */
export async function callsForClient(_db: Queryable, _clientId: number): Promise<CallDto[]> {
  return [];
}

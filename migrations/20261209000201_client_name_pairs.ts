import type { Knex } from 'knex';
import { rebuildNamePairs } from '../server/modules/clients/client-name-pairs.js';
import { MAX_WORD } from '../server/modules/clients/client-search.repo.js';

/**
 * The search index gains its name pairs (`client_name_pairs`, every ordered pair of two words of a client's name)
 * and an index of `client_words` by (in_name, word): a name of two common words is one key range instead of two
 * whole ranges intersected (why: client-name-pairs.ts). Filled from the name words already indexed.
 */
export async function up(knex: Knex): Promise<void> {
  await rebuildNamePairs(knex, MAX_WORD);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('client_name_pairs');
  await knex.raw(knex.client.config.client === 'better-sqlite3' ? 'drop index if exists client_words_place' : 'alter table client_words drop index client_words_place');
}

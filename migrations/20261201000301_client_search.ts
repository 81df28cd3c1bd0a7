import type { Knex } from 'knex';
import { createClientSearch, rebuildClientSearch } from '../server/modules/clients/client-search.repo.js';

/**
 * The client search index (FTS5 on SQLite: unicode61 for words, trigram for phone digits; InnoDB FULLTEXT on
 * MariaDB; why: client-search.repo.ts),
 * filled from the clients already there. `clients.search_text` stays, unused, until a release drops it.
 */
export async function up(knex: Knex): Promise<void> {
  await createClientSearch(knex);
  await rebuildClientSearch(knex);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('client_search');
  await knex.schema.dropTableIfExists('client_phone_search');
}

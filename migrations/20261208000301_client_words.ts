import type { Knex } from 'knex';
import { rebuildClientSearch } from '../server/modules/clients/client-search.repo.js';

/**
 * The search index's words move to a B-tree table `client_words (word, client_id, in_name)` on both databases (why:
 * client-search.repo.ts); phones keep their text index (FTS5 trigram on SQLite; on MariaDB the 4-digit windows'
 * FULLTEXT, now in `client_phone_search`). The one-row-per-client `client_search` is dropped; both are filled from
 * the clients already there.
 */
export async function up(knex: Knex): Promise<void> {
  await rebuildClientSearch(knex);
}

export async function down(): Promise<void> {
  // The words' table stays: the earlier index is not rebuilt.
}

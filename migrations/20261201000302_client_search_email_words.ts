import type { Knex } from 'knex';
import { isSqlite } from '../server/db/knex.js';
import { createClientSearch, rebuildClientSearch } from '../server/modules/clients/client-search.repo.js';

/**
 * The search index learns each e-mail as one word (`ivan_p__mail_ru`): rebuilt from the clients. On SQLite the
 * word table is made again, its tokenizer now keeping `_` inside words.
 */
export async function up(knex: Knex): Promise<void> {
  if (isSqlite(knex)) {
    await knex.schema.dropTableIfExists('client_search');
    await knex.schema.dropTableIfExists('client_phone_search');
    await createClientSearch(knex);
  }
  await rebuildClientSearch(knex);
}

export async function down(): Promise<void> {
  // The e-mail words stay: the index without them is the same index, less one kind of match.
}

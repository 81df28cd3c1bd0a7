import type { Knex } from 'knex';
import * as foundation from './20261123000001_foundation.js';
import * as calls from './20261123000002_calls.js';
import * as vocabulary from './20261129000003_vocabulary.js';
import * as locales from './20261129000004_locales.js';
import * as jobLeases from './20261130000001_job_leases.js';
import * as clientSearch from './20261201000301_client_search.js';
import * as clientSearchEmailWords from './20261201000302_client_search_email_words.js';

/**
 * Every migration, in order. Listed statically (not discovered on disk) so the same code runs under tsx,
 * vitest and a bundled build. Append new migrations at the end; never edit one that has shipped.
 */
export const migrations: [name: string, migration: Knex.Migration][] = [
  ['20261123000001_foundation', foundation],
  ['20261123000002_calls', calls],
  ['20261129000003_vocabulary', vocabulary],
  ['20261129000004_locales', locales],
  ['20261130000001_job_leases', jobLeases],
  ['20261201000301_client_search', clientSearch],
  ['20261201000302_client_search_email_words', clientSearchEmailWords],
];

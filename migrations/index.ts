import type { Knex } from 'knex';
import * as foundation from './20261123000001_foundation.js';
import * as calls from './20261123000002_calls.js';
import * as vocabulary from './20261129000003_vocabulary.js';
import * as locales from './20261129000004_locales.js';
import * as jobLeases from './20261130000001_job_leases.js';
import * as cleanupIndexes from './20261201000101_cleanup_indexes.js';
import * as departmentNumbersE164 from './20261201000201_department_numbers_e164.js';
import * as clientSearch from './20261201000301_client_search.js';
import * as clientSearchEmailWords from './20261201000302_client_search_email_words.js';
import * as reports from './20261201000401_reports.js';
import * as leadSpeed from './20261201000402_lead_speed.js';
import * as speedToLead from './20261201000501_speed_to_lead.js';
import * as clientImport from './20261201000601_client_import.js';
import * as distribution from './20261201000701_distribution.js';
import * as leadRedistributions from './20261201000901_lead_redistributions.js';
import * as clientWords from './20261208000301_client_words.js';
import * as statsHourly from './20261208000401_stats_hourly.js';
import * as leadDealAmount from './20261208000601_lead_deal_amount.js';
import * as clientSegments from './20261208000602_client_segments.js';
import * as keepInTouch from './20261208000603_keep_in_touch.js';
import * as instantCallback from './20261208000701_instant_callback.js';
import * as remindersByLead from './20261208000801_reminders_by_lead.js';
import * as savedViewsAndOtherFields from './20261208001001_saved_views_and_other_fields.js';
import * as leadLanguageAndRequestedAmount from './20261209000101_lead_language_and_requested_amount.js';
import * as presenceOnline from './20261209000102_presence_online.js';
import * as clientNamePairs from './20261209000201_client_name_pairs.js';
import * as statsDaily from './20261209000301_stats_daily.js';
import * as callsUserStarted from './20261209000302_calls_user_started.js';
import * as funnelDaily from './20261209000303_funnel_daily.js';
import * as userWorkingHours from './20261209000401_user_working_hours.js';
import * as leadsWalkCovering from './20261209000402_leads_walk_covering.js';
import * as departmentVersion from './20261209000403_department_version.js';

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
  ['20261201000101_cleanup_indexes', cleanupIndexes],
  ['20261201000201_department_numbers_e164', departmentNumbersE164],
  ['20261201000301_client_search', clientSearch],
  ['20261201000302_client_search_email_words', clientSearchEmailWords],
  ['20261201000401_reports', reports],
  ['20261201000402_lead_speed', leadSpeed],
  ['20261201000501_speed_to_lead', speedToLead],
  ['20261201000601_client_import', clientImport],
  ['20261201000701_distribution', distribution],
  ['20261201000901_lead_redistributions', leadRedistributions],
  ['20261208000301_client_words', clientWords],
  ['20261208000401_stats_hourly', statsHourly],
  ['20261208000601_lead_deal_amount', leadDealAmount],
  ['20261208000602_client_segments', clientSegments],
  ['20261208000603_keep_in_touch', keepInTouch],
  ['20261208000701_instant_callback', instantCallback],
  ['20261208000801_reminders_by_lead', remindersByLead],
  ['20261208001001_saved_views_and_other_fields', savedViewsAndOtherFields],
  ['20261209000101_lead_language_and_requested_amount', leadLanguageAndRequestedAmount],
  ['20261209000102_presence_online', presenceOnline],
  ['20261209000201_client_name_pairs', clientNamePairs],
  ['20261209000301_stats_daily', statsDaily],
  ['20261209000302_calls_user_started', callsUserStarted],
  ['20261209000303_funnel_daily', funnelDaily],
  ['20261209000401_user_working_hours', userWorkingHours],
  ['20261209000402_leads_walk_covering', leadsWalkCovering],
  ['20261209000403_department_version', departmentVersion],
];

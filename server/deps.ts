import type { Config } from './config.js';
import type { Db } from './db/knex.js';
import type { Logger } from './logger.js';
import type { PresenceService } from './modules/presence/presence.service.js';
import type { Realtime } from './realtime/realtime.js';
import type { TelephonyService } from './telephony/service.js';

/** Everything a route or use case may need, built once in index.ts (or by a test) and passed down. */
export interface Deps {
  config: Config;
  db: Db;
  log: Logger;
  realtime: Realtime;
  presence: PresenceService;
  telephony: TelephonyService;
}

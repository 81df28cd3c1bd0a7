import type { Deps } from '../deps.js';
import type { AriRest } from './ari/ari-rest.js';
import type { Dispatcher } from './dispatcher.js';
import type { CallerDirectory } from './routing/caller-lookup.js';
import type { DepartmentDirectory } from './routing/department-lookup.js';

/** Knobs tests turn to make the world slow; never set in production. */
export interface TelephonyTestHooks {
  /** Added before the caller lookup answers (to prove the routing deadline). */
  lookupDelayMs: number;
}

/** What every call session works with. */
export interface TelephonyContext {
  deps: Deps;
  rest: AriRest;
  /** The Stasis application's name (`leadline`). */
  app: string;
  dispatcher: Dispatcher;
  /** DNIS → department routing settings (cached), and ring groups. */
  departments: DepartmentDirectory;
  /** Caller ID → client, lead and owner, within the routing deadline. */
  callers: CallerDirectory;
  hooks: TelephonyTestHooks;
}

import type { Deps } from '../deps.js';
import type { AriRest } from './ari/ari-rest.js';
import type { Dispatcher } from './dispatcher.js';
import type { CallerDirectory } from './routing-plan.js';

/** Knobs tests turn to make the world slow; never set in production. */
export interface TelephonyTestHooks {
  /** Added before the caller lookup answers (to prove the routing deadline). */
  lookupDelayMs: number;
}

/** What every call session works with. */
export interface TelephonyContext {
  deps: Deps;
  rest: AriRest;
  app: string;
  dispatcher: Dispatcher;
  callers: CallerDirectory;
  hooks: TelephonyTestHooks;
}

import type { Deps } from '../deps.js';
import type { AriRest } from './ari/ari-rest.js';
import type { Dispatcher } from './dispatcher.js';
import type { CallerDirectory, TelephonyTestHooks } from './routing/caller-lookup.js';
import type { DepartmentDirectory } from './routing/department-lookup.js';

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

import { ringDueCallbacks } from '../modules/callback/ring-due-callbacks.js';
import type { JobDefinition } from './registry.js';

/** Instant callback attempts that fall due (retries, the first slot of the working day), checked every 5 s. */
export const callbackJob: JobDefinition = {
  name: 'callback',
  schedule: '*/5 * * * * *',
  leaseMs: 60_000,
  async run(deps, now) {
    await ringDueCallbacks(deps, now);
  },
};

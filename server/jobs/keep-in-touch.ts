import { remindToKeepInTouch } from '../modules/keep-in-touch/remind-to-keep-in-touch.js';
import type { JobDefinition } from './registry.js';

/** Keep in touch: quiet clients, birthdays and anniversaries of the first order, checked every ten minutes. */
export const keepInTouchJob: JobDefinition = {
  name: 'keep-in-touch',
  schedule: '0 */10 * * * *',
  leaseMs: 5 * 60_000,
  async run(deps, now) {
    await remindToKeepInTouch(deps, now);
  },
};

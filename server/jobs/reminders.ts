import { fireDueReminders } from '../modules/reminders/fire-due-reminders.js';
import type { JobDefinition } from './registry.js';

/** Callback reminders pop up on time: checked every two seconds. */
export const remindersJob: JobDefinition = {
  name: 'reminders',
  schedule: '*/2 * * * * *',
  leaseMs: 30_000,
  async run(deps, now) {
    await fireDueReminders(deps, now);
  },
};

import type { JobDefinition } from './registry.js';
import { cleanupJob } from './cleanup.js';
import { remindersJob } from './reminders.js';

/** Every scheduled job of Leadline, in one list. */
export const jobs: JobDefinition[] = [remindersJob, cleanupJob];

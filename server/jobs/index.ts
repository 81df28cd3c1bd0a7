import type { JobDefinition } from './registry.js';
import { callbackJob } from './callback.js';
import { cleanupJob } from './cleanup.js';
import { keepInTouchJob } from './keep-in-touch.js';
import { redistributeJob } from './redistribute.js';
import { remindersJob } from './reminders.js';
import { speedToLeadJob } from './speed-to-lead.js';

/** Every scheduled job of Leadline, in one list. */
export const jobs: JobDefinition[] = [remindersJob, speedToLeadJob, redistributeJob, callbackJob, keepInTouchJob, cleanupJob];

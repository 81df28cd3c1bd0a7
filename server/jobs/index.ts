import type { JobDefinition } from './registry.js';

/** Every scheduled job of Leadline, in one list. */
export const jobs: JobDefinition[] = [];

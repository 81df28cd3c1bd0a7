/**
 * The JSON shapes of Leadline's API and live events: presenters on the server build them, the web app reads
 * them. Besides types it holds only constant lists (statuses, colours, steps), so web/ imports it directly.
 * Times are ISO-8601 UTC strings.
 */

export * from './api-types/people.js';
export * from './api-types/organisation.js';
export * from './api-types/leads.js';
export * from './api-types/calls.js';
export * from './api-types/stats.js';
export * from './api-types/imports.js';
export * from './api-types/clients.js';

export interface ApiError {
  error: { code: string; message: string; fields?: Record<string, string> };
}

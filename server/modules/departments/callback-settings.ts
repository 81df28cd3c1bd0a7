import { z } from 'zod';
import type { InstantCallbackSettings } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';

/** A department's instant callback until a director turns it on: off, retries after 2, 10 and 60 minutes. */
export const DEFAULT_INSTANT_CALLBACK: InstantCallbackSettings = { enabled: false, retryMinutes: [2, 10, 60] };

/** What a director may send (PATCH /api/departments/:id `instantCallback`): up to 10 retries of 1 minute to a day each. */
export const InstantCallbackSchema = z.object({
  enabled: z.boolean(),
  retryMinutes: z.array(z.number().int().min(1).max(1440)).max(10).default([]),
});

interface CallbackRow {
  department_id: number;
  enabled: number | boolean;
  retry_minutes: string;
}

function rowToSettings(r: CallbackRow): InstantCallbackSettings {
  return { enabled: Boolean(r.enabled), retryMinutes: r.retry_minutes ? r.retry_minutes.split(',').map(Number) : [] };
}

/** Each department's saved instant-callback settings; every department when `ids` is omitted. */
export async function loadInstantCallback(db: Queryable, ids?: number[]): Promise<Map<number, InstantCallbackSettings>> {
  const q = db('department_callback').select<CallbackRow[]>('department_id', 'enabled', 'retry_minutes');
  if (ids) q.whereIn('department_id', ids);
  const rows = await q;
  return new Map(rows.map((r) => [Number(r.department_id), rowToSettings(r)]));
}

export function instantCallbackOf(settings: Map<number, InstantCallbackSettings>, departmentId: number): InstantCallbackSettings {
  return settings.get(departmentId) ?? DEFAULT_INSTANT_CALLBACK;
}

export async function saveInstantCallback(db: Queryable, departmentId: number, s: InstantCallbackSettings): Promise<void> {
  const row = { enabled: s.enabled, retry_minutes: s.retryMinutes.join(',') };
  const updated = await db('department_callback').where('department_id', departmentId).update(row);
  if (updated === 0) await db('department_callback').insert({ department_id: departmentId, ...row });
}

import type { HistoryEntryDto } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { toDbTime } from '../../db/knex.js';
import { toHistoryEntry, type HistoryRow } from './leads.presenter.js';

export interface HistoryChange {
  leadId: number;
  /** null: the system (a website, the phone). */
  actorId: number | null;
  action: 'created' | 'assigned' | 'status' | 'field' | 'comment' | 'attachment' | 'reminder' | 'call' | 'client';
  field?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

/** How a value is kept in a history row: text, a list joined with commas, null for nothing. */
export function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** The `lead_history` row of a change made `at` (a `toDbTime` string). */
export function historyRow(c: HistoryChange, at: string) {
  return { lead_id: c.leadId, actor_id: c.actorId, action: c.action, field: c.field ?? null, old_value: asText(c.oldValue), new_value: asText(c.newValue), created_at: at };
}

/** Writes history rows; call it inside the transaction that makes the change. */
export async function recordHistory(tx: Queryable, changes: HistoryChange[], at: string = toDbTime()): Promise<void> {
  if (changes.length === 0) return;
  await tx('lead_history').insert(changes.map((c) => historyRow(c, at)));
}

/** A lead's history, oldest first, with who did it. */
export async function listHistory(db: Queryable, leadId: number): Promise<HistoryEntryDto[]> {
  const rows: HistoryRow[] = await db('lead_history')
    .leftJoin('users', 'users.id', 'lead_history.actor_id')
    .where('lead_history.lead_id', leadId)
    .orderBy('lead_history.id')
    .select('lead_history.*', 'users.name as actor_name');
  return rows.map(toHistoryEntry);
}

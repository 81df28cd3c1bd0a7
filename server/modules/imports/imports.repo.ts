import type { Queryable } from '../../db/knex.js';
import type { ImportStatus } from '../../api-types.js';
import type { RowProblem } from './read-row.js';

export interface ImportRow {
  id: number;
  user_id: number;
  file_name: string;
  storage_key: string;
  status: ImportStatus;
  total: number;
  done: number;
  created: number;
  updated: number;
  skipped: number;
  /** JSON array of RowProblem, or null before a run. */
  problems: string | null;
}

/** A new upload (status `uploaded`); answers its id. */
export async function insertImport(db: Queryable, r: { userId: number; fileName: string; storageKey: string; total: number }, at: string): Promise<number> {
  const [id] = await db('imports').insert({ user_id: r.userId, file_name: r.fileName, storage_key: r.storageKey, status: 'uploaded', total: r.total, created_at: at, updated_at: at });
  return Number(id);
}

/** One user's import, or undefined (someone else's is not found either). */
export async function findImport(db: Queryable, id: number, userId: number): Promise<ImportRow | undefined> {
  return db('imports').where({ id, user_id: userId }).first<ImportRow | undefined>();
}

/** Marks an import running unless it is running already; answers whether this call started it. */
export async function claimImportRun(db: Queryable, id: number, total: number, at: string): Promise<boolean> {
  const n = await db('imports')
    .where('id', id)
    .whereNot('status', 'running')
    .update({ status: 'running', total, done: 0, created: 0, updated: 0, skipped: 0, problems: null, updated_at: at });
  return n === 1;
}

/** The counters of a run so far, and (at the end) its status and problems. */
export async function saveImportProgress(
  db: Queryable,
  id: number,
  p: { done: number; created: number; updated: number; skipped: number; status?: ImportStatus; problems?: RowProblem[] },
  at: string,
): Promise<void> {
  await db('imports')
    .where('id', id)
    .update({
      done: p.done,
      created: p.created,
      updated: p.updated,
      skipped: p.skipped,
      ...(p.status ? { status: p.status } : {}),
      ...(p.problems ? { problems: JSON.stringify(p.problems) } : {}),
      updated_at: at,
    });
}

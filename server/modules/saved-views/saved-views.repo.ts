import type { SavedViewDto } from '../../api-types.js';
import { fromDbTime, toDbTime, type Queryable } from '../../db/knex.js';

interface SavedViewRow {
  id: number;
  user_id: number;
  name: string;
  query: string;
  created_at: unknown;
}

const toView = (r: SavedViewRow): SavedViewDto => ({ id: Number(r.id), name: r.name, query: r.query, createdAt: fromDbTime(r.created_at) ?? '' });

/** A person's saved views, oldest first (the order they made them in). */
export async function listViewsOf(db: Queryable, userId: number): Promise<SavedViewDto[]> {
  const rows = await db('saved_views').where('user_id', userId).orderBy('id').select<SavedViewRow[]>('*');
  return rows.map(toView);
}

export async function countViewsOf(db: Queryable, userId: number): Promise<number> {
  const row = await db('saved_views').where('user_id', userId).count<{ n: number | string }[]>({ n: '*' }).first();
  return Number(row?.n ?? 0);
}

export async function findViewByName(db: Queryable, userId: number, name: string): Promise<SavedViewDto | null> {
  const row = await db('saved_views').where({ user_id: userId, name }).first<SavedViewRow | undefined>();
  return row ? toView(row) : null;
}

export async function insertView(db: Queryable, userId: number, name: string, query: string): Promise<SavedViewDto> {
  const at = toDbTime();
  const [id] = await db('saved_views').insert({ user_id: userId, name, query, created_at: at });
  return { id: Number(id), name, query, createdAt: fromDbTime(at) ?? '' };
}

export async function updateViewQuery(db: Queryable, userId: number, id: number, query: string): Promise<void> {
  await db('saved_views').where({ id, user_id: userId }).update({ query });
}

/** Deletes one of the person's own views; false when they have no such view. */
export async function deleteViewOf(db: Queryable, userId: number, id: number): Promise<boolean> {
  return (await db('saved_views').where({ id, user_id: userId }).delete()) > 0;
}

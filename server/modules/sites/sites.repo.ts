import { isLocale } from '../../lib/locale.js';
import type { SiteDto } from '../../api-types.js';
import { fromDbTime, type Queryable } from '../../db/knex.js';
import { randomToken, sha256 } from '../../lib/password.js';

export interface SiteRow {
  id: number;
  name: string;
  department_id: number;
  key_prefix: string;
  allowed_origins: string;
  active: number | boolean;
  locale: string | null;
  created_at: string;
}

const SITE_COLUMNS = ['id', 'name', 'department_id', 'key_prefix', 'allowed_origins', 'active', 'locale', 'created_at'];

export function rowToSite(r: SiteRow): SiteDto {
  let origins: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.allowed_origins || '[]');
    if (Array.isArray(parsed)) origins = parsed.map(String);
  } catch {
    origins = [];
  }
  return {
    id: Number(r.id),
    name: r.name,
    departmentId: Number(r.department_id),
    allowedOrigins: origins,
    keyPrefix: r.key_prefix,
    active: Boolean(r.active),
    locale: isLocale(r.locale) ? r.locale : null,
    createdAt: fromDbTime(r.created_at)!,
  };
}

/** A new site key: shown once, stored only as its sha256 and its first characters (to recognise it). */
export function newSiteKey(): { key: string; keyHash: string; keyPrefix: string } {
  const key = `ll_${randomToken(24)}`;
  return { key, keyHash: sha256(key), keyPrefix: key.slice(0, 8) };
}

export async function listSites(db: Queryable, scope: 'all' | { departmentId: number | null }): Promise<SiteDto[]> {
  const q = db('sites').select<SiteRow[]>(SITE_COLUMNS).orderBy('name').orderBy('id');
  if (scope !== 'all') q.where('department_id', scope.departmentId ?? -1);
  return (await q).map(rowToSite);
}

export async function findSite(db: Queryable, id: number): Promise<SiteDto | null> {
  const row = await db('sites').where('id', id).first<SiteRow | undefined>(SITE_COLUMNS);
  return row ? rowToSite(row) : null;
}

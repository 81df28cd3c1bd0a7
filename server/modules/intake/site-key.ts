import type { Queryable } from '../../db/knex.js';
import { sha256 } from '../../lib/password.js';

export interface IntakeSite {
  id: number;
  departmentId: number;
  allowedOrigins: string[];
}

/** `https://Shop.example/` → `https://shop.example`; anything unparsable → null (never matches). */
export function normalizeOrigin(o: string): string | null {
  if (o.trim() === '*') return '*';
  try {
    const u = new URL(o.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

function parseOrigins(json: string | null): string[] {
  try {
    const list: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string').map(normalizeOrigin).filter((o): o is string => o !== null) : [];
  } catch {
    return [];
  }
}

/** The active site a key belongs to; keys are stored only as their sha256. */
export async function findActiveSite(db: Queryable, key: string): Promise<IntakeSite | null> {
  const row = await db('sites')
    .where('key_hash', sha256(key))
    .first<{ id: number; department_id: number; allowed_origins: string; active: boolean | number } | undefined>('id', 'department_id', 'allowed_origins', 'active');
  if (!row || !row.active) return null;
  return { id: Number(row.id), departmentId: Number(row.department_id), allowedOrigins: parseOrigins(row.allowed_origins) };
}

/** Every origin some active site accepts (a CORS preflight carries no key, so it is answered for all sites). */
export async function originsOfActiveSites(db: Queryable): Promise<Set<string>> {
  const rows: { allowed_origins: string }[] = await db('sites').where('active', true).select('allowed_origins');
  return new Set(rows.flatMap((r) => parseOrigins(r.allowed_origins)));
}

export function siteAllowsOrigin(site: IntakeSite, origin: string): boolean {
  const o = normalizeOrigin(origin);
  return o !== null && (site.allowedOrigins.includes('*') || site.allowedOrigins.includes(o));
}

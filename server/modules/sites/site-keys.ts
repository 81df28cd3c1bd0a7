import type { Locale } from '../../api-types.js';
import { isLocale } from '../../lib/locale.js';
import type { Queryable } from '../../db/knex.js';
import { sha256 } from '../../lib/password.js';

export interface IntakeSite {
  id: number;
  departmentId: number;
  allowedOrigins: string[];
  /** The language of the pages its visitors see; null: the install's default. */
  locale: Locale | null;
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

export function siteAllowsOrigin(site: IntakeSite, origin: string): boolean {
  const o = normalizeOrigin(origin);
  return o !== null && (site.allowedOrigins.includes('*') || site.allowedOrigins.includes(o));
}

/** How long another instance may go on accepting a key this one has rotated or a site it has turned off. */
export const SITE_KEY_CACHE_MS = 5000;
const MAX_CACHED_KEYS = 10_000;

/**
 * Every intake request names its site by key, so known keys are kept in memory for a few seconds instead of
 * costing a hash and a query each (the database holds only their sha256). A change made through this process
 * (new site, rotated key, turned off, new origins) is seen at once: the sites use cases call forget(). Unknown
 * keys are never cached.
 */
export class SiteKeys {
  private byKey = new Map<string, { at: number; site: IntakeSite | null }>();
  private origins: { at: number; set: Set<string> } | null = null;

  constructor(private readonly db: Queryable) {}

  /** The active site a key belongs to, or null. */
  async find(key: string): Promise<IntakeSite | null> {
    const cached = this.byKey.get(key);
    if (cached && Date.now() - cached.at < SITE_KEY_CACHE_MS) return cached.site;
    const row = await this.db('sites')
      .where('key_hash', sha256(key))
      .first<{ id: number; department_id: number; allowed_origins: string; active: boolean | number; locale: string | null } | undefined>(
        'id',
        'department_id',
        'allowed_origins',
        'active',
        'locale',
      );
    if (!row) return null;
    const site = row.active
      ? { id: Number(row.id), departmentId: Number(row.department_id), allowedOrigins: parseOrigins(row.allowed_origins), locale: isLocale(row.locale) ? row.locale : null }
      : null;
    if (this.byKey.size >= MAX_CACHED_KEYS) this.byKey.clear();
    this.byKey.set(key, { at: Date.now(), site });
    return site;
  }

  /** Whether some active site accepts this origin (a CORS preflight carries no key, so it is answered for all sites). */
  async anySiteAllows(origin: string): Promise<boolean> {
    if (!this.origins || Date.now() - this.origins.at >= SITE_KEY_CACHE_MS) {
      const rows: { allowed_origins: string }[] = await this.db('sites').where('active', true).select('allowed_origins');
      this.origins = { at: Date.now(), set: new Set(rows.flatMap((r) => parseOrigins(r.allowed_origins))) };
    }
    const o = normalizeOrigin(origin);
    return o !== null && (this.origins.set.has('*') || this.origins.set.has(o));
  }

  forget(): void {
    this.byKey.clear();
    this.origins = null;
  }
}

const perDatabase = new WeakMap<Queryable, SiteKeys>();

/** The one cache of a database's site keys in this process. */
export function siteKeys(db: Queryable): SiteKeys {
  let keys = perDatabase.get(db);
  if (!keys) perDatabase.set(db, (keys = new SiteKeys(db)));
  return keys;
}

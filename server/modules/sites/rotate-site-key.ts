import type { Locale } from '../../api-types.js';
import type { Db } from '../../db/knex.js';
import { NotFoundError } from '../../errors.js';
import type { SiteWithKey } from './create-site.js';
import { findSite, newSiteKey } from './sites.repo.js';
import { siteKeys } from './site-keys.js';
import { siteSnippet } from './site-snippet.js';

/** A leaked key is replaced: the old one stops working at once, the new one is shown once. */
export async function rotateSiteKey(db: Db, id: number, publicOrigin: string, defaultLocale: Locale): Promise<SiteWithKey> {
  const { key, keyHash, keyPrefix } = newSiteKey();
  const updated = await db('sites').where('id', id).update({ key_hash: keyHash, key_prefix: keyPrefix });
  siteKeys(db).forget();
  if (!updated) throw new NotFoundError('site');
  const site = (await findSite(db, id))!;
  return { site, key, snippet: siteSnippet(publicOrigin, key, site.locale ?? defaultLocale) };
}

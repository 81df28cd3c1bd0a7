import type { Locale, SiteWithKeyDto } from '../../api-types.js';
import { toDbTime, type Db } from '../../db/knex.js';
import { fieldError } from '../../errors.js';
import { departmentExists } from '../departments/departments.repo.js';
import { findSite, newSiteKey } from './sites.repo.js';
import type { CreateSiteInput } from './sites.schema.js';
import { siteKeys } from './site-keys.js';
import { siteSnippet } from './site-snippet.js';
import { text } from '../../i18n/text.js';

export type SiteWithKey = SiteWithKeyDto;

/** A new site and its key (shown this once), with the snippet in the site's language (`defaultLocale` when it has none). */
export async function createSite(db: Db, input: CreateSiteInput, publicOrigin: string, defaultLocale: Locale): Promise<SiteWithKey> {
  if (!(await departmentExists(db, input.departmentId))) {
    throw fieldError('departmentId', text('field.no_such_department'));
  }
  const { key, keyHash, keyPrefix } = newSiteKey();
  const [newId] = await db('sites').insert({
    name: input.name,
    department_id: input.departmentId,
    key_hash: keyHash,
    key_prefix: keyPrefix,
    allowed_origins: JSON.stringify(input.allowedOrigins),
    active: true,
    locale: input.locale,
    created_at: toDbTime(),
  });
  const id = Number(newId);
  siteKeys(db).forget();
  return { site: (await findSite(db, id))!, key, snippet: siteSnippet(publicOrigin, key, input.locale ?? defaultLocale) };
}

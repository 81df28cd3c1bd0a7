import type { SiteWithKeyDto } from '../../api-types.js';
import { toDbTime, type Db } from '../../db/knex.js';
import { ValidationError } from '../../errors.js';
import { departmentExists } from '../departments/departments.repo.js';
import { findSite, newSiteKey } from './sites.repo.js';
import type { CreateSiteInput } from './sites.schema.js';
import { siteKeys } from './site-keys.js';
import { siteSnippet } from './site-snippet.js';

export type SiteWithKey = SiteWithKeyDto;

export async function createSite(db: Db, input: CreateSiteInput, publicOrigin: string): Promise<SiteWithKey> {
  if (!(await departmentExists(db, input.departmentId))) {
    throw new ValidationError('Site is invalid: departmentId: no such department', { departmentId: 'no such department' });
  }
  const { key, keyHash, keyPrefix } = newSiteKey();
  const [newId] = await db('sites').insert({
    name: input.name,
    department_id: input.departmentId,
    key_hash: keyHash,
    key_prefix: keyPrefix,
    allowed_origins: JSON.stringify(input.allowedOrigins),
    active: true,
    created_at: toDbTime(),
  });
  const id = Number(newId);
  siteKeys(db).forget();
  return { site: (await findSite(db, id))!, key, snippet: siteSnippet(publicOrigin, key) };
}

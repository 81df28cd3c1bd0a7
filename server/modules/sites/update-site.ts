import type { SiteDto } from '../../api-types.js';
import type { Db } from '../../db/knex.js';
import { NotFoundError } from '../../errors.js';
import { findSite } from './sites.repo.js';
import type { UpdateSiteInput } from './sites.schema.js';
import { siteKeys } from './site-keys.js';

export async function updateSite(db: Db, id: number, input: UpdateSiteInput): Promise<SiteDto> {
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.allowedOrigins !== undefined) patch.allowed_origins = JSON.stringify(input.allowedOrigins);
  if (input.active !== undefined) patch.active = input.active;
  if (input.locale !== undefined) patch.locale = input.locale;
  if (Object.keys(patch).length) {
    await db('sites').where('id', id).update(patch);
    siteKeys(db).forget();
  }
  const site = await findSite(db, id);
  if (!site) throw new NotFoundError('site');
  return site;
}

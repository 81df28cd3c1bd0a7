import { Router, type Request } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import { requireUser, requireWhen, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { createSite } from './create-site.js';
import { rotateSiteKey } from './rotate-site-key.js';
import { findSite, listSites } from './sites.repo.js';
import { CreateSiteSchema, UpdateSiteSchema } from './sites.schema.js';
import { updateSite } from './update-site.js';
import { canManageSites, canSeeSite, siteScope } from './sites.policy.js';
import { siteSnippet } from './site-snippet.js';
import { text } from '../../i18n/text.js';

/** Where websites post to: this server as the browser reached it. */
function publicOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/** Websites that send leads. Keys are shown once (create, rotate); lists show only their first characters. */
export function sitesRoutes({ db, config }: Deps): Router {
  const router = Router();
  const manage = requireWhen(canManageSites, text('error.sites_forbidden'));

  router.get('/', requireUser, async (req, res) => {
    res.json({ items: await listSites(db, siteScope(userOf(req))) });
  });

  router.get('/:id', requireUser, async (req, res) => {
    const user = userOf(req);
    const { id } = parse(IdParams, req.params);
    const site = await findSite(db, id);
    if (!site || !canSeeSite(user, site)) throw new NotFoundError('site');
    res.json({ site });
  });

  router.post('/', manage, async (req, res) => {
    res.status(201).json(await createSite(db, parse(CreateSiteSchema, req.body), publicOrigin(req), config.defaultLocale));
  });

  router.patch('/:id', manage, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json({ site: await updateSite(db, id, parse(UpdateSiteSchema, req.body)) });
  });

  /** The snippet again at any time, with the key's first characters where the key goes (the key itself is kept only hashed). */
  router.get('/:id/snippet', manage, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const site = await findSite(db, id);
    if (!site) throw new NotFoundError('site');
    res.json({ snippet: siteSnippet(publicOrigin(req), `${site.keyPrefix}…`, site.locale ?? config.defaultLocale) });
  });

  router.post('/:id/rotate-key', manage, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json(await rotateSiteKey(db, id, publicOrigin(req), config.defaultLocale));
  });

  return router;
}

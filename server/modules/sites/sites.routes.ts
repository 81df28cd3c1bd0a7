import { Router, type Request } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import { requireRole, requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { createSite } from './create-site.js';
import { rotateSiteKey } from './rotate-site-key.js';
import { findSite, listSites } from './sites.repo.js';
import { CreateSiteSchema, UpdateSiteSchema } from './sites.schema.js';
import { updateSite } from './update-site.js';

/** Where websites post to: this server as the browser reached it. */
function publicOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/** Websites that send leads. Keys are shown once (create, rotate); lists show only their first characters. */
export function sitesRoutes({ db }: Deps): Router {
  const router = Router();

  router.get('/', requireUser, async (req, res) => {
    const user = userOf(req);
    res.json({ items: await listSites(db, user.role === 'director' ? undefined : user.departmentId) });
  });

  router.get('/:id', requireUser, async (req, res) => {
    const user = userOf(req);
    const { id } = parse(IdParams, req.params);
    const site = await findSite(db, id);
    if (!site || (user.role !== 'director' && site.departmentId !== user.departmentId)) throw new NotFoundError('Site');
    res.json({ site });
  });

  router.post('/', requireRole('director'), async (req, res) => {
    res.status(201).json(await createSite(db, parse(CreateSiteSchema, req.body), publicOrigin(req)));
  });

  router.patch('/:id', requireRole('director'), async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json({ site: await updateSite(db, id, parse(UpdateSiteSchema, req.body)) });
  });

  router.post('/:id/rotate-key', requireRole('director'), async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json(await rotateSiteKey(db, id, publicOrigin(req)));
  });

  return router;
}

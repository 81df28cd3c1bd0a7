import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { NotFoundError } from '../../errors.js';
import { requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { saveView } from './save-view.js';
import { deleteViewOf, listViewsOf } from './saved-views.repo.js';
import { SaveViewSchema } from './saved-views.schema.js';

/** /api/views: the lead list's saved views of the logged-in user; nobody sees or changes another's. */
export function savedViewsRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/', async (req, res) => {
    res.json({ items: await listViewsOf(deps.db, userOf(req).id) });
  });

  router.post('/', async (req, res) => {
    const { view, created } = await saveView(deps, userOf(req), parse(SaveViewSchema, req.body));
    res.status(created ? 201 : 200).json({ view });
  });

  router.delete('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    if (!(await deleteViewOf(deps.db, userOf(req).id, id))) throw new NotFoundError('view');
    res.status(204).end();
  });

  return router;
}

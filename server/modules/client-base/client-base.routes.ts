import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { NotFoundError } from '../../errors.js';
import { IdParams, parse } from '../../lib/validate.js';
import { loadClient } from '../clients/clients.repo.js';
import { PatchClientSchema } from './client-base.schema.js';
import { clientVisibleTo } from './client-base.policy.js';
import { updateClient } from './update-client.js';

/** /api/clients/:id: a client is visible to whoever may see one of the client's leads. */
export function clientBaseRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    if (!(await clientVisibleTo(deps, userOf(req), id))) throw new NotFoundError('client');
    res.json({ client: await loadClient(deps.db, id) });
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const patch = parse(PatchClientSchema, req.body);
    res.json({ client: await updateClient(deps, userOf(req), id, patch) });
  });

  return router;
}

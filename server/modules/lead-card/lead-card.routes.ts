import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { getLeadCard } from './get-lead-card.js';

/** GET /api/leads/:id: the lead card. */
export function leadCardRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/leads/:id', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json(await getLeadCard(deps, userOf(req), id));
  });
  return router;
}

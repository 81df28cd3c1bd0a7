import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { parse } from '../../lib/validate.js';
import { listActivity } from './list-activity.js';
import { ActivityQuery } from './activity.schema.js';

/** GET /api/activity: a person's feed, newest first, by cursor. */
export function activityRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/activity', requireUser, async (req, res) => {
    res.json(await listActivity(deps.db, userOf(req), parse(ActivityQuery, req.query)));
  });
  return router;
}

import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { parse } from '../../lib/validate.js';
import { assignLeads } from './assign-leads.js';
import { BulkAssignSchema, NextInTurnQuery } from './inbox.schema.js';
import { nextInTurn } from './next-in-turn.js';

/** /api/inbox: the curator's inbox tools — several leads to one manager, and who is next in turn. Thin routes. */
export function inboxRoutes(deps: Deps): Router {
  const router = Router();

  router.post('/assign', requireUser, async (req, res) => {
    const { leads, managerId } = parse(BulkAssignSchema, req.body);
    res.json(await assignLeads(deps, userOf(req), leads, managerId));
  });

  router.get('/next-in-turn', requireUser, async (req, res) => {
    const { departmentId } = parse(NextInTurnQuery, req.query);
    res.json({ next: await nextInTurn(deps, userOf(req), departmentId) });
  });

  return router;
}

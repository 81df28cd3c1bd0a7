import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { listOpenRemindersOf } from './reminders.repo.js';
import { PatchReminderSchema } from './reminders.schema.js';
import { updateReminder } from './update-reminder.js';

/** /api/reminders: my reminders. Setting one is POST /api/leads/:id/reminders (leads.routes.ts). */
export function remindersRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/', async (req, res) => {
    res.json({ items: await listOpenRemindersOf(deps.db, userOf(req).id) });
  });

  router.patch('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const change = parse(PatchReminderSchema, req.body);
    res.json({ reminder: await updateReminder(deps, userOf(req), id, change) });
  });
  return router;
}

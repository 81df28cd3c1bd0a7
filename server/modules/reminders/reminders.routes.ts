import { userLocale } from '../../http/locale.js';
import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { requireUser, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { listLeadsWithoutNextStep } from './list-leads-without-next-step.js';
import { listMyReminders } from './list-my-reminders.js';
import { PatchReminderSchema, SetReminderSchema } from './reminders.schema.js';
import { setReminder } from './set-reminder.js';
import { updateReminder } from './update-reminder.js';

/** /api/reminders: my reminders with their leads, and my leads without a next step; POST /api/leads/:id/reminders sets one on a lead. */
export function remindersRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/leads/:id/reminders', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const { at, text } = parse(SetReminderSchema, req.body);
    res.status(201).json({ reminder: await setReminder(deps, userOf(req), id, at, text) });
  });

  router.get('/reminders', requireUser, async (req, res) => {
    res.json({ items: await listMyReminders(deps, userOf(req), userLocale(userOf(req), deps.config.defaultLocale)) });
  });

  router.get('/reminders/without-next-step', requireUser, async (req, res) => {
    res.json({ items: await listLeadsWithoutNextStep(deps, userOf(req)) });
  });

  router.patch('/reminders/:id', requireUser, async (req, res) => {
    const { id } = parse(IdParams, req.params);
    const change = parse(PatchReminderSchema, req.body);
    res.json({ reminder: await updateReminder(deps, userOf(req), id, change) });
  });
  return router;
}

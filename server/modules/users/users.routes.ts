import { Router } from 'express';
import type { Deps } from '../../deps.js';
import { ForbiddenError } from '../../errors.js';
import { requireUser, sessionToken, userOf } from '../../http/auth.js';
import { IdParams, parse } from '../../lib/validate.js';
import { changeOwnPassword } from './change-own-password.js';
import { createUser } from './create-user.js';
import { getUser, listUsers } from './list-users.js';
import { setOwnPresence } from './set-own-presence.js';
import { updateUser } from './update-user.js';
import { canManageUsers } from './users.policy.js';
import { ChangeOwnPasswordSchema, CreateUserSchema, SetPresenceSchema, UpdateUserSchema } from './users.schema.js';
import { text } from '../../i18n/text.js';

export function usersRoutes(deps: Deps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/', async (req, res) => {
    res.json({ items: await listUsers(deps, userOf(req)) });
  });

  // The /me routes come before /:id.
  router.get('/me', async (req, res) => {
    const me = userOf(req);
    res.json({ user: await getUser(deps, me, me.id) });
  });

  router.patch('/me', async (req, res) => {
    const input = parse(ChangeOwnPasswordSchema, req.body);
    await changeOwnPassword(deps, userOf(req), input, sessionToken(req.headers.cookie));
    res.status(204).end();
  });

  router.patch('/me/presence', async (req, res) => {
    const { presence } = parse(SetPresenceSchema, req.body);
    res.json(await setOwnPresence(deps, userOf(req), presence));
  });

  router.get('/:id', async (req, res) => {
    const { id } = parse(IdParams, req.params);
    res.json({ user: await getUser(deps, userOf(req), id) });
  });

  router.post('/', async (req, res) => {
    const actor = userOf(req);
    if (!canManageUsers(actor)) throw new ForbiddenError(text('error.team_add_forbidden'));
    res.status(201).json({ user: await createUser(deps, actor, parse(CreateUserSchema, req.body)) });
  });

  router.patch('/:id', async (req, res) => {
    const actor = userOf(req);
    if (!canManageUsers(actor)) throw new ForbiddenError(text('error.team_edit_forbidden'));
    const { id } = parse(IdParams, req.params);
    res.json({ user: await updateUser(deps, actor, id, parse(UpdateUserSchema, req.body)) });
  });

  return router;
}

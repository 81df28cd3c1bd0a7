import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { securityMiddleware } from './http/security-headers.js';
import type { Deps } from './deps.js';
import { loadUser, sameOriginWrites } from './http/auth.js';
import { errorHandler, notFound } from './http/error-handler.js';
import { AppError } from './errors.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { departmentsRoutes } from './modules/departments/departments.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { sitesRoutes } from './modules/sites/sites.routes.js';
import { leadsRoutes } from './modules/leads/leads.routes.js';
import { clientBaseRoutes } from './modules/client-base/client-base.routes.js';
import { savedViewsRoutes } from './modules/saved-views/saved-views.routes.js';
import { remindersRoutes } from './modules/reminders/reminders.routes.js';
import { leadCardRoutes } from './modules/lead-card/lead-card.routes.js';
import { callsRoutes } from './modules/calls/calls.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { activityRoutes } from './modules/activity/activity.routes.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { inboxRoutes } from './modules/inbox/inbox.routes.js';
import { text } from './i18n/text.js';
import { wellFormedStrings } from './lib/validate.js';

/** A body the API cannot read is refused as such (415), not misread as an empty one. */
const acceptedBodyTypes: express.RequestHandler = (req, _res, next) => {
  if (req.headers['content-type'] && !req.is(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'])) {
    throw new AppError(415, 'unsupported_media_type', text('error.unsupported_body'));
  }
  next();
};

/** The built web app: next to server/ when run from the sources, two folders up when run from dist/server/. */
const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = [path.resolve(here, '../web/dist'), path.resolve(here, '../../web/dist')].find((dir) => fs.existsSync(dir)) ?? path.resolve(here, '../web/dist');

/** The express app without listening: index.ts serves it, tests drive it directly. */
export function createApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.config.trustProxy) app.set('trust proxy', 1);
  app.use(securityMiddleware(deps.config.trustProxy));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const telephony = deps.telephony.status();
    try {
      await deps.db.raw('select 1');
      res.json({ ok: true, database: 'up', telephony });
    } catch (err) {
      deps.log.warn({ err }, 'readiness: database unreachable');
      res.status(503).json({ ok: false, database: 'down', telephony });
    }
  });

  app.use('/api', acceptedBodyTypes, express.json({ limit: '256kb', reviver: wellFormedStrings }), express.urlencoded({ extended: false, limit: '256kb' }));
  app.use('/api', loadUser(deps.db), sameOriginWrites);
  app.use('/api/auth', authRoutes(deps));
  app.use('/api/departments', departmentsRoutes(deps));
  app.use('/api/users', usersRoutes(deps));
  app.use('/api/sites', sitesRoutes(deps));
  app.use('/api', leadsRoutes(deps));
  app.use('/api/clients', clientBaseRoutes(deps));
  app.use('/api/views', savedViewsRoutes(deps));
  app.use('/api', remindersRoutes(deps));
  app.use('/api', leadCardRoutes(deps));
  app.use('/api', callsRoutes(deps));
  app.use('/api', statsRoutes(deps));
  app.use('/api', activityRoutes(deps));
  app.use('/api/imports', importsRoutes(deps));
  app.use('/api/inbox', inboxRoutes(deps));
  app.use('/api', notFound);

  if (fs.existsSync(webDist)) {
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(webDist, 'index.html'));
    });
  }
  app.use(errorHandler(deps.log, deps.config.defaultLocale));
  return app;
}

import { Router } from 'express';
import type { Deps } from '../../deps.js';

export function sitesRoutes(_deps: Deps): Router {
  const router = Router();
  return router;
}

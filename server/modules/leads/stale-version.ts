import type { ErrorRequestHandler } from 'express';
import { ConflictError } from '../../errors.js';

/** Someone else saved first: the answer carries what is there now, so the page can show it and let the user redo. */
export class StaleVersionError extends ConflictError {
  constructor(
    readonly current: unknown,
    what = 'lead',
  ) {
    super(`Someone else changed this ${what} first; review their change and try again`, 'stale_version');
  }
}

/** 409 `{error: {code: 'stale_version', message}, current}`. */
export const staleVersionAnswer: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof StaleVersionError)) return next(err);
  res.status(409).json({ error: { code: err.code, message: err.message }, current: err.current });
};

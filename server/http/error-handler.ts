import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError } from '../api-types.js';
import { AppError, NotFoundError, StaleVersionError } from '../errors.js';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError('Route'));

export interface HttpError {
  status: number;
  body: ApiError & { current?: unknown };
}

const answer = (status: number, code: string, message: string, fields?: Record<string, string>): HttpError => ({
  status,
  body: { error: { code, message, ...(fields ? { fields } : {}) } },
});

/**
 * The one place where errors become HTTP answers: our own errors, and the body parsers' and multer's (the client's
 * fault, said plainly). Anything else is ours: null, and the caller logs it and answers 500.
 */
export function httpErrorOf(err: unknown): HttpError | null {
  // 409 `{error: {code: 'stale_version', message}, current}`: what is there now, to show and redo on.
  if (err instanceof StaleVersionError) return { status: 409, body: { error: { code: err.code, message: err.message }, current: err.current } };
  if (err instanceof AppError) return answer(err.status, err.code, err.message, err.fields);
  const e = (err ?? {}) as { type?: string; status?: number; code?: string; field?: string; message?: string };
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') return answer(413, 'payload_too_large', 'The request body is too large');
  if (e.type === 'entity.parse.failed') return answer(400, 'malformed_body', 'The request body is not valid JSON');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return answer(415, 'unsupported_media_type', e.message ?? 'Unsupported encoding');
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    return answer(400, 'bad_upload', e.message ?? 'Bad upload', e.field ? { [e.field]: e.message ?? 'bad upload' } : undefined);
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return answer(e.status, 'bad_request', e.message ?? 'Bad request');
  return null;
}

export const INTERNAL_ERROR: HttpError = answer(500, 'internal', 'Something went wrong on our side; nothing you sent was lost');

/** Express's end of httpErrorOf. Bad input never becomes a 500. */
export function errorHandler(log: { error(obj: object, msg: string): void }): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    const known = httpErrorOf(err);
    if (!known) log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    const { status, body } = known ?? INTERNAL_ERROR;
    res.status(status).json(body);
  };
}

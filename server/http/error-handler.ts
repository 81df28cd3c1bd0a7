import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError, NotFoundError } from '../errors.js';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError('Route'));

/** The one place where errors become HTTP answers. Bad input never becomes a 500. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof AppError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } });
      return;
    }
    const e = err as { type?: string; status?: number; code?: string; field?: string; message?: string };
    // body-parser and multer errors: the client's fault, said plainly.
    if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'The request body is too large' } });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'malformed_body', message: 'The request body is not valid JSON' } });
      return;
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      res.status(415).json({ error: { code: 'unsupported_media_type', message: e.message ?? 'Unsupported encoding' } });
      return;
    }
    if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
      res.status(400).json({ error: { code: 'bad_upload', message: e.message ?? 'Bad upload', ...(e.field ? { fields: { [e.field]: e.message } } : {}) } });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'bad_request', message: e.message ?? 'Bad request' } });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side; nothing you sent was lost' } });
  };
}

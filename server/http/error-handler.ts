import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError, Locale } from '../api-types.js';
import { AppError, NotFoundError, StaleVersionError } from '../errors.js';
import { text, type Text } from '../i18n/text.js';
import { translate } from '../i18n/translate.js';
import { requestLocale } from './locale.js';

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError('route'));

export interface HttpError {
  status: number;
  body: ApiError & { current?: unknown };
}

function answer(locale: Locale, status: number, code: string, message: Text, fields?: Record<string, Text>): HttpError {
  const translated = fields && Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, translate(locale, t)]));
  return { status, body: { error: { code, message: translate(locale, message), ...(translated ? { fields: translated } : {}) } } };
}

/**
 * The one place where errors become HTTP answers, in the asker's language (`code` stays the same in every
 * language): our own errors, and the body parsers' and multer's (the client's fault, said plainly). Anything else
 * is ours: null, and the caller logs it and answers 500.
 */
export function httpErrorOf(err: unknown, locale: Locale): HttpError | null {
  if (err instanceof StaleVersionError) {
    // 409 `{error: {code: 'stale_version', message}, current}`: what is there now, to show and redo on.
    return { ...answer(locale, 409, err.code, err.text), body: { ...answer(locale, 409, err.code, err.text).body, current: err.current } };
  }
  if (err instanceof AppError) return answer(locale, err.status, err.code, err.text, err.fields);
  const e = (err ?? {}) as { type?: string; status?: number; code?: string; field?: string };
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') return answer(locale, 413, 'payload_too_large', text('error.too_large'));
  if (e.type === 'entity.parse.failed') return answer(locale, 400, 'malformed_body', text('error.malformed_json'));
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return answer(locale, 415, 'unsupported_media_type', text('error.send_utf8'));
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    const message = text('error.bad_upload');
    return answer(locale, 400, 'bad_upload', message, e.field ? { [e.field]: message } : undefined);
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return answer(locale, e.status, 'bad_request', text('error.bad_request'));
  return null;
}

/** Our fault: said plainly, in the asker's language. */
export function internalError(locale: Locale): HttpError {
  return answer(locale, 500, 'internal', text('error.internal'));
}

/** Express's end of httpErrorOf. Bad input never becomes a 500. */
export function errorHandler(log: { error(obj: object, msg: string): void }, defaultLocale: Locale): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    const locale = requestLocale(req, defaultLocale);
    const known = httpErrorOf(err, locale);
    if (!known) log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    const { status, body } = known ?? internalError(locale);
    res.status(status).json(body);
  };
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError, Locale } from '../api-types.js';
import { AppError, NotFoundError, StaleVersionError } from '../errors.js';
import { text, type Text } from '../i18n/text.js';
import { translate } from '../i18n/translate.js';
import { requestLocale } from './locale.js';
import { isDatabaseUnavailable } from '../db/db-errors.js';
import { burstLogOf } from '../lib/burst-log.js';

/** What a client waits before asking again while the database is down (Retry-After, seconds). */
export const DATABASE_RETRY_AFTER_SEC = 5;

export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError('route'));

export interface HttpError {
  status: number;
  body: ApiError & { current?: unknown };
  /** Headers the answer carries besides the body (Retry-After of a 503). */
  headers?: Record<string, string>;
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
  if (isDatabaseUnavailable(err)) {
    // Nothing was stored, and saying so is the honest answer; asking again shortly may work.
    return { ...answer(locale, 503, 'database_unavailable', text('error.database_unavailable')), headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SEC) } };
  }
  const e = (err ?? {}) as { type?: string; status?: number; code?: string; field?: string };
  if (e.type === 'entity.too.large' || e.code === 'LIMIT_FILE_SIZE') return answer(locale, 413, 'payload_too_large', text('error.too_large'));
  if (e.type === 'entity.parse.failed') return answer(locale, 400, 'malformed_body', text('error.malformed_json'));
  if (isMalformedMultipart(err)) return answer(locale, 400, 'malformed_body', text('error.malformed_form'));
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return answer(locale, 415, 'unsupported_media_type', text('error.send_utf8'));
  if (typeof e.code === 'string' && e.code.startsWith('LIMIT_')) {
    const message = text('error.bad_upload');
    return answer(locale, 400, 'bad_upload', message, e.field ? { [e.field]: message } : undefined);
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return answer(locale, e.status, 'bad_request', text('error.bad_request'));
  return null;
}

type Log = Record<'error' | 'warn', (obj: object, msg: string) => void>;

/**
 * Logs an error that became an answer: a database outage once per outage (burst-log.ts), anything of ours (no
 * `known` answer) each time with its stack; the client's own mistakes not at all.
 */
export function logHttpError(log: Log, err: unknown, known: HttpError | null, where: { method?: string; url?: string }): void {
  if (known?.body.error.code === 'database_unavailable') burstLogOf(log)('database_unavailable', 'error', { err, ...where }, 'database unavailable: answering 503 until it is back');
  else if (!known) log.error({ err, ...where }, 'unhandled error');
}

/** busboy's errors (through multer) for a multipart body that is cut short or not multipart at all: the sender's. */
const MULTIPART_ERRORS = /^(Unexpected end of (form|file)|Malformed part header|Malformed content type|Multipart: Boundary not found|Part terminated early|Unsupported content type)/;

function isMalformedMultipart(err: unknown): boolean {
  return err instanceof Error && !(err as { code?: unknown }).code && MULTIPART_ERRORS.test(err.message);
}

/** Our fault: said plainly, in the asker's language. */
export function internalError(locale: Locale): HttpError {
  return answer(locale, 500, 'internal', text('error.internal'));
}

/** Express's end of httpErrorOf. Bad input never becomes a 500. */
export function errorHandler(log: Log, defaultLocale: Locale): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    const locale = requestLocale(req, defaultLocale);
    const known = httpErrorOf(err, locale);
    logHttpError(log, err, known, { method: req.method, url: req.originalUrl });
    const { status, body, headers } = known ?? internalError(locale);
    if (headers) res.set(headers);
    res.status(status).json(body);
  };
}

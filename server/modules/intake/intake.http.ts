import type { IncomingMessage, ServerResponse } from 'node:http';
import accepts from 'accepts';
import { parse as parseContentType } from 'content-type';
import { ipKeyGenerator, MemoryStore, type Options as RateLimitOptions } from 'express-rate-limit';
import multer from 'multer';
import getRawBody from 'raw-body';
import type { Deps } from '../../deps.js';
import { AppError, UnauthenticatedError } from '../../errors.js';
import { httpErrorOf, internalError, logHttpError } from '../../http/error-handler.js';
import { burstLogOf } from '../../lib/burst-log.js';
import { requestLocale } from '../../http/locale.js';
import { text } from '../../i18n/text.js';
import type { Locale } from '../../api-types.js';
import { securityHeaders } from '../../http/security-headers.js';
import { parse, wellFormedStrings } from '../../lib/validate.js';
import { siteAllowsOrigin, siteKeys, type IntakeSite } from '../sites/site-keys.js';
import { errorPage, thankYouPage } from './intake.html.js';
import { IdempotencyKeySchema, parseIntake } from './intake.schema.js';
import { receiveSiteLead } from './receive-site-lead.js';
import { parseForm } from './form-body.js';

const PATH = '/api/intake';
const BODY_LIMIT = 32 * 1024;
const RATE_WINDOW_MS = 60_000;
const FORM = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** `/api/intake`, with or without a trailing slash or a query string. */
export function isIntakeUrl(url: string | undefined): boolean {
  if (!url?.startsWith(PATH)) return false;
  const rest = url.slice(PATH.length);
  return rest === '' || rest === '/' || rest.startsWith('?') || rest.startsWith('/?');
}

/** JSON as websites send it; `fetch(…, {mode: 'no-cors'})` can only send text/plain, and it is JSON all the same. */
function isJsonType(mime: string): boolean {
  return mime === 'application/json' || mime === 'text/plain' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** The body's media type, lower-cased without parameters; null when there is no Content-Type. */
  mime: string | null;
  /** The body's charset as the Content-Type names it, lower-cased. */
  charset: string | undefined;
  /** A browser's plain HTML form (not a script): it gets a page or a redirect instead of JSON. */
  formPost: boolean;
  /** The language of the answer: the site's once it is known, before that the visitor's (Accept-Language). */
  locale: Locale;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function httpUrl(s: string | undefined | null): URL | null {
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
const sendHtml = (res: ServerResponse, status: number, html: string) => send(res, status, 'text/html; charset=utf-8', html);

/**
 * POST /api/intake: websites post requests here with their key, JSON or a form, cross-origin. The busiest door of
 * Leadline, so it is served on plain node:http with express's own building blocks (content-type, raw-body,
 * accepts, multer, express-rate-limit's store, helmet's headers) instead of through express's router: the same
 * answers at a third of the cost. CORS is answered for the origins of the sites, bodies are small (32 kB), each
 * key+address is rate-limited, errors are the API's usual `{error}` JSON, or a small page for a plain form.
 */
export function createIntakeHandler(deps: Deps): { handle(req: IncomingMessage, res: ServerResponse): void; close(): void } {
  const { config, log } = deps;
  const sites = siteKeys(deps.db);
  const security = securityHeaders(config.trustProxy);
  const limiter = new MemoryStore();
  limiter.init({ windowMs: RATE_WINDOW_MS } as RateLimitOptions);
  const multipart = multer({ limits: { fieldSize: BODY_LIMIT, fields: 60, files: 0 } }).none();

  function clientIp(req: IncomingMessage): string {
    // Behind one trusted proxy (TRUST_PROXY), the address it saw is the last one it appended.
    const forwarded = config.trustProxy ? header(req, 'x-forwarded-for') : undefined;
    return (forwarded ? forwarded.slice(forwarded.lastIndexOf(',') + 1).trim() : req.socket.remoteAddress) ?? '';
  }

  /** A body that cannot be read: 400, and one warning per burst of them (they come in floods). */
  function malformed(x: Exchange, err: unknown, message: 'error.malformed_form' | 'error.malformed_json'): AppError {
    burstLogOf(log)('intake_malformed_body', 'warn', { reason: err instanceof Error ? err.message : String(err), mime: x.mime }, 'intake: unreadable request bodies');
    return new AppError(400, 'malformed_body', text(message));
  }

  async function readBody(x: Exchange): Promise<unknown> {
    const { req, mime, charset } = x;
    if (mime === null) return undefined;
    if (mime === MULTIPART) {
      try {
        await new Promise<void>((resolve, reject) => multipart(req as never, x.res as never, (err?: unknown) => (err ? reject(err) : resolve())));
      } catch (err) {
        if ((err as { code?: string }).code === 'LIMIT_FIELD_VALUE') throw new AppError(413, 'payload_too_large', text('error.too_large'));
        throw malformed(x, err, 'error.malformed_form');
      }
      return (req as IncomingMessage & { body?: unknown }).body;
    }
    const isForm = mime === FORM;
    if (!isForm && charset && charset !== 'utf-8' && charset !== 'utf8') throw new AppError(415, 'unsupported_media_type', text('error.send_utf8'));
    const encoding = header(req, 'content-encoding');
    if (encoding && encoding.toLowerCase() !== 'identity') throw new AppError(415, 'unsupported_media_type', text('error.send_uncompressed'));
    const raw = await getRawBody(req, { limit: BODY_LIMIT, length: header(req, 'content-length') });
    if (isForm) {
      const fields = parseForm(raw, charset);
      if (!fields) throw new AppError(415, 'unsupported_media_type', text('error.send_utf8'));
      return fields;
    }
    const json = raw.toString('utf-8');
    if (!json.trim()) return {};
    try {
      return JSON.parse(json, wellFormedStrings) as unknown;
    } catch (err) {
      throw malformed(x, err, 'error.malformed_json');
    }
  }

  /** Plain forms cannot set headers, so the key may also come as a `siteKey` field or query parameter. */
  function siteKeyOf(req: IncomingMessage, body: unknown): string | undefined {
    const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>).siteKey : undefined;
    const q = req.url!.indexOf('?');
    const fromQuery = q < 0 ? null : new URLSearchParams(req.url!.slice(q + 1)).get('siteKey');
    const key = header(req, 'x-site-key') ?? (typeof fromBody === 'string' ? fromBody : undefined) ?? fromQuery ?? undefined;
    return key?.trim() || undefined;
  }

  /**
   * Counted before the body is read, so a flood costs no parsing: per site key and address when the key is in
   * the header or the query string, else per address (a plain form's key is in its body).
   */
  async function rateLimit(x: Exchange): Promise<void> {
    const limit = config.intakeRatePerMinute;
    const siteKey = siteKeyOf(x.req, undefined);
    const { totalHits, resetTime } = await limiter.increment(`${siteKey?.slice(0, 200) ?? '-'}|${ipKeyGenerator(clientIp(x.req))}`);
    const reset = Math.max(0, Math.ceil(((resetTime?.getTime() ?? Date.now() + RATE_WINDOW_MS) - Date.now()) / 1000));
    x.res.setHeader('RateLimit-Policy', `${limit};w=${RATE_WINDOW_MS / 1000}`);
    x.res.setHeader('RateLimit', `limit=${limit}, remaining=${Math.max(0, limit - totalHits)}, reset=${reset}`);
    if (totalHits > limit) throw new AppError(429, 'rate_limited', text('error.intake_rate'));
  }

  async function authenticateSite(req: IncomingMessage, key: string | undefined): Promise<IntakeSite> {
    if (!key) throw new UnauthenticatedError(text('error.site_key_required'));
    const site = key.length > 200 ? null : await sites.find(key);
    if (!site) throw new UnauthenticatedError(text('error.site_key_unknown'));
    const origin = header(req, 'origin');
    // A browser posting from a page of another site: the key was copied where it does not belong.
    if (origin && origin !== 'null' && site.allowedOrigins.length > 0 && !siteAllowsOrigin(site, origin)) {
      throw new AppError(403, 'origin_not_allowed', text('error.site_key_origin'));
    }
    return site;
  }

  async function serve(x: Exchange): Promise<void> {
    const { req, res } = x;
    for (const [name, value] of security(req)) res.setHeader(name, value);
    res.setHeader('Vary', 'Origin');
    const origin = header(req, 'origin');
    const allowed = origin ? await sites.anySiteAllows(origin) : false;
    if (allowed) res.setHeader('Access-Control-Allow-Origin', origin!);
    if (req.method === 'OPTIONS') {
      if (!allowed) throw new AppError(403, 'origin_not_allowed', text('error.origin_not_allowed'));
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Site-Key, Idempotency-Key');
      res.setHeader('Access-Control-Max-Age', '600');
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, OPTIONS');
      throw new AppError(405, 'method_not_allowed', text('error.post_only'));
    }
    if (x.mime !== null && !isJsonType(x.mime) && x.mime !== FORM && x.mime !== MULTIPART) {
      throw new AppError(415, 'unsupported_media_type', text('error.intake_body_type'));
    }
    await rateLimit(x);
    const body = await readBody(x);
    const siteKey = siteKeyOf(req, body);
    const site = await authenticateSite(req, siteKey);
    x.locale = site.locale ?? config.defaultLocale;
    // A plain form cannot send headers: the snippet's form sends its key as a field (a bad one costs no lead).
    const fieldKey = IdempotencyKeySchema.safeParse(body && typeof body === 'object' ? (body as Record<string, unknown>).idempotencyKey : undefined);
    const rawKey = header(req, 'idempotency-key');
    const idempotencyKey = rawKey === undefined ? (fieldKey.success ? fieldKey.data : undefined) : parse(IdempotencyKeySchema, rawKey);
    const input = parseIntake(body, config.defaultCountry);
    const referer = httpUrl(header(req, 'referer'));
    // A plain form rarely says which page it was on; the browser does.
    if (!input.pageUrl && x.formPost) input.pageUrl = referer?.href.slice(0, 1000) ?? null;
    const { status, body: result } = await receiveSiteLead(deps, site, input, idempotencyKey);
    res.setHeader('Cache-Control', 'no-store');
    if (!x.formPost) return sendJson(res, status, result);
    const redirect = httpUrl(input.redirect);
    const from = httpUrl(origin) ?? referer;
    if (redirect && (siteAllowsOrigin(site, redirect.origin) || redirect.origin === from?.origin)) {
      res.statusCode = 303;
      res.setHeader('Location', redirect.href);
      res.end();
      return;
    }
    sendHtml(res, status, thankYouPage(x.locale, referer?.href ?? null));
  }

  function fail(x: Exchange, err: unknown): void {
    const { req, res } = x;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const known = httpErrorOf(err, x.locale);
    logHttpError(log, err, known, { method: req.method, url: req.url });
    const { status, body, headers } = known ?? internalError(x.locale);
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    if (x.formPost && known) {
      // A plain form's browser reads a page, not JSON.
      const message = Object.values(body.error.fields ?? {})[0] ?? body.error.message;
      sendHtml(res, status, errorPage(x.locale, message, httpUrl(header(req, 'referer'))?.href ?? null));
      return;
    }
    sendJson(res, status, body);
  }

  return {
    handle(req, res) {
      let mime: string | null = null;
      let charset: string | undefined;
      const contentType = header(req, 'content-type');
      if (contentType) {
        try {
          const parsed = parseContentType(contentType);
          mime = parsed.type.toLowerCase();
          charset = parsed.parameters.charset?.toLowerCase();
        } catch {
          mime = 'application/octet-stream'; // unreadable: refused as an unsupported type
        }
      }
      const formPost = !(mime !== null && isJsonType(mime)) && accepts(req).type(['json', 'html']) === 'html';
      const x: Exchange = { req, res, mime, charset, formPost, locale: requestLocale(req, config.defaultLocale) };
      serve(x).catch((err: unknown) => fail(x, err));
    },
    close() {
      limiter.shutdown();
    },
  };
}

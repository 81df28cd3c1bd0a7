import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import multer from 'multer';
import type { Deps } from '../../deps.js';
import { AppError, UnauthenticatedError, ValidationError } from '../../errors.js';
import { parse } from '../../lib/validate.js';
import { errorPage, thankYouPage } from './intake.html.js';
import { IdempotencyKeySchema, parseIntake } from './intake.schema.js';
import { receiveSiteLead } from './receive-site-lead.js';
import { findActiveSite, normalizeOrigin, originsOfActiveSites, siteAllowsOrigin, type IntakeSite } from './site-key.js';

const BODY_LIMIT = '32kb';
const ORIGINS_CACHE_MS = 5000;
const JSON_TYPES = ['application/json', 'application/*+json', 'text/plain'];
const ACCEPTED_TYPES = [...JSON_TYPES, 'application/x-www-form-urlencoded', 'multipart/form-data'];

declare module 'express-serve-static-core' {
  interface Request {
    intakeSite?: IntakeSite;
  }
}

/** A browser's plain HTML form (not fetch): it gets a page or a redirect instead of JSON. */
function isFormPost(req: Request): boolean {
  return !req.is(JSON_TYPES) && req.accepts(['json', 'html']) === 'html';
}

/** Plain forms cannot set headers, so the key may also come as a `siteKey` field or query parameter. */
function siteKeyOf(req: Request): string | undefined {
  const fromBody = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).siteKey : undefined;
  const key = req.get('x-site-key') ?? (typeof fromBody === 'string' ? fromBody : undefined) ?? (typeof req.query.siteKey === 'string' ? req.query.siteKey : undefined);
  return key?.trim() || undefined;
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

/**
 * POST /api/intake: websites post requests here with their key. Mounted before the same-origin guard and the
 * session: CORS is answered for the origins of the sites, bodies are small, each key+address is rate-limited.
 */
export function intakeRoutes(deps: Deps): Router {
  const router = Router();
  const { db, config } = deps;

  let originsCache: { at: number; origins: Set<string> } | null = null;
  async function anySiteAllows(origin: string): Promise<boolean> {
    if (!originsCache || Date.now() - originsCache.at > ORIGINS_CACHE_MS) originsCache = { at: Date.now(), origins: await originsOfActiveSites(db) };
    const o = normalizeOrigin(origin);
    return o !== null && (originsCache.origins.has('*') || originsCache.origins.has(o));
  }

  const cors: RequestHandler = async (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    const allowed = origin ? await anySiteAllows(origin) : false;
    if (allowed && origin) res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    if (!allowed) {
      res.status(403).json({ error: { code: 'origin_not_allowed', message: 'This origin is not allowed to post requests' } });
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Site-Key, Idempotency-Key');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };

  const supportedType: RequestHandler = (req, _res, next) => {
    if (req.headers['content-type'] && !req.is(ACCEPTED_TYPES)) {
      throw new AppError(415, 'unsupported_media_type', 'Send the request as JSON or as a form (application/x-www-form-urlencoded)');
    }
    next();
  };

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: config.intakeRatePerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => `${siteKeyOf(req) ?? '-'}|${ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req, _res, next) => next(new AppError(429, 'rate_limited', 'Too many requests from this site; wait a minute and try again')),
  });

  const authenticateSite: RequestHandler = async (req, _res, next) => {
    const key = siteKeyOf(req);
    if (!key) throw new UnauthenticatedError('A site key is required (X-Site-Key header)');
    if (key.length > 200) throw new UnauthenticatedError('Unknown or inactive site key');
    const site = await findActiveSite(db, key);
    if (!site) throw new UnauthenticatedError('Unknown or inactive site key');
    const origin = req.get('origin');
    // A browser posting from a page of another site: the key was copied where it does not belong.
    if (origin && origin !== 'null' && site.allowedOrigins.length > 0 && !siteAllowsOrigin(site, origin)) {
      throw new AppError(403, 'origin_not_allowed', 'This site key may not be used from this origin');
    }
    req.intakeSite = site;
    next();
  };

  router.use(cors);
  router.post(
    '/',
    supportedType,
    express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
    express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100 }),
    // fetch(…, {mode: 'no-cors'}) can only send text/plain: it is JSON all the same.
    express.text({ type: 'text/plain', limit: BODY_LIMIT }),
    multer({ limits: { fieldSize: 32 * 1024, fields: 60, files: 0 } }).none(),
    limiter,
    authenticateSite,
    async (req, res) => {
      const site = req.intakeSite as IntakeSite;
      let body: unknown = req.body;
      if (typeof body === 'string') {
        try {
          body = body.trim() ? JSON.parse(body) : {};
        } catch {
          throw new AppError(400, 'malformed_body', 'The request body is not valid JSON');
        }
      }
      const rawKey = req.get('idempotency-key');
      const idempotencyKey = rawKey === undefined ? undefined : parse(IdempotencyKeySchema, rawKey, 'Idempotency-Key');
      const input = parseIntake(body, config.defaultCountry);
      // A plain form rarely says which page it was on; the browser does.
      if (!input.pageUrl && isFormPost(req)) input.pageUrl = httpUrl(req.get('referer'))?.href.slice(0, 1000) ?? null;
      const { status, body: result } = await receiveSiteLead(deps, site, input, idempotencyKey);
      res.setHeader('Cache-Control', 'no-store');
      if (!isFormPost(req)) {
        res.status(status).json(result);
        return;
      }
      const redirect = httpUrl(input.redirect);
      const from = httpUrl(req.get('origin')) ?? httpUrl(req.get('referer'));
      if (redirect && (siteAllowsOrigin(site, redirect.origin) || redirect.origin === from?.origin)) {
        res.redirect(303, redirect.href);
        return;
      }
      res.status(status).type('html').send(thankYouPage(httpUrl(req.get('referer'))?.href ?? null));
    },
  );

  // A plain form's browser reads a page, not JSON; everyone else gets the usual JSON error.
  const formErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (!isFormPost(req)) return next(err);
    const e = err as { status?: number; message?: string; fields?: Record<string, string> };
    const status = err instanceof AppError ? err.status : typeof e.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : null;
    if (status === null) return next(err);
    const message =
      err instanceof ValidationError && err.fields ? Object.values(err.fields)[0] ?? err.message : err instanceof AppError ? err.message : 'The request could not be read';
    res.status(status).type('html').send(errorPage(message.charAt(0).toUpperCase() + message.slice(1), httpUrl(req.get('referer'))?.href ?? null));
  };
  router.use(formErrors);
  return router;
}

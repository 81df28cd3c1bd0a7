import { Router } from 'express';
import { rateLimit, type Options as RateLimitOptions } from 'express-rate-limit';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { SESSION_COOKIE, requireUser, sessionToken, userOf } from '../../http/auth.js';
import { UnauthenticatedError } from '../../errors.js';
import { hashPassword, needsRehash, sha256, verifyLoginPassword } from '../../lib/password.js';
import { parse } from '../../lib/validate.js';
import { createSession, deleteSession, findSessionUser } from '../../http/sessions.js';
import { presentMe } from './present-me.js';
import { LOCALES, type SessionDto } from '../../api-types.js';
import { text } from '../../i18n/text.js';
import { translate } from '../../i18n/translate.js';
import { requestLocale } from '../../http/locale.js';

const PreferencesSchema = z.object({ locale: z.enum(LOCALES).nullable() });

const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** The account a login names, as the per-account limit counts it (whatever the body holds). */
function accountKey(body: unknown): string {
  const email = body && typeof body === 'object' ? (body as Record<string, unknown>).email : undefined;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '-';
}

export function authRoutes(deps: Deps): Router {
  const router = Router();
  const { db, config } = deps;
  const refuse: RateLimitOptions['handler'] = (req, res) => {
    res.status(429).json({ error: { code: 'rate_limited', message: translate(requestLocale(req, config.defaultLocale), text('error.login_rate')) } });
  };
  // Per address (every attempt), and per account (failed attempts, from anywhere: a password guessed from many
  // addresses is still limited, and an office behind one address is not locked out by one person's typos).
  const addressLimiter = rateLimit({ windowMs: 60_000, limit: config.loginRatePerMinute, standardHeaders: 'draft-7', legacyHeaders: false, handler: refuse });
  const accountLimiter = rateLimit({
    windowMs: 60_000,
    limit: config.loginAccountRatePerMinute,
    standardHeaders: false,
    legacyHeaders: false,
    // Only a refused e-mail/password counts: a 503 while the database is down is no guess.
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    keyGenerator: (req) => `account:${accountKey(req.body)}`,
    handler: refuse,
  });

  router.post('/login', addressLimiter, accountLimiter, async (req, res) => {
    const { email, password } = parse(LoginSchema, req.body);
    const user = await db('users').where({ email, active: true }).first('id', 'password_hash');
    // The same answer, after the same scrypt work, for an unknown e-mail and a wrong password: no account discovery.
    if (!(await verifyLoginPassword(password, user?.password_hash))) throw new UnauthenticatedError(text('error.login_failed'));
    // A hash made with older parameters is made again with today's, now that the password is at hand.
    if (needsRehash(user.password_hash)) await db('users').where('id', user.id).update({ password_hash: await hashPassword(password) });
    const token = await createSession(db, user.id, config.sessionTtlMs);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.cookieSecure,
      maxAge: config.sessionTtlMs,
      path: '/',
    });
    const sessionUser = await findSessionUser(db, token);
    if (!sessionUser) throw new UnauthenticatedError(text('error.login_failed'));
    res.json({ user: await presentMe(db, sessionUser, config.defaultLocale) });
  });

  router.post('/logout', async (req, res) => {
    const token = sessionToken(req.headers.cookie);
    if (token) {
      await deleteSession(db, token);
      deps.realtime.endSession(sha256(token));
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', requireUser, async (req, res) => {
    res.json({ user: await presentMe(db, userOf(req), config.defaultLocale), telephony: deps.telephony.status() });
  });

  // Who is logged in, if anyone: a signed-out visitor is a normal answer (200, user null), not an error.
  router.get('/session', async (req, res) => {
    const body: SessionDto = req.user
      ? { user: await presentMe(db, req.user, config.defaultLocale), defaultLocale: config.defaultLocale, telephony: deps.telephony.status() }
      : { user: null, defaultLocale: config.defaultLocale };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  // The person's own settings: their language (null: back to the install's default).
  router.patch('/me/preferences', requireUser, async (req, res) => {
    const { locale } = parse(PreferencesSchema, req.body);
    const user = userOf(req);
    await db('users').where('id', user.id).update({ locale });
    res.json({ user: await presentMe(db, user, config.defaultLocale) });
  });

  return router;
}

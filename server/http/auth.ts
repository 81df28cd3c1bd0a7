import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { Db } from '../db/knex.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { SessionUser } from './session-user.js';
import { findSessionUser } from './sessions.js';
import { text, type Text } from '../i18n/text.js';

export const SESSION_COOKIE = 'leadline_session';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser;
  }
}

export function sessionToken(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[SESSION_COOKIE] || undefined;
}

/** Loads the session user when a valid cookie is present; never rejects by itself. */
export function loadUser(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const token = sessionToken(req.headers.cookie);
    if (token) req.user = (await findSessionUser(db, token)) ?? undefined;
    next();
  };
}

export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.user) throw new UnauthenticatedError();
  next();
};

/** Lets the request through when the policy allows this user (403 with the policy's reason otherwise). */
export function requireWhen(allowed: (user: SessionUser) => boolean, refusal: Text): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) throw new UnauthenticatedError();
    if (!allowed(req.user)) throw new ForbiddenError(refusal);
    next();
  };
}

/** The user of a request behind requireUser. */
export function userOf(req: Request): SessionUser {
  if (!req.user) throw new UnauthenticatedError();
  return req.user;
}

/**
 * CSRF defence in depth next to SameSite=Lax: a state-changing request that says where it comes from must come
 * from this origin. Requests with neither Origin nor Referer (curl, server-to-server) carry no ambient cookie risk.
 */
export const sameOriginWrites: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (!isSameOrigin(req.headers.origin ?? req.headers.referer, req.headers.host)) throw new ForbiddenError(text('error.cross_site'));
  next();
};

/**
 * Whether a request that names where it comes from (Origin or Referer) comes from this very host (`host:port`
 * exactly, as the Host header says; a sibling subdomain is another origin). No source at all is not a browser
 * page of another site: true. Used by the API's writes and the socket's handshake alike.
 */
export function isSameOrigin(source: string | undefined, host: string | undefined): boolean {
  if (!source) return true;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

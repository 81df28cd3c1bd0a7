import type { IncomingMessage } from 'node:http';
import accepts from 'accepts';
import { LOCALES, type Locale } from '../api-types.js';
import type { SessionUser } from './session-user.js';

/**
 * The language to answer a request in: a logged-in person's own choice (or, when they have none, the install's
 * default, as their screens show), else the best of the request's Accept-Language (the web app sends the language
 * on screen), else the install's default.
 */
export function requestLocale(req: IncomingMessage & { user?: SessionUser }, defaultLocale: Locale): Locale {
  if (req.user) return req.user.locale ?? defaultLocale;
  if (!req.headers['accept-language']) return defaultLocale;
  const best = accepts(req).languages([...LOCALES]);
  return typeof best === 'string' ? (best as Locale) : defaultLocale;
}

/** The language a user reads Leadline in: their own choice, else the install's default. */
export function userLocale(user: { locale: Locale | null }, defaultLocale: Locale): Locale {
  return user.locale ?? defaultLocale;
}

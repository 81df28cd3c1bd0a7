import { LOCALES, type Locale } from '../api-types.js';

/** Whether a stored or sent value is one of Leadline's languages. */
export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

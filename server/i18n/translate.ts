import fs from 'node:fs';
import i18next, { type i18n } from 'i18next';
import { LOCALES, type Locale } from '../api-types.js';
import type { Text } from './text.js';

/** The namespaces of the server's catalogues: its own texts, and the label tables it shares with the web app. */
const NAMESPACES = ['server', 'labels'] as const;

function readCatalogue(locale: Locale, ns: string): Record<string, unknown> {
  const file = new URL(`./locales/${locale}/${ns}.json`, import.meta.url);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

let instance: i18n | undefined;

/** One i18next instance for the process, with every language loaded at start (a few kilobytes each). */
function translator(): i18n {
  if (instance) return instance;
  const resources = Object.fromEntries(LOCALES.map((l) => [l, Object.fromEntries(NAMESPACES.map((ns) => [ns, readCatalogue(l, ns)]))]));
  const t = i18next.createInstance();
  void t.init({
    resources,
    lng: 'ru',
    fallbackLng: 'ru',
    ns: [...NAMESPACES],
    defaultNS: 'server',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  instance = t;
  return t;
}

/** The text in this language (Russian when the language lacks it; the key itself only if no catalogue has it). */
export function translate(locale: Locale, message: Text | string): string {
  const { key, params } = typeof message === 'string' ? { key: message, params: undefined } : message;
  return translator().t(key, { lng: locale, ...params });
}

/** A label of the shared tables (statuses, roles, dispositions …): `label('ru', 'status.offer_sent')`. */
export function label(locale: Locale, key: string): string {
  return translator().t(key, { lng: locale, ns: 'labels' });
}

/** Whether the server catalogue has this key (in Russian, the reference language). */
export function hasText(key: string): boolean {
  return translator().exists(key, { lng: 'ru', ns: 'server' });
}

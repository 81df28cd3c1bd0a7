import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../server/api-types.ts';
import type webRu from './locales/ru.json';
import type labelsRu from '../../../server/i18n/locales/ru/labels.json';

/** What every language provides: the web app's texts and the label tables shared with the server (typed by Russian). */
export interface Catalogue {
  web: typeof webRu;
  labels: typeof labelsRu;
}

// Plural forms differ per language (ru: one/few/many/other, en and bg: one/other), so a loaded catalogue is
// only an object here; catalogues.test.ts checks that each has the keys of the others.
type Loaded = Record<keyof Catalogue, object>;

/** Russian is the default language and the fallback for a key another catalogue lacks. */
export const FALLBACK_LOCALE: Locale = 'ru';

// One chunk per file: a user downloads the catalogues of their own language only.
const loaders: Record<Locale, () => Promise<Loaded>> = {
  ru: async () => {
    const [web, labels] = await Promise.all([import('./locales/ru.json'), import('../../../server/i18n/locales/ru/labels.json')]);
    return { web: web.default, labels: labels.default };
  },
  en: async () => {
    const [web, labels] = await Promise.all([import('./locales/en.json'), import('../../../server/i18n/locales/en/labels.json')]);
    return { web: web.default, labels: labels.default };
  },
  bg: async () => {
    const [web, labels] = await Promise.all([import('./locales/bg.json'), import('../../../server/i18n/locales/bg/labels.json')]);
    return { web: web.default, labels: labels.default };
  },
};

export const i18n = i18next.createInstance();

const pending = new Map<Locale, Promise<void>>();

/** Fetches a language's catalogues once and hands them to i18next. */
export function loadLocale(locale: Locale): Promise<void> {
  let p = pending.get(locale);
  if (!p) {
    p = loaders[locale]().then((c) => {
      i18n.addResourceBundle(locale, 'web', c.web, true, true);
      i18n.addResourceBundle(locale, 'labels', c.labels, true, true);
    });
    // A failed download (offline) may be tried again later.
    p.catch(() => pending.delete(locale));
    pending.set(locale, p);
  }
  return p;
}

/** Switches every screen to `locale` once its catalogues are here; no reload. */
export async function switchLanguage(locale: Locale): Promise<void> {
  await loadLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

/**
 * A key missing from the catalogue: tests catch it first. In development it shouts; in production the Russian
 * text stands in (its catalogue is fetched on the first miss, and screens re-render when it arrives), never the key.
 */
function missingKey(key: string): string {
  if (import.meta.env.DEV) {
    console.error(`[i18n] missing key "${key}" in "${i18n.language}"`);
    return `⟦${key}⟧`;
  }
  if (i18n.language !== FALLBACK_LOCALE) void loadLocale(FALLBACK_LOCALE).catch(() => undefined);
  return '';
}

void i18n.use(initReactI18next).init({
  resources: {},
  ns: ['web', 'labels'],
  defaultNS: 'web',
  fallbackLng: FALLBACK_LOCALE,
  supportedLngs: ['ru', 'en', 'bg'],
  returnNull: false,
  returnEmptyString: false,
  appendNamespaceToMissingKey: true,
  parseMissingKeyHandler: missingKey,
  initAsync: false,
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  // A catalogue arriving later (the Russian fallback) re-renders the screens that use it.
  react: { useSuspense: false, bindI18nStore: 'added' },
});

// Screen readers choose their voice by <html lang>: it follows the language at all times.
i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

import { useEffect, useState } from 'react';
import { LOCALES, type Locale } from '../../../server/api-types.ts';
import { Store, useStore } from '../lib/store.ts';
import { FALLBACK_LOCALE, switchLanguage } from './i18n.ts';

/** Each language named in itself, as a switcher shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { ru: 'Русский', en: 'English', bg: 'Български' };

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

const STORAGE_KEY = 'leadline:locale';

function readStored(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/** The language last used on this browser: the login page speaks it before anyone logs in. */
export const storedLocale = new Store<Locale | null>(typeof localStorage === 'undefined' ? null : readStored());

export function rememberLocale(locale: Locale): void {
  storedLocale.set(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode without storage: the choice lasts for this tab only.
  }
}

/** The install's DEFAULT_LOCALE, as the session reported it. */
export const installLocale = new Store<Locale | null>(null);

/**
 * The language of the screens: a logged-in person's own (their choice, else the install's default, both decided
 * by the server); before login the last one used on this browser, else the install's default, else the
 * browser's own language if Leadline speaks it.
 */
export function chooseLocale(o: { user: { locale: Locale } | null | undefined; stored: Locale | null; installDefault: Locale | null; browser: readonly string[] }): Locale {
  if (o.user) return o.user.locale;
  if (o.stored) return o.stored;
  if (o.installDefault) return o.installDefault;
  for (const tag of o.browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return FALLBACK_LOCALE;
}

/**
 * Keeps i18next on the language `chooseLocale` names for this person and says when its catalogues are in:
 * nothing renders before that (no raw keys on screen). `sessionKnown`: the session has answered (or failed).
 */
export function useScreenLanguage(user: { locale: Locale } | null | undefined, sessionKnown: boolean): boolean {
  const stored = useStore(storedLocale);
  const installDefault = useStore(installLocale);
  const wanted = sessionKnown ? chooseLocale({ user, stored, installDefault, browser: navigator.languages ?? [] }) : null;
  const [ready, setReady] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!wanted) return;
    let live = true;
    let retry: number | undefined;
    switchLanguage(wanted).then(
      () => {
        if (!live) return;
        setReady(true);
        if (user) rememberLocale(wanted);
      },
      // Offline while the catalogue downloads: try again shortly.
      () => {
        if (live) retry = window.setTimeout(() => setAttempt((n) => n + 1), 3000);
      },
    );
    return () => {
      live = false;
      window.clearTimeout(retry);
    };
    // `user` matters only through `wanted` and whether there is one; its other fields change often.
  }, [wanted, attempt, !!user]);

  return ready;
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../server/api-types.ts';
import { FALLBACK_LOCALE, i18n } from './i18n.ts';
import { formatsFor, type Formats } from './format.ts';
import { isLocale } from './language.ts';
import { labelsOf, type Labels } from './labels.ts';

/** The language on screen now. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : FALLBACK_LOCALE;
}

/** Formats of the language on screen, for code outside React (notifications, toasts). */
export function currentFormats(): Formats {
  return formatsFor(currentLocale());
}

export interface ScreenFormats extends Formats {
  /** `relative` with this language's "just now". */
  ago(when: string | null | undefined, now: number): string;
}

/** Formats of the language on screen; the component re-renders in a new language when it changes. */
export function useFormat(): ScreenFormats {
  const { t, i18n: instance } = useTranslation();
  const locale = isLocale(instance.language) ? instance.language : FALLBACK_LOCALE;
  return useMemo(() => {
    const f = formatsFor(locale);
    const justNow = t('time.justNow');
    return { ...f, ago: (when, now) => f.relative(when, now, justNow) };
  }, [locale, t]);
}

/** The shared label tables (statuses, roles…) in the language on screen. */
export function useLabels(): Labels {
  const { t } = useTranslation(['web', 'labels']);
  return useMemo(() => labelsOf(t), [t]);
}

/** The label tables for code outside React. */
export function currentLabels(): Labels {
  return labelsOf(i18n.t);
}

import type { Locale } from '../../../server/api-types.ts';

/**
 * The Intl locale each language formats with. English is en-GB rather than en-US: our English-reading users
 * are European and expect day-first dates (29/11/2026) and a 24-hour clock.
 */
export const INTL_LOCALE: Record<Locale, string> = { ru: 'ru-RU', en: 'en-GB', bg: 'bg-BG' };

type When = string | Date | null | undefined;

/** Dates, times, numbers and durations in one language; build with `formatsFor` (cached per language). */
export interface Formats {
  locale: Locale;
  /** 29.11.2026 (ru, bg) · 29/11/2026 (en); a bare `YYYY-MM-DD` is that local day. */
  date(when: When): string;
  /** 14:05, 24-hour. */
  time(when: When): string;
  /** 29.11.2026, 14:05 */
  dateTime(when: When): string;
  /** «только что», «5 минут назад», «3 часа назад», «вчера», «через 2 дня», then the date. */
  relative(when: When, now: number, justNow: string): string;
  /** A call's length: 75 → 1:15; 3700 → 1:01:40. */
  duration(seconds: number | null | undefined): string;
  /** The time between two moments (speed to lead): «4 мин», «2 ч 10 мин», «3 дн.»; null when unknown. */
  gap(from: When, to: When): string | null;
  /** A count of seconds as a setting: «20 с», "20 sec". */
  seconds(n: number): string;
  number(n: number): string;
  /** 1 234 567 ₽ (ru); fractions only when there are some. */
  money(amount: number, currency?: string): string;
  /** A client's language by its ISO 639-1 code, in the language on screen: `bg` → «болгарский», "Bulgarian"; an unknown code as it is. */
  language(code: string): string;
  fileSize(bytes: number): string;
}

const NONE = '—';

function toDate(when: When): Date | null {
  if (when === null || when === undefined || when === '') return null;
  const d = typeof when === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T00:00:00` : when) : when;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Only the numeric fields and what stands between them: bg's «29.11.2026 г.» and «14:05 ч.» lose their suffixes. */
function numericOnly(fmt: Intl.DateTimeFormat, d: Date): string {
  const parts = fmt.formatToParts(d);
  let first = 0;
  let last = parts.length - 1;
  while (first <= last && parts[first]!.type === 'literal') first++;
  while (last >= first && parts[last]!.type === 'literal') last--;
  return parts
    .slice(first, last + 1)
    .map((p) => p.value)
    .join('');
}

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

function build(locale: Locale): Formats {
  const tag = INTL_LOCALE[locale];
  const dateFmt = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric' });
  const timeFmt = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const rtf = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
  const numberFmt = new Intl.NumberFormat(tag);
  const units = new Map<string, Intl.NumberFormat>();
  const unit = (n: number, u: string, digits = 0) => {
    const key = `${u}/${digits}`;
    let f = units.get(key);
    if (!f) units.set(key, (f = new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: digits })));
    return f.format(n);
  };
  const money = new Map<string, Intl.NumberFormat>();
  const languageNames = new Intl.DisplayNames(tag, { type: 'language', fallback: 'code' });

  const date = (when: When) => {
    const d = toDate(when);
    return d ? numericOnly(dateFmt, d) : NONE;
  };
  const time = (when: When) => {
    const d = toDate(when);
    return d ? numericOnly(timeFmt, d) : NONE;
  };

  return {
    locale,
    date,
    time,
    dateTime: (when) => {
      const d = toDate(when);
      return d ? `${date(d)}, ${time(d)}` : NONE;
    },
    relative: (when, now, justNow) => {
      const d = toDate(when);
      if (!d) return NONE;
      const sec = Math.round((d.getTime() - now) / 1000);
      // The shared clock ticks every 30 s, so a moment that just arrived can look slightly "in the future".
      if (sec > -45 && sec < 60) return justNow;
      if (Math.abs(sec) < 3600) return rtf.format(Math.round(sec / 60), 'minute');
      // Days by the calendar: "yesterday" is the day before today, not 24 hours ago.
      const days = Math.round((startOfDay(d) - startOfDay(new Date(now))) / 86_400_000);
      if (days === 0) return rtf.format(Math.round(sec / 3600), 'hour');
      if (Math.abs(days) < 7) return rtf.format(days, 'day');
      return date(d);
    },
    duration: (seconds) => {
      if (seconds === null || seconds === undefined) return NONE;
      const s = Math.max(0, Math.round(seconds));
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      const r = String(s % 60).padStart(2, '0');
      return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
    },
    gap: (from, to) => {
      const a = toDate(from);
      const b = toDate(to);
      if (!a || !b) return null;
      const ms = b.getTime() - a.getTime();
      if (ms < 0) return null;
      const min = Math.round(ms / 60_000);
      if (min < 1) return unit(Math.max(1, Math.round(ms / 1000)), 'second');
      if (min < 60) return unit(min, 'minute');
      const h = Math.floor(min / 60);
      if (h < 48) return min % 60 ? `${unit(h, 'hour')} ${unit(min % 60, 'minute')}` : unit(h, 'hour');
      return unit(Math.round(h / 24), 'day');
    },
    seconds: (n) => unit(n, 'second'),
    number: (n) => numberFmt.format(n),
    money: (amount, currency = 'RUB') => {
      const whole = Number.isInteger(amount);
      const key = `${currency}/${whole}`;
      let f = money.get(key);
      if (!f) money.set(key, (f = new Intl.NumberFormat(tag, { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 })));
      return f.format(amount);
    },
    language: (code) => {
      try {
        return languageNames.of(code) ?? code;
      } catch {
        return code; // not a well-formed tag
      }
    },
    fileSize: (bytes) => {
      if (bytes < 1024) return unit(bytes, 'byte');
      if (bytes < 1024 * 1024) return unit(Math.round(bytes / 1024), 'kilobyte');
      return unit(bytes / 1024 / 1024, 'megabyte', 1);
    },
  };
}

const cache = new Map<Locale, Formats>();

export function formatsFor(locale: Locale): Formats {
  let f = cache.get(locale);
  if (!f) cache.set(locale, (f = build(locale)));
  return f;
}

export { formatPhone } from '../../../server/lib/phone-display.ts';

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** Countries where `8 10 …` is dialled before an international number (the former Soviet exit code). */
const EXIT_810_COUNTRIES = new Set(['RU', 'KZ', 'BY']);

/** Fewer digits than this is an extension or a typo, never a client's number. */
const MIN_DIGITS = 7;

/**
 * A number that stands for "no number": all zeros, one digit repeated (`0000000000`, `+7 111 111 11 11`), or too
 * short (under 7 digits). Forms and trunks send these when nobody gave a number; they must never become a client.
 */
export function isPlaceholderPhone(raw: string): boolean {
  const digits = digitsOnly(raw);
  return digits.length < MIN_DIGITS || oneDigitRepeated(digits);
}

/** `0000000000`, `1111111`, also after a country code or trunk prefix of up to 3 digits (`70000000000`, `80000000000`); a real area code before seven equal digits (`343 000-00-00`) stays a number. */
function oneDigitRepeated(digits: string): boolean {
  return /^(\d)\1*$/.test(digits) || /^\d{1,3}?(\d)\1{8,}$/.test(digits);
}

/**
 * The digits of an international number written with an exit code instead of `+`: `00 380 44 …` everywhere,
 * `810 380 44 …` in RU/KZ/BY (ITU-T E.164 national dialling plans). Null when the number has no exit code.
 */
function withoutExitCode(trimmed: string, digits: string, country: string): string | null {
  if (trimmed.startsWith('+')) return null;
  if (digits.startsWith('00')) return digits.slice(2);
  // `8 10 …` with more than the 11 digits of a national `8 XXX XXX XX XX` number.
  if (EXIT_810_COUNTRIES.has(country) && digits.startsWith('810') && digits.length > 11) return digits.slice(3);
  return null;
}

/**
 * The one phone rule of Leadline, for website forms, caller ID, DNIS checks and imports: what people and trunks
 * type (`8 (900) 123-45-67`, `+7 900 123 4567`, `9001234567`, `00380441234567`, `810 380 44 123 45 67`) → E.164
 * (`+79001234567`), read in `defaultCountry` (ISO 3166-1 alpha-2, e.g. `RU`) when it has no country code.
 * Returns null when it is not a plausible phone number, or a placeholder (isPlaceholderPhone): no number.
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  let digits = digitsOnly(trimmed);
  const country = defaultCountry.toUpperCase();
  const international = withoutExitCode(trimmed, digits, country);
  if (international !== null) digits = international;
  if (digits.length < MIN_DIGITS || digits.length > 15 || isPlaceholderPhone(digits)) return null;
  const candidates = international !== null ? [`+${digits}`] : [trimmed];
  if (international === null && !trimmed.startsWith('+') && digits.length > 10) candidates.push(`+${digits}`);
  for (const c of candidates) {
    const parsed = parsePhoneNumberFromString(c, country as CountryCode);
    if (parsed && parsed.isPossible() && !/^(\d)\1*$/.test(parsed.nationalNumber)) return parsed.number;
  }
  return null;
}

/** Digits only: how dialled numbers (DNIS) are stored and compared. */
export function digitsOnly(raw: string): string {
  return raw.replace(/\D/g, '');
}

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Normalizes what people and trunks type (`8 (900) 123-45-67`, `+7 900 123 4567`, `9001234567`) to E.164.
 * Returns null when it is not a plausible phone number.
 */
export function normalizePhone(raw: string, defaultCountry: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 15) return null;
  const country = defaultCountry as CountryCode;
  const candidates = [trimmed];
  if (!trimmed.startsWith('+') && digits.length > 10) candidates.push(`+${digits}`);
  for (const c of candidates) {
    const parsed = parsePhoneNumberFromString(c, country);
    if (parsed && parsed.isPossible()) return parsed.number;
  }
  return null;
}

/** Digits only: how dialled numbers (DNIS) are stored and compared. */
export function digitsOnly(raw: string): string {
  return raw.replace(/\D/g, '');
}

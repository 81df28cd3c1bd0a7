import { digitsOnly, normalizePhone } from '../../lib/phone.js';

/**
 * A department's public number as it is stored and looked up: E.164 (`+74951234567`) read in `defaultCountry`
 * (ISO 3166 alpha-2, config `DEFAULT_COUNTRY`) whatever way it was typed (`8 (495) 123-45-67`, `74951234567`,
 * `4951234567`); a short internal number that is no phone number (`100`) stays as its digits.
 */
export function departmentNumber(raw: string, defaultCountry: string): string {
  return normalizePhone(raw, defaultCountry) ?? digitsOnly(raw);
}

/** Every number of a list in its stored form, each once, in the order given. */
export function departmentNumbers(raw: string[], defaultCountry: string): string[] {
  return [...new Set(raw.map((n) => departmentNumber(n, defaultCountry)))];
}

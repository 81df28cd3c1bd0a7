import { digitsOnly, normalizePhone } from '../../lib/phone.js';

/**
 * The stored forms (department-number.ts: E.164, or digits for a short internal number) a dialled number (DNIS)
 * may stand for, most likely first. Trunks send the DNIS as they please — `4951234567`, `74951234567`,
 * `+74951234567`, `84951234567` (dnis-formats trace), and some put a `+` before a 10-digit national number
 * (`+4951234567`), which read literally is another country's number: both readings are candidates and the
 * department table decides. `defaultCountry` is config `DEFAULT_COUNTRY` (ISO 3166 alpha-2).
 */
export function dnisCandidates(dnis: string, defaultCountry: string): string[] {
  const out = new Set<string>();
  const raw = dnis.trim();
  const add = (n: string | null) => {
    if (n) out.add(n);
  };
  add(normalizePhone(raw, defaultCountry));
  if (raw.startsWith('+')) add(normalizePhone(raw.slice(1), defaultCountry));
  const digits = digitsOnly(raw);
  if (digits) add(digits);
  return [...out];
}

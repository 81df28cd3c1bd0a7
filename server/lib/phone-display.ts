import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// One rule for how a phone number reads, on screen (the web app imports this file) and in texts the server writes.
// The 'min' metadata is enough to format a number and keeps the web bundle small.

/**
 * A stored E.164 number for people: international, grouped as the country groups it, with the hyphens its
 * national format uses (`+7 916 555-12-34`, `+359 88 812 3456`, `+1 213 373-4253`). Anything that is not a
 * possible international number (a department's dialled digits, a typo) is shown as it is.
 */
export function formatPhone(raw: string): string;
export function formatPhone(raw: string | null | undefined): string | null | undefined;
export function formatPhone(raw: string | null | undefined): string | null | undefined {
  if (!raw) return raw;
  const s = raw.trim();
  if (!s.startsWith('+')) return raw;
  const p = parsePhoneNumberFromString(s);
  if (!p || !p.isPossible()) return raw;
  const intl = p.formatInternational();
  if (p.ext) return intl;
  return withNationalHyphens(intl, p.formatNational(), String(p.nationalNumber));
}

// libphonenumber-js prints international numbers with spaces only; Russian (and NANP) readers expect the
// hyphens of the national format: where the national format puts one between two digits, so do we.
function withNationalHyphens(intl: string, national: string, nsn: string): string {
  const [cc, ...groups] = intl.split(' ');
  if (groups.join('') !== nsn) return intl;
  const nationalDigits = national.replace(/\D/g, '');
  if (!nationalDigits.endsWith(nsn)) return intl;
  // hyphenAfter[k]: the national format has a hyphen between the k-th and (k+1)-th digit of the number.
  const hyphenAfter: boolean[] = [];
  let seen = -(nationalDigits.length - nsn.length);
  let between = '';
  for (const ch of national) {
    if (/\d/.test(ch)) {
      if (seen > 0) hyphenAfter[seen] = between.includes('-');
      seen++;
      between = '';
    } else between += ch;
  }
  let out = `${cc} ${groups[0]}`;
  let pos = groups[0]!.length;
  for (const g of groups.slice(1)) {
    out += hyphenAfter[pos] ? `-${g}` : ` ${g}`;
    pos += g.length;
  }
  return out;
}

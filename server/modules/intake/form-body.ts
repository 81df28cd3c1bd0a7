import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset of forms on pages that do not say theirs: Russian sites of the 2000s are windows-1251. */
export const LEGACY_FORM_CHARSET = 'windows-1251';

/** `%C8%E2+x` (the body's bytes, one latin1 character each) → its bytes: `%XX` as one byte, `+` as a space. */
function bytesOf(latin1: string): Buffer {
  if (!latin1.includes('%') && !latin1.includes('+')) return Buffer.from(latin1, 'latin1');
  const out = Buffer.alloc(latin1.length);
  let n = 0;
  for (let i = 0; i < latin1.length; i++) {
    const c = latin1.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(latin1.slice(i + 1, i + 3))) {
      out[n++] = parseInt(latin1.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = c === 0x2b ? 0x20 : c;
    }
  }
  return out.subarray(0, n);
}

function isUtf8(b: Buffer): boolean {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

/**
 * An `application/x-www-form-urlencoded` body → its fields; a repeated name gives an array of its values in
 * order. A browser encodes a form in its page's charset: `charset` when the Content-Type names it (any iconv-lite
 * knows; null for one it does not), else UTF-8 when every byte sequence is UTF-8, else windows-1251. At most
 * `maxFields` fields are read.
 */
export function parseForm(body: Buffer, charset: string | undefined, maxFields = 100): Record<string, string | string[]> | null {
  if (charset && !iconv.encodingExists(charset)) return null;
  const pairs: [Buffer, Buffer][] = [];
  for (const part of body.toString('latin1').split('&')) {
    if (!part) continue;
    if (pairs.length >= maxFields) break;
    const eq = part.indexOf('=');
    // latin1 keeps every byte as one character, so the raw bytes (UTF-8 or not) survive the split.
    pairs.push(eq < 0 ? [bytesOf(part), Buffer.alloc(0)] : [bytesOf(part.slice(0, eq)), bytesOf(part.slice(eq + 1))]);
  }
  const encoding = charset ?? (pairs.every(([k, v]) => isUtf8(k) && isUtf8(v)) ? 'utf-8' : LEGACY_FORM_CHARSET);
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of pairs) {
    const key = iconv.decode(k, encoding);
    const value = iconv.decode(v, encoding);
    const had = fields[key];
    fields[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return { ...fields };
}

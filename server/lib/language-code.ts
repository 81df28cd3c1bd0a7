/**
 * Languages of clients as ISO 639-1 codes (`ru`, `bg`, `en`), the ones this Node's ICU can name
 * (`Intl.DisplayNames` with `fallback: 'none'` answers undefined for a code it does not know, such as `zz`).
 */
const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Whether `code` is a two-letter lower-case ISO 639-1 code ICU knows: `bg`, not `BG`, `bul` or `zz`. */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/.test(code) && names.of(code) !== undefined;
}

/**
 * The language of a tag as people and browsers write it: `ru`, `RU`, `ru-RU`, `bg_BG` → its first subtag in lower
 * case (`ru`, `bg`). Whether that is a language is isLanguageCode's to say.
 */
export function primaryLanguage(tag: string): string {
  return tag.trim().split(/[-_]/)[0].toLowerCase();
}

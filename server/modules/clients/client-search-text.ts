/**
 * What the client search index holds and how a typed query is read, the same for SQLite and MariaDB: words are
 * lower-cased with ё read as е, split on anything that is not a letter or a digit; phones are kept as their digits.
 */

/** Words shorter than this are neither indexed nor searched for (one letter would find most of the base). */
export const MIN_WORD = 2;
/** The fewest consecutive digits of a phone a search finds (fewer would match most of the base). */
export const MIN_PHONE_DIGITS = 4;

/** A client as the index sees it. */
export interface ClientSearchSource {
  fullName: string | null;
  organization: string | null;
  address?: string | null;
  phones: string[];
  emails: string[];
}

/** One client's row in the index: name words, the other words (organization, e-mails, address), phone digits. */
export interface ClientSearchDocument {
  name: string[];
  other: string[];
  /** Each phone's digits (E.164 without the `+`). */
  phones: string[];
}

/** Lower case, ё as е: how both the index and a query are compared (the way Russian speakers type). */
export function foldText(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е');
}

/** The words of a text as the index splits them: `ООО «Ромашка»` → `ооо`, `ромашка`; `a.b@mail.ru` → `a`, `b`, `mail`, `ru`. */
export function splitWords(s: string): string[] {
  return foldText(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * An e-mail (or the start of one, with its `@`) as one word, `ivan.p@mail.ru` → `ivan_p__mail_ru` (`_` is a word
 * character to both databases' tokenizers): typing an address searches by this one rare word, not by `mail` and
 * `ru` that half the base shares. Null when it does not look like one.
 */
export function emailWord(s: string): string | null {
  const t = foldText(s.trim());
  if (!/^[^\s@]+@[^\s@]*$/.test(t)) return null;
  const [local, domain] = t.split('@').map((part) => part.replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, ''));
  return local ? `${local}__${domain}` : null;
}

function indexable(texts: (string | null | undefined)[]): string[] {
  const words = new Set<string>();
  for (const t of texts) if (t) for (const w of splitWords(t)) if (w.length >= MIN_WORD) words.add(w);
  return [...words];
}

/** What the index stores for a client. */
export function clientSearchDocument(c: ClientSearchSource): ClientSearchDocument {
  const name = indexable([c.fullName]);
  const whole = c.emails.map(emailWord).filter((w): w is string => w !== null);
  const other = [...indexable([c.organization, ...c.emails, c.address]).filter((w) => !name.includes(w)), ...whole];
  return { name, other, phones: c.phones.map((p) => p.replace(/\D/g, '')).filter(Boolean) };
}

/**
 * A typed search: every word (a prefix of a word of the client's name, organization, e-mails or address; an
 * e-mail typed with its `@`, a prefix of the whole address) must match, or, when the whole query is a phone typed any way (`916 123`, `+7 (916) 123-45`), its digits must be
 * consecutive digits of one of the client's phones. `exactPhone` / `exactEmail` are what ranks a client first.
 */
export type SearchQuery =
  | { kind: 'words'; words: string[]; exactEmail: string | null }
  | { kind: 'digits'; digits: string[]; exactPhone: string | null }
  | { kind: 'none' };

/**
 * Reads what someone typed into the search box. `normalize` turns a whole phone number into E.164 (or null).
 * Words of one letter are ignored (too short to find anything by); a whole number also matches as its E.164 digits
 * (`8 916 123-45-67` finds `+79161234567`).
 */
export function parseSearchQuery(raw: string, normalize: (phone: string) => string | null): SearchQuery {
  const q = raw.trim();
  if (/^[\d\s()+\-.]+$/.test(q)) {
    const digits = q.replace(/\D/g, '');
    if (digits.length >= MIN_PHONE_DIGITS) {
      const exactPhone = normalize(q);
      const variants = new Set([digits]);
      if (exactPhone) variants.add(exactPhone.slice(1));
      return { kind: 'digits', digits: [...variants], exactPhone };
    }
  }
  const email = emailWord(q);
  const words = email ? [email] : [...new Set(splitWords(q).filter((w) => w.length >= MIN_WORD))];
  if (words.length === 0) return { kind: 'none' };
  return { kind: 'words', words, exactEmail: /^\S+@\S+\.\S+$/.test(q) ? q.toLowerCase() : null };
}

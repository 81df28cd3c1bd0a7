import { normalizePhone } from '../lib/phone.js';
import * as words from './demo-data.js';

/** The demo's randomness: one seeded generator, and the people, organizations and phones it draws. */

export type Rng = () => number;

/** Small deterministic PRNG: the same seed, the same demo. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the demo draws with one generator: an element, a yes with probability `p`, a number in [a, b). */
export function drawsOf(rng: Rng) {
  return {
    pick: <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)],
    chance: (p: number) => rng() < p,
    between: (a: number, b: number) => a + rng() * (b - a),
  };
}

/** A person as they fill in a form: a Russian name (sometimes missing), maybe an organization, a login for an e-mail. */
export function makePerson(pick: <T>(l: readonly T[]) => T, chance: (p: number) => boolean) {
  const female = chance(0.5);
  const first = pick(female ? words.FIRST_NAMES_FEMALE : words.FIRST_NAMES_MALE);
  const lastMale = pick(words.LAST_NAMES);
  const last = female ? `${lastMale}а` : lastMale;
  const withPatronymic = chance(0.3);
  const fullName = chance(0.08)
    ? null
    : withPatronymic
      ? `${last} ${first} ${pick(female ? words.PATRONYMICS_FEMALE : words.PATRONYMICS_MALE)}`
      : chance(0.5)
        ? `${first} ${last}`
        : first;
  const form = pick(words.ORG_FORMS);
  const organization = !chance(0.55)
    ? null
    : form === 'ИП'
      ? `ИП ${last} ${first[0]}.`
      : `${form} «${pick(words.ORG_NAMES).replace(/[«»]/g, '')}»`;
  const login = translit(`${first}.${last}`).slice(0, 24);
  return { fullName, organization, login };
}

function translit(s: string): string {
  return [...s.toLowerCase()].map((c) => words.TRANSLIT[c] ?? (/[a-z0-9.]/.test(c) ? c : '')).join('');
}

/** A Russian number as people type it: `8 (916) 123-45-67`, `+7 916 123 45 67`, `9161234567`, a Moscow landline … */
export function uniquePhone(rng: Rng, pick: <T>(l: readonly T[]) => T, used: Set<string>, country: string): string {
  for (;;) {
    const code = pick(['916', '926', '903', '905', '915', '925', '977', '985', '999', '921', '911', '931', '495', '499', '812']);
    const n = String(Math.floor(rng() * 1e7)).padStart(7, '0');
    const [a, b, c] = [n.slice(0, 3), n.slice(3, 5), n.slice(5)];
    const formats = [`8 (${code}) ${a}-${b}-${c}`, `+7 ${code} ${a} ${b} ${c}`, `${code}${n}`, `+7(${code})${a}-${b}-${c}`, `8-${code}-${a}-${b}-${c}`, `7${code}${n}`];
    const raw = pick(formats);
    const e164 = normalizePhone(raw, country);
    if (e164 && !used.has(e164)) {
      used.add(e164);
      return raw;
    }
  }
}

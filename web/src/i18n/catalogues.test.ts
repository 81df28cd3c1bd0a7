import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TAGS, CLOSING_STATUSES, LEAD_COLOURS, LEAD_STATUSES, LOCALES, LOYALTY_STAGES, ROLES, ROUTING_STEPS, type Locale } from '../../../server/api-types.ts';
import webRu from './locales/ru.json';
import webEn from './locales/en.json';
import webBg from './locales/bg.json';
import labelsRu from '../../../server/i18n/locales/ru/labels.json';
import labelsEn from '../../../server/i18n/locales/en/labels.json';
import labelsBg from '../../../server/i18n/locales/bg/labels.json';
import { CALL_DISPOSITIONS, HISTORY_FIELDS, LEAD_SOURCES, PRESENCE_LABELS } from './labels.ts';
import { i18n, switchLanguage } from './i18n.ts';
import { INTL_LOCALE } from './format.ts';

type Tree = { [key: string]: string | Tree };
const catalogues: Record<'web' | 'labels', Record<Locale, Tree>> = {
  web: { ru: webRu, en: webEn, bg: webBg },
  labels: { ru: labelsRu, en: labelsEn, bg: labelsBg },
};

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`; anything that is not a string is kept to fail the checks below. */
function flatten(tree: Tree, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out[key] = v;
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!).sort();

/** Base key → the plural forms it has ([] for a plain key). */
function keysOf(tree: Tree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of Object.keys(flatten(tree))) {
    const forms = out.get(base(key)) ?? [];
    const m = PLURAL.exec(key);
    if (m) forms.push(m[1]!);
    out.set(base(key), forms);
  }
  return out;
}

describe.each(['web', 'labels'] as const)('the %s catalogues', (ns) => {
  const ru = keysOf(catalogues[ns].ru);

  it.each(LOCALES)('%s has every key of the others, and nothing else', (locale) => {
    expect([...keysOf(catalogues[ns][locale]).keys()].sort()).toEqual([...ru.keys()].sort());
  });

  it.each(LOCALES)('%s has exactly the plural forms its language needs', (locale) => {
    const needed = new Intl.PluralRules(INTL_LOCALE[locale]).resolvedOptions().pluralCategories.slice().sort();
    for (const [key, forms] of keysOf(catalogues[ns][locale])) {
      const plural = (ru.get(key) ?? []).length > 0;
      expect(forms.slice().sort(), `${locale} ${key}`).toEqual(plural ? needed : []);
    }
  });

  it.each(LOCALES)('%s has no empty texts and the same placeholders as Russian', (locale) => {
    const flat = flatten(catalogues[ns][locale]);
    const ruFlat = flatten(catalogues[ns].ru);
    for (const [key, text] of Object.entries(flat)) {
      expect(typeof text, `${locale} ${key}`).toBe('string');
      expect((text as string).trim(), `${locale} ${key}`).not.toBe('');
      const ruText = (ruFlat[key] ?? ruFlat[`${base(key)}_other`]) as string;
      expect(variables(text as string), `${locale} ${key}`).toEqual(variables(ruText));
    }
  });
});

// Every source file of the app, to see which keys the code uses.
const sources = Object.entries(import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.ts', '!../**/*.d.ts'], { query: '?raw', import: 'default', eager: true }));

interface Usage {
  keys: Set<string>;
  /** `t(\`labels:status.${s}\`)`: the key family before the template part. */
  families: Set<string>;
  dynamic: string[];
}

function usage(): Usage {
  const u: Usage = { keys: new Set(), families: new Set(), dynamic: [] };
  for (const [file, text] of sources) {
    for (const m of text.matchAll(/\bt\(\s*(.)/g)) {
      const rest = text.slice(m.index + m[0].length - 1);
      const literal = /^(['"`])((?:(?!\1)[^\\\n])*)\1/.exec(rest);
      if (!literal) {
        u.dynamic.push(`${file}: t(${rest.slice(0, 40)}`);
        continue;
      }
      const key = literal[2]!;
      if (literal[1] === '`' && key.includes('${')) u.families.add(key.slice(0, key.indexOf('${')));
      else u.keys.add(key);
    }
    for (const m of text.matchAll(/i18nKey=["']([^"']+)["']/g)) u.keys.add(m[1]!);
  }
  return u;
}

describe('the keys the code uses', () => {
  const used = usage();
  const web = keysOf(webRu);
  const labels = keysOf(labelsRu);

  it('are literal (or a label family built from the API constants), so that they can be checked', () => {
    expect(used.dynamic).toEqual([]);
  });

  it('all exist', () => {
    const missing = [...used.keys].filter((k) => (k.startsWith('labels:') ? !labels.has(k.slice('labels:'.length)) : !web.has(k)));
    expect(missing).toEqual([]);
  });

  it('cover every key of the web catalogue (no unused keys)', () => {
    expect([...web.keys()].filter((k) => !used.keys.has(k))).toEqual([]);
  });

  it('label families: every label table holds exactly the values of the API constants, and the app shows each family', () => {
    const families: Record<string, readonly string[]> = {
      status: [...LEAD_STATUSES, ...CLOSING_STATUSES],
      role: ROLES,
      presence: PRESENCE_LABELS,
      disposition: CALL_DISPOSITIONS,
      routingStep: ROUTING_STEPS,
      source: LEAD_SOURCES,
      colour: LEAD_COLOURS,
      field: HISTORY_FIELDS,
      tag: CLIENT_TAGS,
      loyalty: LOYALTY_STAGES,
    };
    expect(Object.keys(labelsRu).sort()).toEqual(Object.keys(families).sort());
    for (const [family, values] of Object.entries(families)) {
      expect(Object.keys((labelsRu as Tree)[family] as Tree).sort(), family).toEqual([...values].sort());
      expect(used.families.has(`labels:${family}.`), `the app never shows labels:${family}`).toBe(true);
    }
  });
});

describe('Russian plural forms', () => {
  beforeAll(() => switchLanguage('ru'));

  it.each([
    [1, '1 лид'],
    [2, '2 лида'],
    [5, '5 лидов'],
    [11, '11 лидов'],
    [21, '21 лид'],
    [22, '22 лида'],
    [111, '111 лидов'],
  ])('%i → %s', (count, text) => {
    expect(i18n.t('leads.count', { count })).toBe(text);
  });

  it('big numbers carry the Russian thousands separator', () => {
    expect(i18n.t('leads.count', { count: 1205 }).replace(/\s/g, ' ')).toBe('1 205 лидов');
  });

  it('English and Bulgarian say one and many', async () => {
    await switchLanguage('en');
    expect([1, 2, 5].map((count) => i18n.t('leads.count', { count }))).toEqual(['1 lead', '2 leads', '5 leads']);
    await switchLanguage('bg');
    expect([1, 21].map((count) => i18n.t('leads.count', { count }))).toEqual(['1 запитване', '21 запитвания']);
    await switchLanguage('ru');
  });
});

import { OCCASION_KINDS } from '../modules/keep-in-touch/occasions.js';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../api-types.js';
import { NOT_FOUND_THINGS } from '../errors.js';
import { MISSED_CALL_TASKS } from '../modules/calls/leave-missed-call-task.js';
import { ALARM_KINDS } from '../modules/speed-to-lead/alarms.js';
import { IMPORT_FIELDS } from '../modules/imports/guess-mapping.js';
import { PROBLEM_CODES } from '../modules/imports/read-row.js';
import { IMPORT_FILE_REASONS } from '../modules/imports/read-table.js';
import { translate } from './translate.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const serverDir = path.resolve(here, '..');

function flatten(o: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

const catalogue = (lang: string) => flatten(JSON.parse(fs.readFileSync(path.join(here, 'locales', lang, 'server.json'), 'utf8')) as Record<string, unknown>);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Keys the code names whole, in quotes: 'error.…', 'field.…', 'validation.…', 'intake.…', 'report.…', 'export.…', 'import.…'. */
function literalKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sources(serverDir)) {
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(/'((?:error|field|validation|task|intake|snippet|report|export|import)\.[a-z0-9_.]+)'/g)) keys.add(m[1]);
    // The snippet's texts are named by their last part: t('name') → snippet.name.
    if (file.endsWith('site-snippet.ts')) for (const m of code.matchAll(/\bt\('([a-z_]+)'\)/g)) keys.add(`snippet.${m[1]}`);
  }
  return keys;
}

/** Keys the code builds from values: one per value of the list it builds them from. */
const builtKeys = [
  ...NOT_FOUND_THINGS.map((t) => `error.not_found.${t}`),
  ...(['lead', 'client', 'department'] as const).map((w) => `error.stale_version.${w}`),
  ...MISSED_CALL_TASKS.flatMap((k) => [`task.${k}`, `task.${k}_withheld`]),
  ...ALARM_KINDS.map((k) => `task.speed_${k}`),
  ...OCCASION_KINDS.map((k) => `task.keep_in_touch_${k}`),
  ...IMPORT_FIELDS.map((f) => `import.field.${f}`),
  ...PROBLEM_CODES.map((c) => `import.problem.${c}`),
  ...IMPORT_FILE_REASONS.map((r) => `error.import_${r}`),
];

describe('the server texts, in every language', () => {
  const ru = catalogue('ru');

  it('has every key in every language, none empty, with the same values to fill in', () => {
    for (const lang of LOCALES) {
      const c = catalogue(lang);
      expect([...c.keys()].sort(), lang).toEqual([...ru.keys()].sort());
      for (const [key, value] of c) {
        expect(value.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(value), `${lang} ${key}`).toEqual(placeholders(ru.get(key)!));
      }
    }
  });

  it('has every key the code uses, and no key the code does not use', () => {
    const used = new Set([...literalKeys(), ...builtKeys]);
    const missing = [...used].filter((k) => !ru.has(k));
    const unused = [...ru.keys()].filter((k) => !used.has(k));
    expect(missing).toEqual([]);
    expect(unused).toEqual([]);
  });

  it('speaks Russian by default, and each language when asked', () => {
    expect(translate('ru', { key: 'task.missed', params: { number: '+7 916 555-12-34' } })).toBe('Пропущенный звонок с +7 916 555-12-34: перезвоните');
    expect(translate('en', { key: 'task.missed', params: { number: '+7 916 555-12-34' } })).toBe('Missed call from +7 916 555-12-34: call back');
    expect(translate('bg', { key: 'error.not_found.lead' })).toBe('Запитването не е намерено');
    expect(translate('ru', { key: 'validation.too_long', params: { max: 300 } })).toBe('Не длиннее 300 символов');
  });
});

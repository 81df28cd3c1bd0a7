import { z } from 'zod';
import type { DistributionSettings } from '../../api-types.js';
import type { Queryable } from '../../db/knex.js';
import { isMoneyAmount } from '../../lib/currency.js';
import { isLanguageCode } from '../../lib/language-code.js';

/** A department's distribution until a director changes it: manual, the fair pool ready when auto is turned on. */
export const DEFAULT_DISTRIBUTION: DistributionSettings = {
  mode: 'manual',
  rules: [],
  fairPool: {},
  capOpenNew: null,
  redistributeAfterMinutes: null,
  maxRedistributions: 1,
};

const ruleAmount = z.number({ error: 'field.amount' }).refine(isMoneyAmount, 'field.amount').optional();

const Rule = z
  .object({
    siteId: z.number().int().positive().optional(),
    service: z.string().trim().min(1).max(300).optional(),
    /** ISO 639-1 codes (`BG` is read as `bg`), each once. */
    languages: z
      .array(z.string().trim().toLowerCase().refine(isLanguageCode, 'field.language'))
      .min(1)
      .max(20)
      .transform((codes) => [...new Set(codes)])
      .optional(),
    amountMin: ruleAmount,
    amountMax: ruleAmount,
    userIds: z.array(z.number().int().positive()).min(1).max(50),
  })
  .refine((r) => r.amountMin === undefined || r.amountMax === undefined || r.amountMin <= r.amountMax, { message: 'field.amount_range', path: ['amountMax'] });

/** What a director may send (PATCH /api/departments/:id `distribution`); omitted fields keep their defaults. */
export const DistributionSchema = z.object({
  mode: z.enum(['manual', 'auto']),
  rules: z.array(Rule).max(50).default([]),
  fairPool: z
    .object({ weights: z.record(z.string().regex(/^\d+$/), z.number().min(0.1).max(100)).optional() })
    .nullable()
    .default({}),
  capOpenNew: z.number().int().min(1).max(10_000).nullable().default(null),
  redistributeAfterMinutes: z.number().int().min(1).max(10_080).nullable().default(null),
  maxRedistributions: z.number().int().min(0).max(10).default(1),
});

interface DistributionRow {
  department_id: number;
  mode: string;
  settings: string;
}

function rowToSettings(r: DistributionRow): DistributionSettings {
  const rest = JSON.parse(r.settings) as Omit<DistributionSettings, 'mode'>;
  return { ...DEFAULT_DISTRIBUTION, ...rest, mode: r.mode === 'auto' ? 'auto' : 'manual' };
}

/** Each department's distribution settings that were saved; every department when `ids` is omitted. */
export async function loadDistribution(db: Queryable, ids?: number[]): Promise<Map<number, DistributionSettings>> {
  const q = db('department_distribution').select<DistributionRow[]>('department_id', 'mode', 'settings');
  if (ids) q.whereIn('department_id', ids);
  const rows = await q;
  return new Map(rows.map((r) => [Number(r.department_id), rowToSettings(r)]));
}

export function distributionOf(settings: Map<number, DistributionSettings>, departmentId: number): DistributionSettings {
  return settings.get(departmentId) ?? DEFAULT_DISTRIBUTION;
}

/** How long an instance trusts what it read of a department's mode (another instance's change shows after this, ms). */
export const MODE_CACHE_MS = 5_000;
const modeCache = new WeakMap<object, Map<number, { auto: boolean; until: number }>>();

/**
 * Whether new leads of the department are distributed automatically: one primary-key read, remembered per database
 * for MODE_CACHE_MS so the intake's hot path stays one query lighter (a change saved here is seen at once).
 */
export async function isAutoDistribution(db: Queryable, departmentId: number): Promise<boolean> {
  let cache = modeCache.get(db);
  if (!cache) modeCache.set(db, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(departmentId);
  if (hit && hit.until > now) return hit.auto;
  const row = await db('department_distribution').where('department_id', departmentId).first<{ mode: string } | undefined>('mode');
  const auto = row?.mode === 'auto';
  cache.set(departmentId, { auto, until: now + MODE_CACHE_MS });
  return auto;
}

/** Forgets what this instance remembered of the department's mode (after saving it). */
export function forgetDistributionMode(db: Queryable, departmentId: number): void {
  modeCache.get(db)?.delete(departmentId);
}

export async function saveDistribution(db: Queryable, departmentId: number, s: DistributionSettings): Promise<void> {
  const { mode, ...rest } = s;
  const row = { mode, settings: JSON.stringify(rest) };
  const updated = await db('department_distribution').where('department_id', departmentId).update(row);
  if (updated === 0) await db('department_distribution').insert({ department_id: departmentId, turn: 0, ...row });
}

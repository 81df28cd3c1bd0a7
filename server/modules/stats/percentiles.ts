/** A median and a 90th percentile in seconds; null when there is no sample. */
export interface Percentiles {
  median: number | null;
  p90: number | null;
}

export const NO_SAMPLES: Percentiles = { median: null, p90: null };

/** Linear interpolation between the closest ranks (Excel's PERCENTILE.INC) of ascending values. */
function at(sorted: Float64Array, p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const v = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  // Milliseconds in, whole seconds out; a contact logged a moment before the assignment counts as 0.
  return Math.max(0, Math.round(v / 1000));
}

const of = (sorted: Float64Array): Percentiles => ({ median: at(sorted, 0.5), p90: at(sorted, 0.9) });

/**
 * The median and p90, in whole seconds, of durations in milliseconds per group (an owner) and over all of them.
 * The durations are the per-lead values a query fetched (one integer per lead, read from an index); ranking a
 * few tens of thousands of numbers here is several times cheaper than a window function's sort in SQLite.
 */
export function percentilesByGroup(samples: Map<number, number[]>): { byGroup: Map<number, Percentiles>; all: Percentiles } {
  const byGroup = new Map<number, Percentiles>();
  let total = 0;
  for (const values of samples.values()) total += values.length;
  const all = new Float64Array(total);
  let i = 0;
  for (const [group, values] of samples) {
    const sorted = Float64Array.from(values).sort();
    all.set(sorted, i);
    i += sorted.length;
    byGroup.set(group, of(sorted));
  }
  return { byGroup, all: of(all.sort()) };
}

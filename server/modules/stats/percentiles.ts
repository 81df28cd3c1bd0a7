/** A median and a 90th percentile in seconds; null when there is no sample. */
export interface Percentiles {
  median: number | null;
  p90: number | null;
}

export const NO_SAMPLES: Percentiles = { median: null, p90: null };

/**
 * Moves the k-th smallest of `a[lo…hi]` (inclusive) to `a[k]`, the smaller ones before it and the larger after it
 * (Hoare's selection, median-of-three pivots): linear on average, where sorting would be n·log n.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const [x, y, z] = [a[lo]!, a[mid]!, a[hi]!];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Linear interpolation between the closest ranks (Excel's PERCENTILE.INC), in whole seconds, of values in
 * milliseconds; reorders `a` (its values stay). `from` says the ranks below it are in place already.
 */
function at(a: Float64Array, p: number, from = 0): number | null {
  if (a.length === 0) return null;
  const pos = p * (a.length - 1);
  const lo = Math.floor(pos);
  select(a, lo, from, a.length - 1);
  let next = a[lo]!;
  if (lo + 1 < a.length) {
    next = a[lo + 1]!;
    for (let i = lo + 2; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  }
  const v = a[lo]! + (next - a[lo]!) * (pos - lo);
  // Milliseconds in, whole seconds out; a contact logged a moment before the assignment counts as 0.
  return Math.max(0, Math.round(v / 1000));
}

/** The median, then the p90 among the values above the median's rank (exact, as from the sorted values). */
function of(a: Float64Array): Percentiles {
  const median = at(a, 0.5);
  return { median, p90: at(a, 0.9, Math.floor(0.5 * (a.length - 1))) };
}

/**
 * The median and p90, in whole seconds, of durations in milliseconds per group (an owner) and over all of them.
 * The durations are the per-lead values a query fetched (one integer per lead, read from an index); picking the
 * two ranks of a few hundred thousand numbers here is cheaper than any sort, in JS or in the database.
 */
export function percentilesByGroup(samples: Map<number, ArrayLike<number>>): { byGroup: Map<number, Percentiles>; all: Percentiles } {
  const byGroup = new Map<number, Percentiles>();
  let total = 0;
  for (const values of samples.values()) total += values.length;
  const all = new Float64Array(total);
  let i = 0;
  for (const [group, values] of samples) {
    const own = Float64Array.from(values);
    all.set(own, i);
    i += own.length;
    byGroup.set(group, of(own));
  }
  return { byGroup, all: of(all) };
}

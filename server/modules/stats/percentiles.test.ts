import { describe, expect, it } from 'vitest';
import { percentilesByGroup } from './percentiles.js';

/** The definition: PERCENTILE.INC over the sorted values, milliseconds in, whole seconds out. */
function reference(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return Math.max(0, Math.round((s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)) / 1000));
}

describe('median and p90 of speed to lead', () => {
  it('equal the sorted values’ percentiles exactly, per owner and over all owners, with ties and single values', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const samples = new Map<number, number[]>();
    for (let owner = 1; owner <= 30; owner++) {
      const n = owner === 1 ? 1 : owner === 2 ? 2 : Math.floor(random() * 5000);
      // Coarse values make many ties, fine ones make interpolation matter.
      samples.set(owner, Array.from({ length: n }, () => (owner % 2 ? Math.floor(random() * 40) * 60_000 : Math.floor(random() * 7_200_000))));
    }
    const { byGroup, all } = percentilesByGroup(samples);
    for (const [owner, values] of samples) {
      expect({ owner, ...byGroup.get(owner) }).toEqual({ owner, median: reference(values, 0.5), p90: reference(values, 0.9) });
    }
    const every = [...samples.values()].flat();
    expect(all).toEqual({ median: reference(every, 0.5), p90: reference(every, 0.9) });
    expect(percentilesByGroup(new Map()).all).toEqual({ median: null, p90: null });
  });
});

/** Where a statistic lies, 95 times in 100, by the spread of its value over resamples. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * A percentile-bootstrap 95% interval for a statistic of a set of items: the items are drawn again
 * with replacement `resamples` times and the statistic computed on each draw. Paired statistics
 * (one scorer's metric less another's) see the same draw on both sides. The draws come from a
 * seeded generator, so one set gives one interval, run after run.
 */
export function bootstrapInterval(
  size: number,
  statistic: (sample: readonly number[]) => number,
  resamples = 1000,
  seed = 1,
): Interval {
  const random = seededRandom(seed);
  const sample = new Array<number>(size);
  const values: number[] = [];
  for (let draw = 0; draw < resamples; draw++) {
    for (let i = 0; i < size; i++) sample[i] = Math.floor(random() * size);
    const value = statistic(sample);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return { low: Number.NaN, high: Number.NaN };
  values.sort((a, b) => a - b);
  return { low: percentile(values, 0.025), high: percentile(values, 0.975) };
}

/** The values at the sampled indexes, in sample order. */
export function pick<T>(values: readonly T[], sample: readonly number[]): T[] {
  return sample.map((index) => values[index]!);
}

function percentile(sorted: readonly number[], share: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(share * (sorted.length - 1))));
  return sorted[at]!;
}

/** mulberry32: small, fast and good enough to draw resamples; not for anything secret. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

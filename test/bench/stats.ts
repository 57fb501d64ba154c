// Small helpers shared by the benchmarks: timing, percentiles, a seeded PRNG, progress on stderr.

import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();

/** Nearest-rank percentile (p in 0..100) of a list of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** Milliseconds rounded to 3 decimals (µs resolution): what the JSON reports. */
export const ms = (x: number): number => Math.round(x * 1000) / 1000;

export type Summary = { n: number; median: number; p95: number; p99: number; max: number; mean: number };

export function summarize(samples: readonly number[]): Summary {
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  return {
    n: samples.length,
    median: ms(median(samples)),
    p95: ms(percentile(samples, 95)),
    p99: ms(percentile(samples, 99)),
    max: ms(Math.max(...samples)),
    mean: ms(mean),
  };
}

/** mulberry32: a fast deterministic PRNG, so the generated data and query mixes are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A sampler over weighted items (cumulative table + binary search). */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (random: () => number) => T {
  const values = entries.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of entries) cumulative.push((total += w));
  return (random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

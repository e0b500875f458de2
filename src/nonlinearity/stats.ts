/** Small statistics for the experiments: mean, spread, confidence intervals, log-log fits. Float64, display only. */
import { makeRng } from "../workshop/rng.js";

export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Sample standard deviation (n - 1 in the denominator; 0 for a single value). */
export function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = s.length >> 1; // 1 <= h < s.length when even, h < s.length when odd
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

export interface Estimate {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

/** Mean with a normal-approximation 95% interval (mean +- 1.96 sd / sqrt(n)). */
export function meanCi(xs: readonly number[]): Estimate {
  const m = mean(xs);
  const h = (1.96 * stdev(xs)) / Math.sqrt(xs.length);
  return { value: m, lo: m - h, hi: m + h };
}

/** Percentile bootstrap 95% interval of a statistic (seeded). */
export function bootstrapCi(xs: readonly number[], stat: (s: readonly number[]) => number, seed: number, reps = 400): Estimate {
  if (!(reps >= 1)) throw new RangeError(`bootstrapCi: reps = ${reps}, need at least 1`);
  // rng.int(0, xs.length - 1) runs only when xs is non-empty and picks an index of xs; vals has reps >= 1
  // entries and 0 <= floor(0.025 reps) <= ceil(0.975 reps) - 1 < reps.
  const rng = makeRng(seed);
  const vals: number[] = [];
  const buf = new Array<number>(xs.length);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < xs.length; i++) buf[i] = xs[rng.int(0, xs.length - 1)]!;
    vals.push(stat(buf));
  }
  vals.sort((a, b) => a - b);
  return { value: stat(xs), lo: vals[Math.floor(0.025 * reps)]!, hi: vals[Math.ceil(0.975 * reps) - 1]! };
}

/** Least-squares slope and intercept of y on x. */
export function linearFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  if (y.length !== x.length) throw new Error(`linearFit: ${x.length} x values but ${y.length} y values`);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i]! - my); // y has x's length (checked above)
    sxx += (xi - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Exponent p in measure ~ C g^p: slope of log(measure) on log(g), with a bootstrap interval that
 * resamples the raw Monte Carlo values within each g and refits (seeded).
 */
export function fitExponent(
  gs: readonly number[],
  samples: readonly (readonly number[])[],
  stat: (s: readonly number[]) => number,
  seed: number,
  reps = 300,
): Estimate {
  if (!(reps >= 1)) throw new RangeError(`fitExponent: reps = ${reps}, need at least 1`);
  // As in bootstrapCi: each draw indexes a non-empty s, and slopes has reps >= 1 entries.
  const lx = gs.map(Math.log);
  const slopeOf = (vals: number[]): number => linearFit(lx, vals.map(Math.log)).slope;
  const point = slopeOf(samples.map((s) => stat(s)));
  const rng = makeRng(seed);
  const slopes: number[] = [];
  for (let r = 0; r < reps; r++) {
    const vals = samples.map((s) => {
      const b = Array.from({ length: s.length }, () => s[rng.int(0, s.length - 1)]!);
      return stat(b);
    });
    slopes.push(slopeOf(vals));
  }
  slopes.sort((a, b) => a - b);
  return { value: point, lo: slopes[Math.floor(0.025 * reps)]!, hi: slopes[Math.ceil(0.975 * reps) - 1]! };
}

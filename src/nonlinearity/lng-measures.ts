/**
 * Nonlinearity of LN-G as the group count g grows at fixed width n (claim C4). Monte Carlo in
 * float64 with seeds: these are MEASUREMENTS with confidence intervals, not certified values.
 *
 * Measures (docs/nonlinearity.md):
 *  - Hessian: ||H(x)||_F of LN-G at x ~ N(0, I_n) (closed form per point, hessian.ts); we report its
 *    median and mean (bootstrap / normal 95% CIs) and the closed-form expectations where finite.
 *  - LSSR reduction: random data X (m points in R^n, random labels), a random Gaussian n x n layer W
 *    (invertible a.s., so LSSR(W X) = LSSR(X)), then LN-G; ratio LSSR(after) / LSSR(before) < 1 is
 *    a reduction no linear layer can achieve. We report the geometric mean ratio with a CI.
 */
import { layerNormFloat } from "../workshop/evaluate-float.js";
import { lssrFloat } from "./float-lssr.js";
import { expectedFrobSq, expectedGroupFrobSum, lngHessianFrobSq } from "./hessian.js";
import { makeRng } from "../workshop/rng.js";
import { mean, meanCi, median, type Estimate } from "./stats.js";

export const divisors = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1).filter((g) => n % g === 0);

export interface GroupRow {
  readonly g: number;
  readonly k: number;
  /** Closed form E ||H||_F^2 (Infinity where it diverges, k <= 5). */
  readonly expectedFrobSq: number;
  /** Closed form E sum_g ||H_g||_F. */
  readonly expectedGroupFrobSum: number;
  readonly frobMedian: Estimate;
  readonly frobMean: Estimate;
  /** Monte Carlo mean of ||H||_F^2 (checks the closed form where finite). */
  readonly frobSqMean: Estimate;
  /** LSSR(after LN-G) / LSSR(before) for a random layer, geometric mean over trials. */
  readonly lssrRatio: Estimate;
  /** The same, best of `layers` random layers per dataset. */
  readonly lssrBestRatio: Estimate;
  /** LSSR(linear part P_V W X) / LSSR(LN-G(W X)) (> 1: LN-G separates better than its linear part). */
  readonly lnGain: Estimate;
}

export interface WidthResult {
  readonly width: number;
  readonly rows: GroupRow[];
  /** Exponent p in median ||H||_F ~ g^p over g with k >= 3 (weighted log-log fit, 95% CI). */
  readonly exponentMedian: Estimate;
  /** Exponent of sqrt(E ||H||_F^2) from the closed form, over g with k >= 6 (exact fit, no CI). */
  readonly exponentClosedForm: number;
  readonly gsFitted: number[];
}

export interface C4Options {
  readonly widths?: readonly number[];
  readonly hessianSamples?: number;
  readonly lssrTrials?: number;
  /** Samples per LSSR trial. */
  readonly m?: number;
  /** Random layers tried per dataset for the best ratio. */
  readonly layers?: number;
  readonly seed?: number;
}

function hessianSamples(n: number, g: number, count: number, seed: number): number[] {
  const rng = makeRng(seed);
  const x = new Float64Array(n);
  const out: number[] = [];
  for (let s = 0; s < count; s++) {
    for (let i = 0; i < n; i++) x[i] = rng.normal();
    out.push(Math.sqrt(lngHessianFrobSq(x, g)));
  }
  return out;
}

interface LssrTrial {
  /** after / before for one random layer. */
  readonly random: number;
  /** min over `layers` random layers of after / before (what a chosen layer achieves). */
  readonly best: number;
  /** LSSR(P_V W X) / LSSR(LN-G(W X)): LN-G against its own linear part (same subspace V). */
  readonly gain: number;
}

function lssrTrials(n: number, g: number, trials: number, m: number, layers: number, seed: number): LssrTrial[] {
  const rng = makeRng(seed);
  const out: LssrTrial[] = [];
  const k = n / g;
  // h, x and every row of W have n = g k entries, so the indices i < (q + 1) k <= n and j < n are in range.
  const project = (h: Float64Array): Float64Array => {
    const p = Float64Array.from(h);
    for (let q = 0; q < g; q++) {
      let mu = 0;
      for (let i = q * k; i < (q + 1) * k; i++) mu += p[i]!;
      for (let i = q * k; i < (q + 1) * k; i++) p[i] = p[i]! - mu / k;
    }
    return p;
  };
  for (let t = 0; t < trials; t++) {
    const labels = Array.from({ length: m }, (_, i) => (i % 2) as 0 | 1);
    const xs = Array.from({ length: m }, () => Float64Array.from({ length: n }, () => rng.normal()));
    const before = lssrFloat(xs, labels, 0);
    if (!(before > 0) || !Number.isFinite(before)) continue;
    let first: LssrTrial | undefined;
    let best = Infinity;
    for (let l = 0; l < layers; l++) {
      const W = Array.from({ length: n }, () => Float64Array.from({ length: n }, () => rng.normal() / Math.sqrt(n)));
      const hs = xs.map((x) => Float64Array.from(W, (row) => row.reduce((s, w, j) => s + w * x[j]!, 0)));
      const after = lssrFloat(hs.map((h) => layerNormFloat(h, g, 0)), labels, g);
      if (l === 0) first = { random: after / before, best: 0, gain: lssrFloat(hs.map(project), labels, g) / after };
      best = Math.min(best, after / before);
    }
    if (first) out.push({ ...first, best });
  }
  return out;
}

/** Geometric mean with a normal 95% interval on the log scale. */
function geoMeanCi(xs: readonly number[]): Estimate {
  const e = meanCi(xs.map(Math.log));
  return { value: Math.exp(e.value), lo: Math.exp(e.lo), hi: Math.exp(e.hi) };
}

/** Median with the distribution-free order-statistic 95% interval (ranks n/2 -+ 0.98 sqrt(n)). */
function medianCi(xs: readonly number[]): Estimate {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  const h = Math.ceil(0.98 * Math.sqrt(n));
  const rank = (i: number): number => s[i] ?? NaN; // in range unless n = 0, whose median is NaN too
  return { value: median(s), lo: rank(Math.max(0, Math.floor(n / 2) - h)), hi: rank(Math.min(n - 1, Math.ceil(n / 2) + h)) };
}

/**
 * Weighted least-squares slope of log(value) on log(g), weights from each CI (log-scale variance
 * ((log hi - log lo) / 3.92)^2), with a normal 95% interval on the slope.
 */
export function fitLogLog(gs: readonly number[], est: readonly Estimate[]): Estimate {
  if (gs.length !== est.length) throw new Error(`fitLogLog: ${gs.length} widths but ${est.length} estimates`);
  // x, y and w have one entry per estimate (checked above), so w[i] and y[i] exist.
  const x = gs.map(Math.log);
  const y = est.map((e) => Math.log(e.value));
  const w = est.map((e) => 1 / Math.max(1e-12, ((Math.log(e.hi) - Math.log(e.lo)) / 3.92) ** 2));
  const sw = w.reduce((a, b) => a + b, 0);
  const mx = x.reduce((a, xi, i) => a + w[i]! * xi, 0) / sw;
  const my = y.reduce((a, yi, i) => a + w[i]! * yi, 0) / sw;
  const sxx = x.reduce((a, xi, i) => a + w[i]! * (xi - mx) ** 2, 0);
  const slope = x.reduce((a, xi, i) => a + w[i]! * (xi - mx) * (y[i]! - my), 0) / sxx;
  const se = Math.sqrt(1 / sxx);
  return { value: slope, lo: slope - 1.96 * se, hi: slope + 1.96 * se };
}

export function measureWidth(n: number, opts: C4Options = {}): WidthResult {
  const seed = opts.seed ?? 1;
  const hs = opts.hessianSamples ?? 20000;
  const trials = opts.lssrTrials ?? 60;
  const m = opts.m ?? 4 * n;
  const layers = opts.layers ?? 10;
  const rows: GroupRow[] = [];
  for (const g of divisors(n)) {
    const k = n / g;
    if (k === 1) continue; // LN of one neuron is 0/0 (eps = 0): undefined
    const s = hessianSamples(n, g, hs, seed * 1000 + g);
    const tr = lssrTrials(n, g, trials, m, layers, seed * 7919 + g);
    rows.push({
      g,
      k,
      expectedFrobSq: expectedFrobSq(n, g),
      expectedGroupFrobSum: expectedGroupFrobSum(n, g),
      frobMedian: medianCi(s),
      frobMean: meanCi(s),
      frobSqMean: meanCi(s.map((v) => v * v)),
      lssrRatio: geoMeanCi(tr.map((t) => t.random)),
      lssrBestRatio: geoMeanCi(tr.map((t) => t.best)),
      lnGain: geoMeanCi(tr.map((t) => t.gain)),
    });
  }
  const fitted = rows.filter((r) => r.k >= 3);
  const closed = rows.filter((r) => r.k >= 6);
  const lx = closed.map((r) => Math.log(r.g));
  const ly = closed.map((r) => 0.5 * Math.log(r.expectedFrobSq));
  const mx = mean(lx);
  const my = mean(ly);
  // lx and ly have one entry per closed row, so ly[i] exists
  const exponentClosedForm = lx.reduce((a, x, i) => a + (x - mx) * (ly[i]! - my), 0) / lx.reduce((a, x) => a + (x - mx) ** 2, 0);
  return {
    width: n,
    rows,
    exponentMedian: fitLogLog(fitted.map((r) => r.g), fitted.map((r) => r.frobMedian)),
    exponentClosedForm,
    gsFitted: fitted.map((r) => r.g),
  };
}

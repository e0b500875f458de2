/** Built-in datasets for the claims (deterministic from a seed). */
import { type Dataset, type Label } from "../trusted/net/dataset.js";
import { makeDataset } from "../workshop/dataset.js";
import { rat, type Rational } from "../trusted/numbers/rational.js";
import { makeRng } from "../workshop/rng.js";

/** m points 0..m-1 on the line with alternating labels: the worst case for depth. */
export function alternatingLine(m: number): Dataset {
  return makeDataset(
    Array.from({ length: m }, (_, i) => [rat(i)]),
    Array.from({ length: m }, (_, i) => (i % 2) as Label),
  );
}

/** m points with coordinates k/64 (k uniform in [-256, 256)) in R^d and fair random labels. */
export function randomLabels(m: number, d: number, seed: number): Dataset {
  const rng = makeRng(seed);
  const seen = new Set<string>();
  const points: Rational[][] = [];
  while (points.length < m) {
    const ks = Array.from({ length: d }, () => rng.int(-256, 255));
    const key = ks.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    points.push(ks.map((k) => rat(k, 64)));
  }
  return makeDataset(points, points.map(() => rng.int(0, 1) as Label));
}

/** Two separated Gaussian-like clusters (label = cluster) in R^d: structured data. */
export function twoClusters(m: number, d: number, seed: number): Dataset {
  const rng = makeRng(seed);
  const points = Array.from({ length: m }, (_, i) => Array.from({ length: d }, (_, j) => rat(Math.round((rng.normal() + (j === 0 ? (i % 2 ? 6 : -6) : 0)) * 1024), 1024)));
  return makeDataset(points, points.map((_, i) => (i % 2) as Label));
}

/**
 * 0, 1e-60, 1e-45, 1e-30, 1e-15, 1, 1e15, 1e30 on the line, alternating labels: nested scales that
 * no single first-layer zoom resolves in float64 (docs/construction.md, section 3.6, "Limits").
 */
export function nestedScales(): Dataset {
  const pow10 = (k: number): Rational => (k >= 0 ? rat(10n ** BigInt(k)) : rat(1n, 10n ** BigInt(-k)));
  const points = [[rat(0)], ...[-60, -45, -30, -15, 0, 15, 30].map((k) => [pow10(k)])];
  return makeDataset(points, points.map((_, i) => (i % 2) as Label));
}

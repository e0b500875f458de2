/**
 * Exact affine-monotonicity spot check: random small rational two-class data and random rational
 * affine maps; counts the maps that lower LSSR (none may; the proof is in docs/nonlinearity.md).
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { TwoClasses } from "../trusted/checkers/lssr.js";
import { compareLssr, lssr } from "./ssr.js";
import { makeRng } from "../workshop/rng.js";

/** Number of violations among `count` seeded checks. */
export function affineSpotCheck(count: number, seed: number): number {
  const rng = makeRng(seed);
  const r = (): Rational => rat(rng.int(-9, 9), rng.int(1, 5));
  let bad = 0;
  for (let t = 0; t < count; t++) {
    const d = rng.int(1, 3);
    const out = rng.int(1, 4);
    const pts = (n: number): Rational[][] => Array.from({ length: n }, () => Array.from({ length: d }, r));
    const c: TwoClasses = { X: pts(rng.int(1, 5)), Y: pts(rng.int(1, 5)) };
    const A = Array.from({ length: out }, () => Array.from({ length: d }, r));
    const b = Array.from({ length: out }, r);
    // A is out x d, b has out entries and every point d coordinates, so b[i] and x[j] exist
    const map = (x: readonly Rational[]): Rational[] => A.map((row, i) => row.reduce((s, a, j) => s.add(a.mul(x[j]!)), b[i]!));
    if (compareLssr(lssr({ X: c.X.map(map), Y: c.Y.map(map) }), lssr(c)) < 0) bad++;
  }
  return bad;
}

/**
 * Seeded point-set generators. Every coordinate is an exact rational built from integers (never from
 * a float); the same seed gives the same sets.
 * - random: integers / denominator, uniform in [-range, range];
 * - lattice: distinct points of the grid {0, .., range}^d (small structured sets: XOR lives here);
 * - near-duplicates: random points, then half of them copied with an offset of 1/(range * den)^2 in
 *   one coordinate (adversarial for margins and precision);
 * - fixed: the spec's own points (used by replays and the regression corpus).
 * Sets with repeated points are regenerated (an n-point set has n distinct points).
 */
import { cmp, rat, type Rational } from "../trusted/numbers/rational.js";
import type { Rng } from "../workshop/rng.js";
import type { DataSpec } from "./spec.js";

export type PointSet = Rational[][];

export function generateSet(spec: DataSpec, dim: number, rng: Rng): PointSet {
  if (spec.generator === "fixed") return (spec.fixed ?? []).map((p) => [...p]);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const set = draw(spec, dim, rng);
    if (distinct(set)) return set;
  }
  throw new Error(`generator ${spec.generator} cannot produce ${spec.points} distinct points (range too small?)`);
}

function draw(spec: DataSpec, dim: number, rng: Rng): PointSet {
  const den = spec.denominator;
  const coord = (): Rational => rat(rng.int(-spec.range * den, spec.range * den), den);
  const randomPoint = (): Rational[] => Array.from({ length: dim }, coord);
  if (spec.generator === "lattice") {
    return Array.from({ length: spec.points }, () => Array.from({ length: dim }, () => rat(rng.int(0, spec.range))));
  }
  if (spec.generator === "near-duplicates") {
    const base = Array.from({ length: Math.ceil(spec.points / 2) }, randomPoint);
    const tiny = rat(1, (spec.range * den) ** 2 + 1);
    const out = [...base];
    for (let i = 0; out.length < spec.points; i++) {
      // base is non-empty (spec.points > out.length >= 0) and its points have dim coordinates
      const p = [...base[i % base.length]!];
      const j = rng.int(0, dim - 1);
      p[j] = p[j]!.add(rng.int(0, 1) === 0 ? tiny : tiny.neg());
      out.push(p);
    }
    return out;
  }
  return Array.from({ length: spec.points }, randomPoint);
}

export function distinct(set: PointSet): boolean {
  for (const [i, p] of set.entries()) {
    for (const q of set.slice(i + 1)) {
      if (p.every((v, k) => cmp(v, q[k]!) === 0)) return false; // the points of a set share one dimension
    }
  }
  return true;
}

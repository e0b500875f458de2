/**
 * Default point sets for `lnnet vc shatter`: the 2L+1 integers on the line (task.ts, canonicalPoints),
 * exact rational points on the unit circle (convex position), and seeded random integer points.
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import { InputError } from "../trusted/errors.js";
import { makeRng } from "../workshop/rng.js";
import { searchPoints } from "./search.js";
import { canonicalPoints } from "./task.js";
import { alternatingPoints } from "./alternating.js";

/** The rational point ((1 - t^2), 2t) / (1 + t^2) of the unit circle, t = tan(theta / 2) rounded to 2^-20. */
function circlePoint(theta: number): Rational[] {
  const t = rat(BigInt(Math.round(Math.tan(theta / 2) * 2 ** 20)), 1n << 20n);
  const d = rat(1).add(t.mul(t));
  return [rat(1).sub(t.mul(t)).div(d), rat(2).mul(t).div(d)];
}

/**
 * m rational points on the unit circle near the regular m-gon (angles 2 pi k / m + 0.1); for even m
 * the second half is exactly the negation of the first, so the set is closed under x -> -x (mirror).
 */
export function circlePoints(m: number): Rational[][] {
  if (m % 2 === 1) return Array.from({ length: m }, (_, k) => circlePoint((2 * Math.PI * k) / m + 0.1));
  const half = Array.from({ length: m / 2 }, (_, k) => circlePoint((2 * Math.PI * k) / m + 0.1));
  return [...half, ...half.map((x) => x.map((v) => v.neg()))];
}

/** m distinct points of {0, ..., 1023}^dim from a seeded stream. */
export function randomPoints(m: number, dim: number, seed: number): Rational[][] {
  if (m > 1024 ** dim) throw new InputError("bad-argument", `at most ${1024 ** dim} distinct points in dimension ${dim}`);
  const rng = makeRng(seed);
  const seen = new Set<string>();
  const out: Rational[][] = [];
  while (out.length < m) {
    const x = Array.from({ length: dim }, () => rng.int(0, 1023));
    const key = x.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(x.map((v) => rat(v)));
  }
  return out;
}

/**
 * The point set `vc shatter` uses without --points: on the line the 2L+1 integers -L..L (or, with a
 * size n, -(n-1), -(n-3), ..., n-1; for n > 2L+1 the sign runs of the alternating net, alternating.ts); in the plane without a seed, 2L+3 circle points; with a seed (or
 * in R^d, d > 2), 3L+3 random integer points. `size` overrides the count.
 */
export function defaultPointSet(depth: number, dim: number, size?: number, seed?: number): Rational[][] {
  if (dim === 1) return size === undefined ? canonicalPoints(depth) : size > 2 * depth + 1 ? (alternatingPoints(depth, size) ?? searchPoints(size)) : searchPoints(size);
  if (dim === 2 && seed === undefined) return circlePoints(size ?? 2 * depth + 3);
  return randomPoints(size ?? 3 * depth + 3, dim, seed ?? 1);
}

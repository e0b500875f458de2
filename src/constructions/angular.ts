/**
 * The angular (2-D) first-layer view, for d >= 2: w = P x - p with P a rational 2 x d projection
 * and p a rational point of the plane. The first LN output is then a function of the *angle* of
 * P x - p (exact-folds.ts `firstLayer`; docs/construction.md): the letters are the data seen from p,
 * counter-clockwise, on the full circle, where a line view puts them on an open half circle.
 * Structured data (one class in a wedge around p, or one class "around" the other in angle) then
 * has few circular label runs, so few fold layers.
 *
 * Validity is decided exactly (integer cross products): p is not the image P x of a data point, and
 * no two points with different labels lie on one ray from p (same-label points on one ray are one
 * letter, as same-label duplicates are). Floats only rank the candidates.
 */
import { rat, toNumber, toRationalString, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import { roundToGrid } from "./dyadic.js";
import type { DistinctPoint } from "./points.js";
import type { Rng } from "../workshop/rng.js";
import type { FirstView } from "./view.js";
import { minDeletions } from "./word.js";
import { ConstructionFailed } from "../workshop/errors.js";

/** Candidates whose smallest angular gap between letters is below this (radians) are not used. */
export const ANGULAR_MIN_GAP = 1e-8;
/** Random projections, data points (perturbed) and random points tried as candidates. */
const RANDOM_PROJECTIONS = 6;
const DATA_POINTS = 6;
const RANDOM_POINTS = 4;
/** Most candidates checked exactly (best first) before falling back to random ones. */
const EXACT_TRIES = 32;

export interface AngularView extends FirstView {
  readonly kind: "angular";
  /** The projection P (2 x d) and the point p, exactly. */
  readonly projection: readonly (readonly Rational[])[];
  readonly point: readonly Rational[];
}

export type AngularCheck = { readonly ok: true; readonly view: AngularView } | { readonly ok: false; readonly reason: string };

/** Integer vector with the direction of the rational vector (a, b) (a positive multiple). */
function integerDirection(a: Rational, b: Rational): [bigint, bigint] {
  return [a.s * a.n * b.d, b.s * b.n * a.d];
}

/** 0 for angles in [0, pi), 1 for [pi, 2 pi); the zero vector has none. */
const half = (v: readonly [bigint, bigint]): number => (v[1] > 0n || (v[1] === 0n && v[0] > 0n) ? 0 : 1);
const crossInt = (u: readonly [bigint, bigint], v: readonly [bigint, bigint]): bigint => u[0] * v[1] - u[1] * v[0];

/** 2^k nearest to a positive double (1 when it is not finite and positive). */
function powerOfTwoNear(x: number): Rational {
  if (!(x > 0) || !Number.isFinite(x)) return rat(1);
  const k = Math.round(Math.log2(x));
  return k >= 0 ? rat(1n << BigInt(k)) : rat(1n, 1n << BigInt(-k));
}

/**
 * The angular view of the distinct points from p under P, checked exactly: `ok: false` (with the
 * reason) when p is the image of a data point or two labels share a ray from p.
 */
export function angularView(points: readonly DistinctPoint[], P: readonly (readonly Rational[])[], p: readonly Rational[]): AngularCheck {
  if (P.length !== 2 || p.length !== 2) throw new RangeError("angularView: P must be 2 x d and p a point of the plane");
  // P is 2 x dim and p has 2 entries (checked here), every point dim coordinates (checked below); dir is
  // index-aligned with points and idx is a permutation of their indices.
  const dim = P[0]!.length;
  const dot = (row: readonly Rational[], x: readonly Rational[]) => row.reduce((s, a, k) => (a.n === 0n ? s : s.add(a.mul(x[k]!))), rat(0));
  const w = points.map((pt) => {
    if (pt.x.length !== dim) throw new RangeError("angularView: dimension mismatch");
    return [dot(P[0]!, pt.x).sub(p[0]!), dot(P[1]!, pt.x).sub(p[1]!)] as const;
  });
  const dir = w.map(([a, b]) => integerDirection(a, b));
  for (const [i, v] of dir.entries()) {
    if (v[0] === 0n && v[1] === 0n) return { ok: false, reason: `p is the projection of data point ${i + 1}` };
  }
  // Exact counter-clockwise order from angle 0: by half plane, then by cross product.
  const idx = points.map((_, i) => i);
  idx.sort((i, j) => {
    const u = dir[i]!;
    const v = dir[j]!;
    const h = half(u) - half(v);
    if (h !== 0) return h;
    const c = crossInt(u, v);
    return c > 0n ? -1 : c < 0n ? 1 : i - j;
  });
  const letters: { points: number[]; label: Label }[] = [];
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    const last = letters[letters.length - 1];
    const prev = r > 0 ? idx[r - 1]! : -1;
    const u = dir[i]!;
    const sameRay = prev >= 0 && half(u) === half(dir[prev]!) && crossInt(u, dir[prev]!) === 0n;
    if (last && sameRay) {
      if (last.label !== points[i]!.label) {
        return { ok: false, reason: `data points ${prev + 1} and ${i + 1} have different labels and lie on one ray from p` };
      }
      last.points.push(i);
    } else {
      letters.push({ points: [i], label: points[i]!.label });
    }
  }
  // Scale w by a power of two (a positive factor: directions unchanged) so that |w| <= ~1.
  let big = 0;
  for (const [a, b] of w) big = Math.max(big, Math.abs(toNumber(a)), Math.abs(toNumber(b)));
  const S = powerOfTwoNear(big);
  const wExact = w.map(([a, b]) => [a.div(S), b.div(S)]);
  return {
    ok: true,
    view: {
      kind: "angular",
      letters,
      ccwOrder: letters.map((_, id) => id),
      A: P.map((row) => row.map((a) => a.div(S))),
      c: p.map((v) => v.neg().div(S)),
      wExact,
      wFloat: wExact.map(([a, b]) => [toNumber(a as Rational), toNumber(b as Rational)] as const),
      fullCircle: true,
      projection: P,
      point: p,
    },
  };
}

/** The view as strings (for reports): P row by row and p. */
export function describeAngular(view: AngularView): { projection: string[][]; point: string[] } {
  return { projection: view.projection.map((row) => row.map(toRationalString)), point: view.point.map(toRationalString) };
}

export interface AngularScore {
  readonly deletions: number;
  /** Smallest angle between consecutive letters (radians, float). */
  readonly minGap: number;
}

/**
 * Float ranking of one candidate: deletions of the circular word of the rays from p, and the
 * smallest angular gap; undefined when two rays cannot be told apart in float64 (or two labels
 * share one, or p sits on a point).
 */
export function scoreAngular(px: Float64Array, py: Float64Array, labels: readonly Label[], p: readonly [number, number]): AngularScore | undefined {
  // px, py, ang and labels have one entry per point (n), and idx is a permutation of 0..n-1.
  const n = px.length;
  const ang = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = px[i]! - p[0];
    const y = py[i]! - p[1];
    if (x === 0 && y === 0) return undefined;
    ang[i] = Math.atan2(y, x);
  }
  const idx = Array.from({ length: n }, (_, i) => i).sort((i, j) => ang[i]! - ang[j]! || i - j);
  const word: Label[] = [];
  let minGap = Infinity;
  let first = NaN;
  let prevAngle = NaN;
  let prevLabel: Label | undefined;
  for (const i of idx) {
    const a = ang[i]!;
    const l = labels[i]!;
    if (a === prevAngle) {
      if (l !== prevLabel) return undefined;
      continue;
    }
    if (word.length === 0) first = a;
    else minGap = Math.min(minGap, a - prevAngle);
    word.push(l);
    prevAngle = a;
    prevLabel = l;
  }
  if (word.length < 2) return undefined;
  minGap = Math.min(minGap, first + 2 * Math.PI - prevAngle);
  if (!(minGap >= ANGULAR_MIN_GAP)) return undefined;
  return { deletions: minDeletions(word), minGap };
}

/** Rounded to small integers (|entry| <= 16), the direction of a float vector; undefined if zero. */
function toSmallInts(v: readonly number[]): number[] | undefined {
  const mx = Math.max(...v.map(Math.abs));
  if (!(mx > 0) || !Number.isFinite(mx)) return undefined;
  const r = v.map((x) => Math.round((16 * x) / mx));
  return r.some((x) => x !== 0) ? r : undefined;
}

/** The two rows are independent (Gram determinant clearly positive). */
function independent(a: readonly number[], b: readonly number[]): boolean {
  const aa = a.reduce((s, x) => s + x * x, 0);
  const bb = b.reduce((s, x) => s + x * x, 0);
  const ab = a.reduce((s, x, k) => s + x * b[k]!, 0); // both rows have the data's dimension
  return aa > 0 && bb > 0 && aa * bb - ab * ab > 1e-9 * aa * bb;
}

/**
 * Candidate projections (integer 2 x d): coordinate pairs (the 5 coordinates with the largest
 * normalised class-mean difference when d > 5), the class-mean difference with the main direction
 * of the remaining spread and with those coordinates, and seeded random small-integer pairs.
 */
function candidateProjections(X: readonly (readonly number[])[], labels: readonly Label[], dim: number, rng: Rng): number[][][] {
  const n = X.length;
  const mean = (sel: (i: number) => boolean) => {
    const s = new Array<number>(dim).fill(0);
    let c = 0;
    for (let i = 0; i < n; i++) {
      if (!sel(i)) continue;
      c++;
      for (let k = 0; k < dim; k++) s[k] = s[k]! + X[i]![k]!; // i < n rows of dim entries; s, mu, delta, spread, v, next: dim entries
    }
    return s.map((v) => v / Math.max(1, c));
  };
  const mu = mean(() => true);
  const mean0 = mean((i) => labels[i] === 0);
  const delta = mean((i) => labels[i] === 1).map((v, k) => v - mean0[k]!);
  const spread = Array.from({ length: dim }, (_, k) => Math.sqrt(X.reduce((s, x) => s + (x[k]! - mu[k]!) ** 2, 0) / Math.max(1, n)));
  const axes = Array.from({ length: dim }, (_, k) => k)
    .sort((a, b) => Math.abs(delta[b]!) / (spread[b]! || 1) - Math.abs(delta[a]!) / (spread[a]! || 1) || a - b)
    .slice(0, 5)
    .sort((a, b) => a - b);
  const unit = (k: number) => Array.from({ length: dim }, (_, j) => (j === k ? 1 : 0));
  const out: number[][][] = [];
  for (let a = 0; a < axes.length; a++) for (let b = a + 1; b < axes.length; b++) out.push([unit(axes[a]!), unit(axes[b]!)]);
  const d16 = toSmallInts(delta);
  if (d16) {
    // Main direction of the spread orthogonal to delta (power iteration on the covariance).
    const dn = Math.hypot(...delta);
    const ortho = (v: number[]) => {
      const t = v.reduce((s, x, k) => s + x * delta[k]!, 0) / (dn * dn);
      return v.map((x, k) => x - t * delta[k]!);
    };
    let v = ortho(Array.from({ length: dim }, (_, k) => 1 + k / dim));
    for (let it = 0; it < 30; it++) {
      const next = new Array<number>(dim).fill(0);
      for (const x of X) {
        const c = x.reduce((s, xv, k) => s + (xv - mu[k]!) * v[k]!, 0);
        for (let k = 0; k < dim; k++) next[k] = next[k]! + c * (x[k]! - mu[k]!);
      }
      v = ortho(next);
      const nv = Math.hypot(...v);
      if (!(nv > 0) || !Number.isFinite(nv)) break;
      v = v.map((x) => x / nv);
    }
    const second = toSmallInts(v);
    if (second) out.push([d16, second]);
    for (const k of axes.slice(0, 3)) out.push([d16, unit(k)]);
  }
  for (let i = 0; i < RANDOM_PROJECTIONS; i++) {
    out.push([0, 1].map(() => Array.from({ length: dim }, () => rng.int(-4, 4))));
  }
  return out.filter(([a, b]) => independent(a as number[], b as number[]));
}

export interface AngularChoice {
  readonly view: AngularView;
  /** Deletions of the view's (exact) word, and its smallest angular gap (float ranking). */
  readonly deletions: number;
  readonly minGap: number;
  /** Candidates ranked. */
  readonly candidates: number;
}

/**
 * The angular view with the fewest deletions (ties: the largest smallest angular gap), among
 * candidate projections x the points p: class means, centroid, midpoint of the class means, centre
 * of the bounding box, data points moved by 1/64 of the spread, and random points of the box.
 * The best candidates are checked exactly, in order; if none is valid, undefined, or with
 * `fallback` random ones are drawn (a generic P and p are always valid for distinct points).
 * Undefined for d < 2, one class, or coordinates beyond the double range.
 */
export function chooseAngular(points: readonly DistinctPoint[], dim: number, rng: Rng, fallback = false): AngularChoice | undefined {
  if (dim < 2 || points.length < 2) return undefined;
  const labels = points.map((p) => p.label);
  if (!labels.includes(0) || !labels.includes(1)) return undefined;
  const X = points.map((p) => p.x.map(toNumber));
  if (!X.every((x) => x.every(Number.isFinite)) && !fallback) return undefined;
  const n = points.length;
  const ranked: { P: number[][]; p: Rational[]; score: AngularScore; k: number }[] = [];
  for (const P of candidateProjections(X, labels, dim, rng)) {
    const px = new Float64Array(n);
    const py = new Float64Array(n);
    X.forEach((x, i) => {
      // P is 2 x dim (candidateProjections), every x has dim entries, px and py have n; rng.int(0, n - 1) < n
      px[i] = x.reduce((s, v, k) => s + v * P[0]![k]!, 0);
      py[i] = x.reduce((s, v, k) => s + v * P[1]![k]!, 0);
    });
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, px[i]!);
      x1 = Math.max(x1, px[i]!);
      y0 = Math.min(y0, py[i]!);
      y1 = Math.max(y1, py[i]!);
    }
    const size = Math.max(x1 - x0, y1 - y0);
    // Extents beyond ~2^+-900 are left to the line views (the dyadic grid of p would leave the doubles).
    if (!(size > 2 ** -900 && size < 2 ** 900)) continue;
    const avg = (sel: (i: number) => boolean): [number, number] => {
      let sx = 0;
      let sy = 0;
      let c = 0;
      for (let i = 0; i < n; i++) {
        if (!sel(i)) continue;
        sx += px[i]!;
        sy += py[i]!;
        c++;
      }
      return [sx / c, sy / c];
    };
    const m1 = avg((i) => labels[i] === 1);
    const m0 = avg((i) => labels[i] === 0);
    const spots: [number, number][] = [m1, m0, avg(() => true), [(m1[0] + m0[0]) / 2, (m1[1] + m0[1]) / 2], [(x0 + x1) / 2, (y0 + y1) / 2]];
    for (let k = 0; k < DATA_POINTS; k++) {
      const i = rng.int(0, n - 1);
      const t = 2 * Math.PI * rng.next();
      spots.push([px[i]! + (size / 64) * Math.cos(t), py[i]! + (size / 64) * Math.sin(t)]);
    }
    for (let k = 0; k < RANDOM_POINTS; k++) spots.push([x0 + (x1 - x0) * rng.next(), y0 + (y1 - y0) * rng.next()]);
    // p on a dyadic grid 2^-24 of the data's extent: exact, and short.
    const e = Math.floor(Math.log2(size)) - 24;
    for (const s of spots) {
      if (!Number.isFinite(s[0]) || !Number.isFinite(s[1])) continue;
      const p = [roundToGrid(s[0], e), roundToGrid(s[1], e)];
      const score = scoreAngular(px, py, labels, [toNumber(p[0]!), toNumber(p[1]!)]);
      if (score) ranked.push({ P, p, score, k: ranked.length });
    }
  }
  ranked.sort((a, b) => a.score.deletions - b.score.deletions || b.score.minGap - a.score.minGap || a.k - b.k);
  const toRat = (P: number[][]) => P.map((row) => row.map((v) => rat(v)));
  for (const c of ranked.slice(0, EXACT_TRIES)) {
    const check = angularView(points, toRat(c.P), c.p);
    if (check.ok) return { view: check.view, deletions: minDeletions(check.view.letters.map((l) => l.label)), minGap: c.score.minGap, candidates: ranked.length };
  }
  if (!fallback) return undefined;
  // Generic P and p always work (finitely many bad choices); keep drawing.
  for (let tries = 0; tries < 1000; tries++) {
    const P = [0, 1].map(() => Array.from({ length: dim }, () => rng.int(-1000, 1000)));
    if (!independent(P[0]!, P[1]!)) continue; // P has the two rows mapped above
    const p = [rat(rng.int(-1000, 1000), 997), rat(rng.int(-1000, 1000), 991)];
    const check = angularView(points, toRat(P), p);
    if (!check.ok) continue;
    const word = check.view.letters.map((l) => l.label);
    return { view: check.view, deletions: minDeletions(word), minGap: 0, candidates: ranked.length };
  }
  throw new ConstructionFailed("no valid angular view found");
}

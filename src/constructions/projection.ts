/**
 * The first layer's view of the data: a rational direction a, so that each point becomes the
 * number t = a . x, and letters = distinct values of t in increasing order. Data-adaptive: among
 * candidate directions (coordinate axes, the class-mean difference, seeded random small-integer
 * directions) pick the one whose circular label word needs the fewest deletions (word.ts), then
 * the one with the widest relative spacing. Floats only rank candidates; the winner is checked in
 * exact arithmetic (no two labels may share a t). Multi-scale data: the first layer zooms (zoom.ts).
 */
import { cmp, rat, sub, toNumber, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { DistinctPoint } from "./points.js";
import type { Rng } from "../workshop/rng.js";
import { minDeletions } from "./word.js";
import { zoomCandidates, type Zoom } from "./zoom.js";
import { ConstructionFailed } from "../workshop/errors.js";

export interface Projection {
  /** Integer direction (as rationals). */
  readonly direction: readonly Rational[];
  /** t' = (a . x - center) / halfRange in [-1, 1], per distinct point (exact). */
  readonly center: Rational;
  readonly halfRange: Rational;
  readonly tNorm: readonly number[];
  /** The same values exactly. */
  readonly tExact: readonly Rational[];
  /** Letters in increasing t: the distinct points of each, and its label. */
  readonly letters: readonly { readonly points: readonly number[]; readonly label: Label }[];
  /** The unzoomed values, for other zooms of the same direction (`alternativeViews`). */
  readonly raw?: RawView;
}

function candidateDirections(points: readonly DistinctPoint[], dim: number, rng: Rng, count: number): number[][] {
  const dirs: number[][] = [];
  for (let j = 0; j < dim; j++) dirs.push(Array.from({ length: dim }, (_, k) => (k === j ? 1 : 0)));
  if (dim === 1) return dirs;
  // class-mean difference, rounded to small integers (a cheap Fisher-like direction)
  const mean = (label: Label): number[] => {
    const sel = points.filter((p) => p.label === label);
    // every point, m0, m1 and diff have dim entries
    return Array.from({ length: dim }, (_, k) => sel.reduce((s, p) => s + toNumber(p.x[k]!), 0) / Math.max(1, sel.length));
  };
  const m1 = mean(1);
  const m0 = mean(0);
  const diff = m1.map((v, k) => v - m0[k]!);
  const mx = Math.max(...diff.map(Math.abs));
  if (mx > 0 && Number.isFinite(mx)) dirs.push(diff.map((v) => Math.round((16 * v) / mx)));
  for (let i = 0; i < count; i++) dirs.push(Array.from({ length: dim }, () => rng.int(-4, 4)));
  return dirs.filter((d) => d.some((v) => v !== 0));
}

interface Scored {
  dir: number[];
  deletions: number;
  spacing: number;
}

function scoreFloat(points: readonly DistinctPoint[], xf: readonly Float64Array[], dir: number[]): Scored {
  // dir has the points' dimension; t and points are index-aligned and idx is a permutation of their indices
  const t = xf.map((x) => x.reduce((s, v, k) => s + v * dir[k]!, 0));
  const idx = t.map((_, i) => i).sort((a, b) => t[a]! - t[b]!);
  const word: Label[] = [];
  let minGap = Infinity;
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    if (r > 0) {
      const prev = idx[r - 1]!;
      const gap = t[i]! - t[prev]!;
      if (gap === 0 && points[i]?.label === points[prev]?.label) continue; // same letter (probably)
      minGap = Math.min(minGap, gap);
    }
    word.push(points[i]!.label);
  }
  const range = idx.length > 0 ? t[idx[idx.length - 1]!]! - t[idx[0]!]! : 0;
  const has0 = word.includes(0);
  const has1 = word.includes(1);
  const deletions = has0 && has1 ? minDeletions(word) : 0;
  return { dir, deletions, spacing: range > 0 ? minGap / range : 0 };
}

/** Exact letters for a direction, or undefined when two labels share a value of t. */
function exactView(points: readonly DistinctPoint[], dir: number[]): Projection | undefined {
  // as in scoreFloat: a has the points' dimension, idx permutes t's indices, each letter has a first point
  const a = dir.map((v) => rat(v));
  const t = points.map((p) => p.x.reduce((s, v, k) => s.add(v.mul(a[k]!)), rat(0)));
  const idx = t.map((_, i) => i).sort((i, j) => cmp(t[i]!, t[j]!) || i - j);
  const letters: { points: number[]; label: Label }[] = [];
  for (let r = 0; r < idx.length; r++) {
    const i = idx[r]!;
    const last = letters[letters.length - 1];
    const prev = r > 0 ? idx[r - 1]! : -1;
    if (last && cmp(t[i]!, t[prev]!) === 0) {
      if (last.label !== points[i]!.label) return undefined;
      last.points.push(i);
    } else {
      letters.push({ points: [i], label: points[i]!.label });
    }
  }
  const values = letters.map((l) => t[l.points[0]!]!);
  return withZoom({ direction: a, t, letters, values }, values.length < 2 ? { center: values[0]!, halfRange: rat(1) } : zoomCandidates(values, 0)[0]! /* always holds the default view */);
}

interface RawView {
  readonly direction: readonly Rational[];
  readonly t: readonly Rational[];
  readonly letters: Projection["letters"];
  /** Letter values, increasing. */
  readonly values: readonly Rational[];
}

function withZoom(raw: RawView, zoom: Zoom): Projection {
  const tExact = raw.t.map((v) => sub(v, zoom.center).div(zoom.halfRange));
  return { direction: raw.direction, center: zoom.center, halfRange: zoom.halfRange, tNorm: tExact.map(toNumber), tExact, letters: raw.letters, raw };
}

/**
 * The same direction seen through other zooms (multi-scale data, zoom.ts), in the order to try
 * them when the builder cannot finish the first view.
 */
export function alternativeViews(view: Projection): Projection[] {
  const raw = view.raw;
  if (!raw || raw.values.length < 3) return [];
  return zoomCandidates(raw.values)
    .filter((z) => !(z.center.equals(view.center) && z.halfRange.equals(view.halfRange)))
    .map((z) => withZoom(raw, z));
}

export function chooseProjection(points: readonly DistinctPoint[], dim: number, rng: Rng, randomCandidates = 24): Projection {
  const xf = points.map((p) => Float64Array.from(p.x, toNumber)); // converted once, not per direction
  const scored = candidateDirections(points, dim, rng, randomCandidates).map((d) => scoreFloat(points, xf, d));
  scored.sort((x, y) => x.deletions - y.deletions || y.spacing - x.spacing);
  for (const s of scored) {
    const v = exactView(points, s.dir);
    if (v) return v;
  }
  // Some direction always separates distinct points (finitely many bad directions); keep drawing.
  for (let tries = 0; tries < 1000; tries++) {
    const v = exactView(points, Array.from({ length: dim }, () => rng.int(-1000, 1000)));
    if (v) return v;
  }
  throw new ConstructionFailed("no separating projection found");
}

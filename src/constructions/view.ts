/**
 * What the first layer shows the builder: an exact affine map x -> w = A x + c in Q^2, whose
 * direction the first LN layer reproduces on its output circle (up to an invertible linear map of
 * directions; exact-folds.ts `firstLayer`), and the letters (distinct directions of w) in circular order.
 *
 * - "line" (projection.ts): w = (t', 1) with t' = (a.x - center) / halfRange. The letters lie on an
 *   open half circle, in increasing t (clockwise).
 * - "angular" (angular.ts): w = P x - p for a 2 x d projection P and a point p of the plane. The
 *   letters are the rays from p, counter-clockwise, on the full circle.
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { LinearLayer } from "../trusted/net/model.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Projection } from "./projection.js";

export type ViewKind = "line" | "angular";

export interface FirstView {
  readonly kind: ViewKind;
  /** Letters in word order: increasing t (line) or counter-clockwise angle (angular). */
  readonly letters: readonly { readonly points: readonly number[]; readonly label: Label }[];
  /** Letter ids counter-clockwise on the circle of directions of w. */
  readonly ccwOrder: readonly number[];
  /** The first layer's input map w = A x + c (A is 2 x d). */
  readonly A: readonly (readonly Rational[])[];
  readonly c: readonly Rational[];
  /** w per distinct point, exactly and as doubles (not normalised). */
  readonly wExact: readonly (readonly Rational[])[];
  readonly wFloat: readonly (readonly [number, number])[];
  /** The letters may cover more than a half circle: spreading maps of cones do not apply as such. */
  readonly fullCircle: boolean;
  /** A line view's integer direction a. */
  readonly direction?: readonly Rational[];
}

/** The line view of a projection (with its zoom): w = (t', 1). */
export function lineView(p: Projection): FirstView {
  const zero = rat(0);
  return {
    kind: "line",
    letters: p.letters,
    // Direction of (t', 1): increasing t' runs clockwise, so counter-clockwise order is reversed.
    ccwOrder: p.letters.map((_, id) => id).reverse(),
    A: [p.direction.map((a) => a.div(p.halfRange)), p.direction.map(() => zero)],
    c: [p.center.neg().div(p.halfRange), rat(1)],
    wExact: p.tExact.map((t) => [t, rat(1)]),
    wFloat: p.tNorm.map((t) => [t, 1] as const),
    fullCircle: false,
    direction: p.direction,
  };
}

/**
 * The first layer z = lam M w(x), w = A x + c, with the exact M = [[3, -1], [0, 2], [-3, -1]]: its
 * columns (3, 0, -3) and (-1, 2, -1) span 1-perp and their cross product (6, 6, 6) points along
 * +(1, 1, 1), so the counter-clockwise order of the directions of w is kept (docs/construction.md 3.1).
 */
export const FIRST_M: readonly (readonly [number, number])[] = [
  [3, -1],
  [0, 2],
  [-3, -1],
];
export function firstLinearLayer(view: FirstView, lam: Rational): LinearLayer {
  const M = FIRST_M.map((row) => row.map((v) => rat(v).mul(lam)) as [Rational, Rational]);
  const [A0, A1] = view.A as [readonly Rational[], readonly Rational[]]; // the two rows of a 2 x d matrix
  const [c0, c1] = view.c as [Rational, Rational];
  const weight = M.map(([m0, m1]) => A0.map((a, k) => m0.mul(a).add(m1.mul(A1[k]!))));
  const bias = M.map(([m0, m1]) => m0.mul(c0).add(m1.mul(c1)));
  return { type: "linear", weight, bias };
}

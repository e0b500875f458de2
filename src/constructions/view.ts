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

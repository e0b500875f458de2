/**
 * Certified LSSR for data known only through interval enclosures (e.g. LN outputs, which are
 * irrational). Rigour rests on exact rational arithmetic plus a perturbation bound. LRAT-style, the
 * checker takes hints and checks them exactly: a rational direction w (upper bound; used only when
 * LSSR~ is 0 or inf, otherwise the exact minimiser z~ is used) and rational candidates for lambda
 * (lower bound; the first that passes the exact test is used). Hints come from untrusted float code
 * (src/nonlinearity/lssr-hints.ts); a bad hint only loosens a bound, never breaks one.
 *
 * Setting. True points x_i lie in boxes B_i and in a known subspace V (after an LN-G layer every
 * group sums to 0; V = R^n when nothing is known). Let x~_i = P_V(mid B_i) (exact rationals). Then
 * E = X - X~ has rows in V and ||E||_2 <= ||E||_F <= eps := sqrt(sum_ij r_ij^2), r_ij the half-widths
 * (P_V is an orthogonal projector and P_V x_i = x_i, so |x_i - x~_i| <= |x_i - mid_i|).
 * Write A = C X (class-centred rows, ||C||_2 <= 1), delta = X^T v with |v|^2 = 1/nX + 1/nY, and
 * a = sqrt(delta~^T S~^+ delta~) = 1/sqrt(LSSR~), z~ with S~ z~ = delta~. For w in V (other
 * directions change neither A w nor delta . w):
 *   |A w| in |A~ w| +- eps |w|,   |delta . w| <= |delta~ . w| + eps |v| |w|,   |delta~ . w| <= a |A~ w|.
 * Upper bound (w = z~, |A~ z~| = a, delta~ . z~ = a^2):
 *   sqrt(LSSR) <= sqrt(SSR(z~)) <= (a + eps |z~|) / (a^2 - eps |v| |z~|)     (denominator > 0).
 * Lower bound: if lambda <= min eigenvalue of S~ on V (checked exactly: S~ + mu P_perp - lambda I is
 * positive definite, mu = lambda + 1) and sigma = sqrt(lambda) > eps, then for unit w in V, with
 * t = |A~ w| >= sigma and f(t) = (t - eps) / (a t + eps |v|) increasing in t,
 *   sqrt(SSR(w)) >= f(t) >= f(sigma).
 * Every bound is evaluated with outward-rounded intervals and is monotone in eps (up) / sigma (down).
 */
import * as I from "../numbers/interval.js";
import { dyadicToRational } from "../numbers/dyadic-convert.js";
import type { Dyadic, Interval } from "../numbers/interval.js";
import { rat, type Rational, ZERO } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import { isPositiveDefinite } from "../numbers/bareiss.js";
import { integerScatter, lssrDetails, type LssrValue, type TwoClasses } from "./lssr.js";

export type CertifiedLssr =
  /** Every point was exact: the exact value. */
  | { readonly kind: "exact"; readonly value: LssrValue }
  /** lo <= LSSR <= hi (hi "inf" when no finite upper bound was proven; lo 0 when no positive lower bound). */
  | { readonly kind: "enclosed"; readonly lo: Dyadic; readonly hi: Dyadic | "inf"; readonly prec: number };

const toRat = (d: Dyadic): Rational => dyadicToRational(d, rat);

export interface EnclosedData {
  readonly points: readonly (readonly Interval[])[];
  readonly labels: readonly Label[];
  /** The points are known to sum to 0 on each of `groups` consecutive equal groups (0: no constraint). */
  readonly groups: number;
}

/** Exact midpoints projected onto V, and the squared Frobenius radius sum r_ij^2. */
function centres(data: EnclosedData): { mids: Rational[][]; radius2: Rational } {
  let radius2 = ZERO;
  const mids = data.points.map((p) => {
    const mid = p.map((x) => {
      const r = toRat(I.dSub(x.hi, x.lo)).div(rat(2));
      radius2 = radius2.add(r.mul(r));
      return toRat(I.dAdd(x.lo, x.hi)).div(rat(2));
    });
    if (data.groups <= 0) return mid;
    const k = mid.length / data.groups;
    return mid.map((v, i) => {
      const g = Math.floor(i / k);
      const m = mid.slice(g * k, (g + 1) * k).reduce((s, u) => s.add(u), ZERO).div(rat(k));
      return v.sub(m);
    });
  });
  return { mids, radius2 };
}

function classesOf(points: readonly (readonly Rational[])[], labels: readonly Label[]): TwoClasses {
  return { X: points.filter((_, i) => labels[i] === 1), Y: points.filter((_, i) => labels[i] === 0) };
}

/**
 * The rational scatter S~ and mean difference delta~, exactly, from their integer form in the scaled
 * coordinates x'_j = D_j x_j (lssr.ts): S_ij = M_ij / (L D_i D_j) and delta_j = d_j / (L D_j).
 */
function rationalScatter(c: TwoClasses): { S: Rational[][]; delta: Rational[] } {
  const { M, d, L, scale } = integerScatter(c);
  // M is dim x dim, d and scale have dim entries (the `!`s)
  return { S: M.map((row, i) => row.map((v, j) => rat(v, L * scale[i]! * scale[j]!))), delta: d.map((v, j) => rat(v, L * scale[j]!)) };
}

function quadForm(S: readonly (readonly Rational[])[], w: readonly Rational[]): Rational {
  let acc = ZERO;
  S.forEach((row, i) => row.forEach((v, j) => (acc = acc.add(v.mul(w[i]!).mul(w[j]!))))); // S is n x n, w has n entries (callers check)
  return acc;
}

/** The exact test of a lambda hint: lambda > 0 and S + mu P_perp - lambda I positive definite (mu = lambda + 1). */
export function checkEigenLowerBound(S: readonly (readonly Rational[])[], groups: number, lambda: Rational): boolean {
  if (lambda.s < 0n || lambda.n === 0n) return false;
  const k = groups > 0 ? S.length / groups : 0;
  const sameGroup = (i: number, j: number): boolean => groups > 0 && Math.floor(i / k) === Math.floor(j / k);
  const mu = lambda.add(rat(1));
  return isPositiveDefinite(S.map((r, i) => r.map((v, j) => v.add(sameGroup(i, j) ? mu.div(rat(k)) : ZERO).sub(i === j ? lambda : ZERO))));
}

/** Hints for `checkLssrHints`; any values are safe (see the module comment). */
export interface LssrHints {
  /** A direction in V for the upper bound when LSSR~ is 0 or inf. */
  readonly direction?: readonly Rational[];
  /** Candidates for lambda <= min eigenvalue of S~ on V, tried in order. */
  readonly lambdas?: readonly Rational[];
}

/** The exact problem built from the data (midpoints on V, S~, delta~, LSSR~): what hints are proposed for. */
export function lssrProblem(data: EnclosedData) {
  const { mids, radius2 } = centres(data);
  const classes = classesOf(mids, data.labels);
  const exact = data.points.every((p) => p.every((x) => I.dCmp(x.lo, x.hi) === 0));
  return { exact, radius2, classes, det: lssrDetails(classes), ...rationalScatter(classes) };
}

/** Certified bounds on the LSSR of the true points, from the data and (untrusted) hints. */
export function checkLssrHints(data: EnclosedData, hints: LssrHints, prec = 128): CertifiedLssr {
  const { exact, radius2, classes, det, S, delta: deltaT } = lssrProblem(data);
  if (exact) return { kind: "exact", value: det.lssr };
  const q = (r: Rational): Interval => I.fromRational(r, prec);
  const eps = I.sqrt(q(radius2), prec);
  const nX = classes.X.length;
  const nY = classes.Y.length;
  const vn = I.sqrt(q(rat(1, nX).add(rat(1, nY))), prec);
  // a^2 = 1 / LSSR~ (0 when the midpoint means coincide; undefined when LSSR~ = 0).
  const a2 = det.lssr === "inf" ? I.point(I.DYADIC_ZERO) : det.lssr.n === 0n ? undefined : q(rat(1).div(det.lssr));

  // Upper bound at a rational direction w: the minimiser z~ when LSSR~ > 0, else the hinted
  // direction (any w of the right length gives a valid bound; the hint only affects tightness).
  let hi: Dyadic | "inf" = "inf";
  const w = det.lssr !== "inf" && det.lssr.n !== 0n ? det.z : hints.direction;
  if (w && w.length === deltaT.length) {
    const quad = quadForm(S, w); // |A~ w|^2, exact
    const wd = w.reduce((acc, v, i) => acc.add(v.mul(deltaT[i]!)), ZERO); // delta~ . w, exact (w.length = deltaT.length, checked above)
    const wn = I.sqrt(q(w.reduce((acc, v) => acc.add(v.mul(v)), ZERO)), prec);
    const num = I.add(I.sqrt(q(quad), prec), I.mul(eps, wn, prec), prec);
    const den = I.sub(q(wd.abs()), I.mul(eps, I.mul(vn, wn, prec), prec), prec);
    if (I.isPositive(den)) hi = I.square(I.div(num, den, prec), prec).hi;
  }
  if (a2 === undefined) return { kind: "enclosed", lo: I.DYADIC_ZERO, hi, prec };
  const a = I.sqrt(a2, prec);

  let lo: Dyadic = I.DYADIC_ZERO;
  const lambda = (hints.lambdas ?? []).find((l) => checkEigenLowerBound(S, data.groups, l));
  if (lambda) {
    const sigma = I.sqrt(q(lambda), prec);
    const gap = I.sub(sigma, eps, prec);
    if (I.isPositive(gap)) {
      const den = I.add(I.mul(a, sigma, prec), I.mul(eps, vn, prec), prec);
      // den > 0 unless a = 0 and eps = 0, which cannot happen here (eps = 0 means exact); else lo stays 0
      if (I.isPositive(den)) lo = I.square(I.div(gap, den, prec), prec).lo;
    }
  }
  return { kind: "enclosed", lo, hi, prec };
}

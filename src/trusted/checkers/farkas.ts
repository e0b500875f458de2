/**
 * Exact checker for Farkas (Gordan) certificates of strict linear NON-separability.
 *
 * Claim: no (w, b) satisfies s_i (w . x_i + b) > 0 for every i, where s_i = +1 for label 1 and -1 for
 * label 0. Certificate: rationals lambda_i >= 0, not all 0, with
 *     sum_i lambda_i s_i = 0   and   sum_i lambda_i s_i x_i = 0 (componentwise).
 * Why it proves the claim: for any (w, b), sum_i lambda_i s_i (w . x_i + b) = w . 0 + b * 0 = 0, but if
 * (w, b) separated strictly every term would be >= 0 and the term with lambda_i > 0 would be > 0.
 * (Geometrically: the convex hulls of the two classes share the point sum_{label 1} lambda_i x_i / L.)
 *
 * Small and boring on purpose: it imports only src/numbers and uses exact rational arithmetic only.
 */
import { sign, ZERO, type Rational } from "../numbers/rational.js";

export type FarkasCheckCode = "bad-shape" | "negative-multiplier" | "all-zero" | "labels-unbalanced" | "points-unbalanced";

export type FarkasCheck = { readonly ok: true } | { readonly ok: false; readonly code: FarkasCheckCode; readonly message: string };

/** Check a certificate given as exact values. */
export function checkFarkas(points: readonly (readonly Rational[])[], labels: readonly number[], lambda: readonly Rational[]): FarkasCheck {
  const fail = (code: FarkasCheckCode, message: string): FarkasCheck => ({ ok: false, code, message });
  const n = points.length;
  if (n === 0 || labels.length !== n || lambda.length !== n) return fail("bad-shape", `points, labels and lambda must have the same nonzero length`);
  // From here points, labels and lambda have n >= 1 entries each and every point has d coordinates (the `!`s below).
  const d = points[0]!.length;
  if (points.some((p) => p.length !== d)) return fail("bad-shape", "points differ in dimension");
  if (labels.some((l) => l !== 0 && l !== 1)) return fail("bad-shape", "labels must be 0 or 1");
  if (lambda.some((l) => sign(l) < 0)) return fail("negative-multiplier", `lambda[${lambda.findIndex((l) => sign(l) < 0)}] < 0`);
  if (lambda.every((l) => sign(l) === 0)) return fail("all-zero", "every lambda is 0");
  let total = ZERO;
  const acc: Rational[] = Array.from({ length: d }, () => ZERO);
  points.forEach((p, i) => {
    const c = labels[i] === 1 ? lambda[i]! : lambda[i]!.neg();
    total = total.add(c);
    p.forEach((v, j) => (acc[j] = acc[j]!.add(c.mul(v))));
  });
  if (sign(total) !== 0) return fail("labels-unbalanced", "sum of lambda over label 1 differs from the sum over label 0");
  const j = acc.findIndex((v) => sign(v) !== 0);
  if (j >= 0) return fail("points-unbalanced", `coordinate ${j}: the weighted class sums differ`);
  return { ok: true };
}

/**
 * Strict linear separability of labeled points, decided exactly (Gordan's alternative):
 * either (w, b) with s_i (w . x_i + b) >= 1 for all i, or a Farkas certificate lambda (farkas-check.ts).
 * Exactly one of the two LPs is feasible; both answers are re-checked exactly before being returned.
 */
import { rat, sign, ZERO, ONE, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import { checkFarkas } from "../trusted/checkers/farkas.js";
import { findNonnegativeSolution } from "./lp.js";

export type Points = readonly (readonly Rational[])[];

export type Separation =
  | { readonly kind: "separable"; readonly w: Rational[]; readonly b: Rational }
  | { readonly kind: "inseparable"; readonly lambda: Rational[] };

const s = (l: Label): Rational => (l === 1 ? ONE : rat(-1));

export function separate(points: Points, labels: readonly Label[]): Separation {
  const n = points.length;
  const d = (points[0] ?? []).length;
  // labels[i] for i < points.length: one label per point; z has the LP's 2d + 2 + n variables.
  // Separator LP: variables w+ (d), w- (d), b+, b-, slack (n); row i: s_i (x_i.(w+ - w-) + b+ - b-) - t_i = 1.
  const A = points.map((x, i) => {
    const si = s(labels[i]!);
    const row: Rational[] = [...x.map((v) => si.mul(v)), ...x.map((v) => si.mul(v).neg()), si, si.neg()];
    for (let k = 0; k < n; k++) row.push(k === i ? rat(-1) : ZERO);
    return row;
  });
  const z = findNonnegativeSolution(
    A,
    points.map(() => ONE),
  );
  if (z) {
    const w = Array.from({ length: d }, (_, j) => z[j]!.sub(z[d + j]!));
    const b = z[2 * d]!.sub(z[2 * d + 1]!);
    if (!isStrictSeparator(points, labels, w, b)) throw new Error("internal: LP separator fails the exact check");
    return { kind: "separable", w, b };
  }
  // Gordan LP: lambda >= 0, sum s_i lambda_i x_i = 0, sum s_i lambda_i = 0, sum lambda_i = 1.
  const rows: Rational[][] = [];
  for (let j = 0; j < d; j++) rows.push(points.map((x, i) => s(labels[i]!).mul(x[j]!)));
  rows.push(points.map((_, i) => s(labels[i]!)));
  rows.push(points.map(() => ONE));
  const lambda = findNonnegativeSolution(rows, [...Array.from({ length: d + 1 }, () => ZERO), ONE]);
  if (!lambda || !checkFarkas(points, labels, lambda).ok) throw new Error("internal: neither a separator nor a Farkas certificate");
  return { kind: "inseparable", lambda };
}

export function isStrictSeparator(points: Points, labels: readonly Label[], w: readonly Rational[], b: Rational): boolean {
  const d = points[0]?.length ?? 0;
  if (w.length !== d) throw new Error(`isStrictSeparator: ${w.length} weights for ${d} coordinates`);
  return points.every((x, i) => {
    let v = b;
    x.forEach((xj, j) => (v = v.add(w[j]!.mul(xj))));
    return sign(v) === (labels[i] === 1 ? 1 : -1);
  });
}

/**
 * The Hessian of LayerNorm (eps = 0, no affine) with respect to its input, in closed form.
 *
 * One group of size k: y = sqrt(k) c / |c|, c = C x, C = I - (1/k) 1 1^T, r = |c|, u = c / r. Then
 *   d^2 y_i / dx_j dx_l = -(sqrt(k) / r^2) (C_ij u_l + C_il u_j + C_jl u_i - 3 u_i u_j u_l)
 * (differentiate c/|c| twice, then use C u = u and C^2 = C). Summing squares with tr C^2 = k - 1,
 * u^T C u = 1 and |u| = 1 gives the Frobenius norm of the whole 3-tensor:
 *   ||H||_F^2 = k (3k - 6) / r^4.
 * LN-G is block diagonal over groups, so ||H||_F^2 = sum_g k (3k - 6) / r_g^4.
 * Under x ~ N(0, s^2 I_n), r_g^2 = s^2 chi^2_{k-1} independently, and E[chi^-2] = 1/(nu - 2),
 * E[chi^-4] = 1/((nu - 2)(nu - 4)) for nu = k - 1, so
 *   E ||H||_F^2 = g k (3k - 6) / (s^4 (k - 3)(k - 5))        (k >= 6; infinite for k = 3, 4, 5)
 *   E sum_g ||H_g||_F = g sqrt(k (3k - 6)) / (s^2 (k - 3))    (k >= 4; infinite for k = 3)
 * and k = 2 gives H = 0 (LN on two neurons is locally constant: sign(x1 - x2) (1, -1)).
 */
import { Decimal } from "decimal.js";

/** The tensor H[i][j][l] for one group, float64. */
export function lnGroupHessian(x: readonly number[]): number[][][] {
  const k = x.length;
  const m = x.reduce((s, v) => s + v, 0) / k;
  const c = x.map((v) => v - m);
  const r = Math.hypot(...c);
  const u = c.map((v) => v / r);
  const C = (i: number, j: number): number => (i === j ? 1 : 0) - 1 / k;
  const f = -Math.sqrt(k) / (r * r);
  return u.map((ui, i) => u.map((uj, j) => u.map((ul, l) => f * (C(i, j) * ul + C(i, l) * uj + C(j, l) * ui - 3 * ui * uj * ul))));
}

/** The same tensor in decimal.js at the precision of the given constructor (for the finite-difference check). */
export function lnGroupHessianDecimal(x: readonly Decimal[], D: typeof Decimal): Decimal[][][] {
  const k = x.length;
  const m = x.reduce((s, v) => s.plus(v), new D(0)).div(k);
  const c = x.map((v) => v.minus(m));
  const r2 = c.reduce((s, v) => s.plus(v.times(v)), new D(0));
  const r = r2.sqrt();
  const u = c.map((v) => v.div(r));
  const C = (i: number, j: number): Decimal => new D(i === j ? 1 : 0).minus(new D(1).div(k));
  const f = new D(k).sqrt().neg().div(r2);
  return u.map((ui, i) =>
    u.map((uj, j) =>
      u.map((ul, l) => f.times(C(i, j).times(ul).plus(C(i, l).times(uj)).plus(C(j, l).times(ui)).minus(ui.times(uj).times(ul).times(3)))),
    ),
  );
}

/** ||H||_F^2 of LN-G at x by the closed form sum_g k (3k - 6) / r_g^4 (float64). */
export function lngHessianFrobSq(x: ArrayLike<number>, groups: number): number {
  const k = x.length / groups;
  if (!Number.isInteger(k)) throw new RangeError(`lngHessianFrobSq: ${groups} groups do not divide ${x.length} neurons`);
  // k is an integer (checked above), so i < (g + 1) k <= groups k = x.length.
  let total = 0;
  for (let g = 0; g < groups; g++) {
    let m = 0;
    for (let i = g * k; i < (g + 1) * k; i++) m += x[i]!;
    m /= k;
    let r2 = 0;
    for (let i = g * k; i < (g + 1) * k; i++) r2 += (x[i]! - m) ** 2;
    total += (k * (3 * k - 6)) / (r2 * r2);
  }
  return total;
}

/** E ||H||_F^2 under N(0, s^2 I_n) (closed form above); Infinity when it diverges, NaN for k = 1. */
export function expectedFrobSq(n: number, g: number, sigma = 1): number {
  const k = n / g;
  if (k === 1) return NaN;
  if (k === 2) return 0;
  if (k <= 5) return Infinity;
  return (g * k * (3 * k - 6)) / (sigma ** 4 * (k - 3) * (k - 5));
}

/** E sum_g ||H_g||_F under N(0, s^2 I_n) (closed form above). */
export function expectedGroupFrobSum(n: number, g: number, sigma = 1): number {
  const k = n / g;
  if (k === 1) return NaN;
  if (k === 2) return 0;
  if (k <= 3) return Infinity;
  return (g * Math.sqrt(k * (3 * k - 6))) / (sigma ** 2 * (k - 3));
}

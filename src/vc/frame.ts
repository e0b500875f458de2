/**
 * Width-3 geometry in float64 for the producers (never for verdicts).
 *
 * LN outputs y of width 3 (eps = 0) lie on S = {sum y = 0, |y|^2 = 3}. We describe y by p = (y1, y2)
 * (then y = F p with F = [[1,0],[0,1],[-1,-1]], a rational frame of the plane 1-perp) and think in the
 * Euclidean coordinates u = A p, where A^T A = K / 3, K = [[2,1],[1,2]] (so |y|^2 = 3 |u|^2 and S is
 * the unit circle in u). A layer that should act on u as u -> dir(Mu u + cu) is realised with the
 * rational-friendly p-frame parameters M = A^-1 Mu A, c = A^-1 cu, and then W = F M P, b = F c
 * (P picks (y1, y2)): every row sum of W and b is 0, so W y + b is already centred.
 */
export type Vec2 = readonly [number, number];
export type Mat2 = readonly [Vec2, Vec2];

const a11 = Math.sqrt(2 / 3);
const a12 = 1 / Math.sqrt(6);
const a22 = Math.sqrt(1 / 2);

export const uFromP = (p: Vec2): Vec2 => [a11 * p[0] + a12 * p[1], a22 * p[1]];
export const pFromU = (u: Vec2): Vec2 => [(u[0] - (a12 / a22) * u[1]) / a11, u[1] / a22];
/** A^T v: the p-frame weights of the linear form u -> v . u. */
export const aTransposeTimes = (v: Vec2): Vec2 => [a11 * v[0], a12 * v[0] + a22 * v[1]];

export const angleOfU = (u: Vec2): number => Math.atan2(u[1], u[0]);
export const unit = (theta: number): Vec2 => [Math.cos(theta), Math.sin(theta)];
export const dot = (a: Vec2, b: Vec2): number => a[0] * b[0] + a[1] * b[1];

/** Angle difference b - a folded into (-pi, pi]. */
export function angleDiff(a: number, b: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d <= -Math.PI) d += 2 * Math.PI;
  if (d > Math.PI) d -= 2 * Math.PI;
  return d;
}

/** Counter-clockwise angle from a to b, in [0, 2 pi). */
export function ccw(a: number, b: number): number {
  const d = (b - a) % (2 * Math.PI);
  return d < 0 ? d + 2 * Math.PI : d;
}

/** sigma maximising the smallest gap of atan(sigma (z - mid)) over the sorted z, and that gap. */
export function spreadOnHalfCircle(sortedZ: readonly number[]): { sigma: number; mid: number; gap: number } {
  const mid = (sortedZ[0]! + sortedZ[sortedZ.length - 1]!) / 2;
  const half = Math.max(1e-300, ...sortedZ.map((v) => Math.abs(v - mid)));
  let best = { sigma: 1 / half, mid, gap: -1 };
  for (let k = 0; k <= 60; k++) {
    const sigma = (0.2 * 1.08 ** k) / half;
    let gap = Infinity;
    for (let i = 1; i < sortedZ.length; i++) gap = Math.min(gap, Math.atan(sigma * (sortedZ[i]! - mid)) - Math.atan(sigma * (sortedZ[i - 1]! - mid)));
    if (gap > best.gap) best = { sigma, mid, gap };
  }
  return best;
}

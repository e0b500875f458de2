/**
 * Coordinates on the LN circle of width 3 (docs/construction.md, section 1).
 *
 * With eps = 0, LN maps R^3 onto S = {y : sum y = 0, |y|^2 = 3}. In the orthonormal basis
 * E = [e1 e2] of the plane 1-perp, u = E^T y / sqrt(3) is a point of the unit circle. A hidden layer
 * z = lam * E G (u - q) (W = lam E G E^T / sqrt(3), b = -lam E G q) sends u to the direction of
 * G (u - q): LN only normalises, and z is already centred. With eps > 0 the direction is the same
 * and only the radius shrinks, to |z| / sqrt(|z|^2 + 3 eps); a large lam makes that negligible.
 */
export type Vec2 = readonly [number, number];
export type Mat2 = readonly [number, number, number, number]; // row-major [a b; c d]

const S2 = Math.SQRT2;
const S6 = Math.sqrt(6);
const S3 = Math.sqrt(3);
/** Rows of E (3 x 2). */
export const E: readonly Vec2[] = [
  [1 / S2, 1 / S6],
  [-1 / S2, 1 / S6],
  [0, -2 / S6],
];

/** Plane coordinates of an LN output y (3 floats). */
export function toPlane(y: ArrayLike<number>): Vec2 {
  const y0 = y[0] as number;
  const y1 = y[1] as number;
  const y2 = y[2] as number;
  return [(y0 - y1) / S2 / S3, (y0 + y1 - 2 * y2) / S6 / S3];
}

export const angleOf = (v: Vec2): number => Math.atan2(v[1], v[0]);
export const unit = (a: number): Vec2 => [Math.cos(a), Math.sin(a)];
export const apply = (g: Mat2, v: Vec2): Vec2 => [g[0] * v[0] + g[1] * v[1], g[2] * v[0] + g[3] * v[1]];
export const det = (g: Mat2): number => g[0] * g[3] - g[1] * g[2];
export const cross = (a: Vec2, b: Vec2): number => a[0] * b[1] - a[1] * b[0];

/** Angle difference b - a wrapped to [0, 2 pi). */
export function ccw(a: number, b: number): number {
  const d = (b - a) % (2 * Math.PI);
  return d < 0 ? d + 2 * Math.PI : d;
}
/** Angle difference wrapped to (-pi, pi]. */
export function wrapPi(d: number): number {
  const r = ccw(0, d);
  return r > Math.PI ? r - 2 * Math.PI : r;
}

/** The 3 x 2 matrix lam * E * M as rows (M maps plane or (t,1) coordinates into the plane). */
export function liftToR3(m: Mat2, lam: number): number[][] {
  return E.map((e) => [lam * (e[0] * m[0] + e[1] * m[2]), lam * (e[0] * m[1] + e[1] * m[3])]);
}

/** Float weight and bias of the hidden layer y -> lam E G (E^T y / sqrt 3 - q). */
export function hiddenLayerFloat(g: Mat2, q: Vec2, lam: number): { weight: number[][]; bias: number[] } {
  const eg = liftToR3(g, lam); // 3 x 2
  const weight = eg.map((r) => E.map((e) => (r[0] * e[0] + r[1] * e[1]) / S3));
  const bias = eg.map((r) => -(r[0] * q[0] + r[1] * q[1]));
  return { weight, bias };
}

/** The LN output y = sqrt(3) E u of a plane point u (inverse of toPlane on the plane of S). */
export function fromPlane(u: Vec2): number[] {
  return E.map((e) => S3 * (e[0] * u[0] + e[1] * u[1]));
}

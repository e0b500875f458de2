/**
 * Plane vectors and 2 x 2 matrices for the circle of width-3 LayerNorm outputs (docs/construction.md, section 1).
 *
 * With eps = 0, LN maps R^3 onto S = {y : sum y = 0, |y|^2 = 3}. In the orthonormal basis
 * E = [e1 e2] of the plane 1-perp, u = E^T y / sqrt(3) is a point of the unit circle. A hidden layer
 * z = lam * E G (u - q) (W = lam E G E^T / sqrt(3), b = -lam E G q) sends u to the direction of
 * G (u - q): LN only normalises, and z is already centred. With eps > 0 the direction is the same
 * and only the radius shrinks, to |z| / sqrt(|z|^2 + 3 eps); a large lam makes that negligible.
 */
export type Vec2 = readonly [number, number];
export type Mat2 = readonly [number, number, number, number]; // row-major [a b; c d]

export const cross = (a: Vec2, b: Vec2): number => a[0] * b[1] - a[1] * b[0];

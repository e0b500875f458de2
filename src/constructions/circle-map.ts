/**
 * Directions on the circle, in float64, for the scale-free builder's spreading map (exact-folds.ts;
 * docs/construction.md): the cone holding a set of directions, and a projective map of directions
 * w -> G w (G a 2 x 2 matrix) that places the points of such a cone (width < pi) onto a narrower
 * or wider cone around a chosen direction.
 */
import { cross, type Mat2, type Vec2 } from "./frame.js";

/**
 * The projective map of directions sending the cone [lo, lo + width] (width < pi) onto
 * [-target/2, target/2], with the cone's angular midpoint going to `mid`. On a narrow cone a linear
 * map of directions is nearly a uniform scaling of angles (atan(k tan x) ~ k x), so a moderate
 * target keeps gaps even; stretching onto a half circle would crowd the ends. Normalised to
 * max |entry| = 1; det > 0 (orientation kept).
 */
export function spreadMap(lo: number, width: number, mid: number, target: number): Mat2 {
  const dLo: Vec2 = [Math.cos(lo), Math.sin(lo)];
  const dHi: Vec2 = [Math.cos(lo + width), Math.sin(lo + width)];
  const dMid: Vec2 = [Math.cos(lo + width / 2), Math.sin(lo + width / 2)];
  const tA = -target / 2;
  const tB = target / 2;
  const tLo: Vec2 = [Math.cos(tA), Math.sin(tA)];
  const tHi: Vec2 = [Math.cos(tB), Math.sin(tB)];
  const tMid: Vec2 = [Math.cos(mid), Math.sin(mid)];
  // dMid = al dLo + be dHi and tMid = al2 tLo + be2 tHi (all positive inside the cones)
  const c = cross(dLo, dHi);
  const al = cross(dMid, dHi) / c;
  const be = cross(dLo, dMid) / c;
  const c2 = cross(tLo, tHi);
  const al2 = cross(tMid, tHi) / c2;
  const be2 = cross(tLo, tMid) / c2;
  const a = al2 / al;
  const b = be2 / be;
  // G = [a tLo, b tHi] * inv([dLo, dHi])
  const inv: Mat2 = [dHi[1] / c, -dHi[0] / c, -dLo[1] / c, dLo[0] / c];
  const m: Mat2 = [a * tLo[0], b * tHi[0], a * tLo[1], b * tHi[1]];
  const g: Mat2 = [
    m[0] * inv[0] + m[1] * inv[2],
    m[0] * inv[1] + m[1] * inv[3],
    m[2] * inv[0] + m[3] * inv[2],
    m[2] * inv[1] + m[3] * inv[3],
  ];
  const s = Math.max(...g.map(Math.abs));
  return [g[0] / s, g[1] / s, g[2] / s, g[3] / s];
}

/** The cone holding all directions: start angle and width (the complement of the largest gap). */
export function coneOf(angles: Float64Array): { lo: number; width: number } {
  const a = Array.from(angles).sort((x, y) => x - y);
  const n = a.length;
  const first = a[0];
  if (first === undefined) throw new RangeError("coneOf: no directions");
  let bestGap = -1;
  let lo = first;
  for (let i = 0; i < n; i++) {
    // i < n, and i + 1 is used only when i + 1 < n
    const gap = i + 1 < n ? a[i + 1]! - a[i]! : first + 2 * Math.PI - a[n - 1]!;
    if (gap > bestGap) {
      bestGap = gap;
      lo = i + 1 < n ? a[i + 1]! : first;
    }
  }
  return { lo, width: 2 * Math.PI - bestGap };
}

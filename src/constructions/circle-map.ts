/**
 * The two maps a hidden layer composes (docs/construction.md, sections 1 and 3.6), in float64, with log-derivatives:
 *   - a projective map of directions w -> G w (G is the 2 x 2 matrix of the previous layer), which
 *     places the points of a cone (width < pi) onto a half circle;
 *   - the view from a point q: u -> direction of (u - q). For q outside the circle it folds; on
 *     the line through u_I and u_J just beyond u_J, the short arc seen from q holds J alone and
 *     lands on I's direction (the relocation primitive).
 * `evaluate` checks that letters stay disjoint and in the expected circular order and returns the
 * conditioning potential P = max_p (D_p - log2 gap(letter of p)): D_p is log2 of the derivative of
 * the whole net so far at p (angle out per angle at the first LN output). Interval widths grow like
 * 2^D and must end below the final margin, so P approximates the bits a certificate needs beyond
 * the interval arithmetic's own per-layer overhead.
 */
import { ccw, cross, det, wrapPi, type Mat2, type Vec2 } from "./frame.js";

export interface Letters {
  /** Letter ids in counter-clockwise order. */
  readonly order: readonly number[];
  /** Distinct points of each letter id. */
  readonly members: readonly (readonly number[])[];
}

export interface Evaluation {
  readonly valid: boolean;
  readonly potential: number;
  /** Gap after each letter of `order` (to the next one, counter-clockwise). */
  readonly gaps: Float64Array;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
}

/** Smallest gap accepted between letters (float64 must resolve it with room to spare). */
export const MIN_GAP = 1e-11;

/**
 * The angular span [start, end] of one letter's members, written to starts[i] / ends[i]. Shared by
 * the full score and the screening score so both run the same float operations (the screening
 * bound relies on that).
 */
function setLetterSpan(angles: Float64Array, mem: readonly number[], starts: Float64Array, ends: Float64Array, i: number): void {
  const ref = angles[mem[0] as number] as number;
  let lo = 0;
  let hi = 0;
  for (let k = 1; k < mem.length; k++) {
    const d = wrapPi((angles[mem[k] as number] as number) - ref);
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  starts[i] = ref + lo;
  ends[i] = ref + hi;
}

export function evaluate(angles: Float64Array, D: Float64Array, letters: Letters): Evaluation {
  const n = letters.order.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  letters.order.forEach((id, i) => {
    const mem = letters.members[id] as readonly number[];
    const ref = angles[mem[0] as number] as number;
    let lo = 0;
    let hi = 0;
    for (const p of mem) {
      const d = wrapPi((angles[p] as number) - ref);
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    starts[i] = ref + lo;
    ends[i] = ref + hi;
  });
  const gaps = new Float64Array(n);
  let total = 0;
  let valid = true;
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const spread = (ends[i] as number) - (starts[i] as number);
    const gap = n === 1 ? 2 * Math.PI - spread : ccw(ends[i] as number, starts[j] as number);
    gaps[i] = gap;
    total += gap + spread;
    const spreadNext = (ends[j] as number) - (starts[j] as number);
    if (!(gap > MIN_GAP && gap > 16 * (spread + spreadNext))) valid = false;
  }
  if (Math.abs(total - 2 * Math.PI) > 1e-7) valid = false;
  let potential = -Infinity;
  if (valid) {
    letters.order.forEach((id, i) => {
      const g = Math.min(gaps[i] as number, gaps[(i + n - 1) % n] as number);
      for (const p of letters.members[id] as readonly number[]) potential = Math.max(potential, (D[p] as number) - Math.log2(g));
    });
  }
  return { valid, potential, gaps, starts, ends };
}

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

/**
 * A linear map that expands the data's interval on the projective line of directions (angles
 * mod pi) and compresses the complementary gap. After a fold at an interior letter the points
 * hug both edges of their cone with the old empty region in the middle: as lines through 0 they
 * still form one interval, so this map spreads them evenly where a map of the cone (spreadMap)
 * would crush the edges. The interval [c - L/2, c + L/2] goes onto length `target` (same centre,
 * shifted by kappa L/2): G = R(c) diag(1, lam) R(-c), lam = tan(target/2) / tan(L/2).
 */
export function lineSpreadMap(angles: Float64Array, target: number, kappa: number): Mat2 {
  const a = Array.from(angles, (x) => ((x % Math.PI) + Math.PI) % Math.PI).sort((x, y) => x - y);
  const n = a.length;
  let bestGap = -1;
  let start = a[0] as number;
  for (let i = 0; i < n; i++) {
    const gap = i + 1 < n ? (a[i + 1] as number) - (a[i] as number) : (a[0] as number) + Math.PI - (a[n - 1] as number);
    if (gap > bestGap) {
      bestGap = gap;
      start = i + 1 < n ? (a[i + 1] as number) : (a[0] as number);
    }
  }
  const L = Math.max(Math.PI - bestGap, 1e-300);
  const c = start + L / 2 + (kappa * L) / 2;
  const lam = Math.tan(Math.min(target, Math.PI - 1e-3) / 2) / Math.tan(Math.min(L, Math.PI - 1e-3) / 2);
  const co = Math.cos(c);
  const si = Math.sin(c);
  // R(c) diag(1, lam) R(-c)
  const g: Mat2 = [co * co + lam * si * si, co * si * (1 - lam), co * si * (1 - lam), si * si + lam * co * co];
  const sc = Math.max(...g.map(Math.abs));
  return [g[0] / sc, g[1] / sc, g[2] / sc, g[3] / sc];
}

/** The cone holding all directions: start angle and width (the complement of the largest gap). */
export function coneOf(angles: Float64Array): { lo: number; width: number } {
  const a = Array.from(angles).sort((x, y) => x - y);
  const n = a.length;
  let bestGap = -1;
  let lo = a[0] as number;
  for (let i = 0; i < n; i++) {
    const gap = i + 1 < n ? (a[i + 1] as number) - (a[i] as number) : (a[0] as number) + 2 * Math.PI - (a[n - 1] as number);
    if (gap > bestGap) {
      bestGap = gap;
      lo = i + 1 < n ? (a[i + 1] as number) : (a[0] as number);
    }
  }
  return { lo, width: 2 * Math.PI - bestGap };
}

/** Directions after G, and D increased by log2 of G's derivative on directions (det / |G w|^2). */
export function applySpread(wx: Float64Array, wy: Float64Array, D: Float64Array, g: Mat2, addDerivative: boolean) {
  const n = wx.length;
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const D2 = new Float64Array(n);
  const dg = det(g);
  for (let p = 0; p < n; p++) {
    const x = g[0] * (wx[p] as number) + g[1] * (wy[p] as number);
    const y = g[2] * (wx[p] as number) + g[3] * (wy[p] as number);
    const r2 = x * x + y * y;
    const r = Math.sqrt(r2);
    ux[p] = x / r;
    uy[p] = y / r;
    D2[p] = (D[p] as number) + (addDerivative ? Math.log2(dg / r2) : 0);
  }
  return { ux, uy, D: D2 };
}

/**
 * Offset q - c of the fold point from the block's centre c: distance s beyond c on the line from
 * u_I through c. Views are computed as (u - c) - offset, never u - q: near the fold |u - q| ~ s is
 * far below float64's 2^-53 absolute resolution, but u - c is exact (0) for the block's own centre.
 */
export function foldOffset(uI: Vec2, c: Vec2, s: number): Vec2 {
  const dx = c[0] - uI[0];
  const dy = c[1] - uI[1];
  const l = Math.hypot(dx, dy);
  return [(s * dx) / l, (s * dy) / l];
}

/** View from q = c + offset: direction angles of (u - q) and D increased by log2 |d angle / d theta|. */
export function applyView(ux: Float64Array, uy: Float64Array, D: Float64Array, c: Vec2, offset: Vec2) {
  const n = ux.length;
  const vx = new Float64Array(n);
  const vy = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    vx[p] = (ux[p] as number) - c[0] - offset[0];
    vy[p] = (uy[p] as number) - c[1] - offset[1];
  }
  return viewOfVectors(vx, vy, D);
}

/** Directions of the vectors v_p = u_p - q (given, e.g. from the fixed-point simulation). */
export function viewOfVectors(vx: Float64Array, vy: Float64Array, D: Float64Array) {
  const n = vx.length;
  const angles = new Float64Array(n);
  const wx = new Float64Array(n);
  const wy = new Float64Array(n);
  const D2 = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const x = vx[p] as number;
    const y = vy[p] as number;
    const r = Math.hypot(x, y);
    wx[p] = x / r;
    wy[p] = y / r;
    angles[p] = Math.atan2(y, x);
    // The true derivative along the circle is |v . u| / |v|^2, but the kernel's interval boxes
    // also carry a radial width, which the view amplifies by the full gradient norm 1 / |v|
    // (it does not shrink near the fold's tangent points). Track the interval growth.
    D2[p] = (D[p] as number) + Math.log2(Math.max(1 / r, 1e-300));
  }
  return { angles, wx, wy, D: D2 };
}

/** b - a wrapped to [0, 2 pi) for |b - a| < 4 pi (no `%`: this runs in the planner's inner loop). */
function ccwFast(a: number, b: number): number {
  let d = b - a;
  if (d < 0) d += 2 * Math.PI;
  if (d < 0) d += 2 * Math.PI;
  if (d >= 2 * Math.PI) d -= 2 * Math.PI;
  return d;
}

/**
 * `evaluate(applyView(...))` for ranking only, fused and allocation-free (buffers are reused):
 * validity, potential (with D - floor) and the smallest gap. Same rules as `evaluate`.
 */
export function scoreView(
  ux: Float64Array,
  uy: Float64Array,
  Dex: Float64Array,
  c: Vec2,
  off: Vec2,
  letters: Letters,
  buf: { angles: Float64Array; starts: Float64Array; ends: Float64Array; gaps: Float64Array },
): { valid: boolean; potential: number; minGap: number } {
  const n = ux.length;
  const { angles, starts, ends, gaps } = buf;
  for (let p = 0; p < n; p++) angles[p] = Math.atan2((uy[p] as number) - c[1] - off[1], (ux[p] as number) - c[0] - off[0]);
  const order = letters.order;
  const L = order.length;
  for (let i = 0; i < L; i++) {
    const mem = letters.members[order[i] as number] as readonly number[];
    setLetterSpan(angles, mem, starts, ends, i);
  }
  let total = 0;
  let minGap = Infinity;
  for (let i = 0; i < L; i++) {
    const j = i + 1 === L ? 0 : i + 1;
    const spread = (ends[i] as number) - (starts[i] as number);
    const gap = L === 1 ? 2 * Math.PI - spread : ccwFast(ends[i] as number, starts[j] as number);
    gaps[i] = gap;
    total += gap + spread;
    const spreadNext = (ends[j] as number) - (starts[j] as number);
    if (!(gap > MIN_GAP && gap > 16 * (spread + spreadNext))) return { valid: false, potential: Infinity, minGap: 0 };
    if (gap < minGap) minGap = gap;
  }
  if (Math.abs(total - 2 * Math.PI) > 1e-7) return { valid: false, potential: Infinity, minGap: 0 };
  let potential = -Infinity;
  for (let i = 0; i < L; i++) {
    const g = Math.min(gaps[i] as number, gaps[i === 0 ? L - 1 : i - 1] as number);
    const lg = Math.log2(g);
    for (const p of letters.members[order[i] as number] as readonly number[]) {
      const vx = (ux[p] as number) - c[0] - off[0];
      const vy = (uy[p] as number) - c[1] - off[1];
      // D after the view is D + log2(1 / |v|) (see viewOfVectors)
      const v = (Dex[p] as number) - 0.5 * Math.log2(Math.max(vx * vx + vy * vy, 1e-600)) - lg;
      if (v > potential) potential = v;
    }
  }
  return { valid: true, potential, minGap };
}

/**
 * A subset of the letters after a fold, for `scoreLocal`: ids in counter-clockwise order, whether
 * each is followed by its true successor (`adj`), and whether both its neighbours are in the
 * subset (`core`: its two gaps, hence its term of the potential, are exact).
 */
export interface LocalView {
  /** Entries used (the arrays are reused buffers, possibly longer). */
  length: number;
  readonly ids: Int32Array;
  readonly adj: Uint8Array;
  readonly core: Uint8Array;
}

/**
 * A lower bound on `scoreView`'s ranking score, computed on a subset of the letters only (the
 * screening step of the planner). Every quantity is computed by the same float operations as in
 * `scoreView`, so: the gaps between true neighbours are the same numbers, the validity checks on
 * them are necessary conditions, the circular order of a subsequence is necessary (a wrong order
 * makes the ccw total 4 pi or more), the potential is a max over fewer points and the smallest gap
 * a min over fewer gaps. Hence `valid: false` implies the full view is invalid and `bound` <= the
 * full score: candidates whose bound exceeds the k-th best full score can be dropped exactly.
 */
export function scoreLocal(
  ux: Float64Array,
  uy: Float64Array,
  Dex: Float64Array,
  c: Vec2,
  off: Vec2,
  members: Letters["members"],
  sub: LocalView,
  buf: { angles: Float64Array; starts: Float64Array; ends: Float64Array; gaps: Float64Array },
): { valid: boolean; potential: number; minGap: number } {
  const { angles, starts, ends, gaps } = buf;
  const ids = sub.ids;
  const L = sub.length;
  if (L === 0) return { valid: true, potential: -Infinity, minGap: Infinity };
  for (let i = 0; i < L; i++) {
    const mem = members[ids[i] as number] as readonly number[];
    for (const p of mem) angles[p] = Math.atan2((uy[p] as number) - c[1] - off[1], (ux[p] as number) - c[0] - off[0]);
    setLetterSpan(angles, mem, starts, ends, i);
  }
  let total = 0;
  let minGap = Infinity;
  for (let i = 0; i < L; i++) {
    const j = i + 1 === L ? 0 : i + 1;
    const spread = (ends[i] as number) - (starts[i] as number);
    const gap = ccwFast(ends[i] as number, starts[j] as number);
    gaps[i] = gap;
    total += gap + spread;
    if (sub.adj[i] === 0) continue;
    const spreadNext = (ends[j] as number) - (starts[j] as number);
    if (!(gap > MIN_GAP && gap > 16 * (spread + spreadNext))) return { valid: false, potential: Infinity, minGap: 0 };
    if (gap < minGap) minGap = gap;
  }
  // A correct order gives 2 pi up to rounding; a wrong one 4 pi or more (loose tolerance: sound).
  if (Math.abs(total - 2 * Math.PI) > 1) return { valid: false, potential: Infinity, minGap: 0 };
  let potential = -Infinity;
  for (let i = 0; i < L; i++) {
    if (sub.core[i] === 0) continue;
    const g = Math.min(gaps[i] as number, gaps[i === 0 ? L - 1 : i - 1] as number);
    const lg = Math.log2(g);
    for (const p of members[ids[i] as number] as readonly number[]) {
      const vx = (ux[p] as number) - c[0] - off[0];
      const vy = (uy[p] as number) - c[1] - off[1];
      const v = (Dex[p] as number) - 0.5 * Math.log2(Math.max(vx * vx + vy * vy, 1e-600)) - lg;
      if (v > potential) potential = v;
    }
  }
  return { valid: true, potential, minGap };
}

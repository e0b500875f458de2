/**
 * One relocation step: choose the previous layer's spreading map G (one free parameter kappa:
 * where the cone's midpoint goes), the letter J to delete, its target I (a kept letter with J's
 * label) and the fold distance s, minimising the conditioning potential after the fold
 * (circle-map.ts). Candidates are few and fixed (largest gaps first) so the search is O(n) per
 * candidate and deterministic.
 */
import { applySpread, coneOf, evaluate, foldOffset, lineSpreadMap, scoreView, spreadMap, type Letters } from "./circle-map.js";
import { ccw, type Mat2, type Vec2 } from "./frame.js";

export interface PreState {
  /** Unit directions before the pending G, per distinct point. */
  readonly wx: Float64Array;
  readonly wy: Float64Array;
  readonly angles: Float64Array;
  readonly D: Float64Array;
  /**
   * Per point, the least D at any LN output so far. Each layer's rounding injects an error of
   * ~2^-bits at its output; what follows amplifies it by 2^(D_end - D_k), so a point squeezed and
   * later re-expanded pays for it: the bits needed are D_end - min_k D_k - log2(margin).
   */
  readonly Dmin: Float64Array;
  /** False for the first layer (D is measured from the first LN output). */
  readonly addDerivative: boolean;
}

export interface FoldChoice {
  readonly kappa: number;
  readonly g: Mat2;
  /** Consecutive pending letters of one label moved by this fold. */
  readonly block: readonly number[];
  /** J lands in the gap after this letter. */
  readonly after: number;
  readonly s: number;
  readonly potential: number;
  /** potential + unevenness: what the search minimises. */
  readonly score: number;
}

/** Fold points stay near the circle: far views fold it in half and squeeze every gap. */
const MAX_Q = 1.25;

/** log2 of how much smaller the smallest gap is than an even spread (0 when even). */
export function unevenness(gaps: Float64Array): number {
  let min = Infinity;
  for (const g of gaps) min = Math.min(min, g);
  return Math.max(0, Math.log2((2 * Math.PI) / gaps.length / min));
}

/**
 * The spreading maps tried before a fold: the cone holding the points goes onto a cone of `width`
 * radians whose midpoint sits at `kappa` half-widths from the middle. Narrow targets make G nearly
 * a uniform scaling of angles; targets close to pi keep two clusters at the cone's edges (what a
 * fold at an interior letter leaves) apart without crushing them.
 */
export interface Spread {
  /** "cone": spreadMap of the S^1 cone; "line": lineSpreadMap on the projective line. */
  readonly kind: "cone" | "line";
  readonly width: number;
  readonly kappa: number;
}
const LINE_TARGETS = [1.5, 2, 2.5];
const LINE_KAPPAS = [0, -0.3, 0.3];
const FOLD_WIDTHS = [1];
const FOLD_KAPPAS = [0, -0.15, 0.15];
const FINAL_KAPPAS = [0, -0.6, -0.3, 0.3, 0.6];
const FOLD_SPREADS: Spread[] = [
  ...FOLD_WIDTHS.flatMap((width) => FOLD_KAPPAS.map((kappa) => ({ kind: "cone" as const, width, kappa }))),
  ...LINE_TARGETS.flatMap((width) => LINE_KAPPAS.map((kappa) => ({ kind: "line" as const, width, kappa }))),
];
export const SPREADS: readonly Spread[] = [...FOLD_SPREADS, ...FOLD_WIDTHS.flatMap((width) => FINAL_KAPPAS.map((kappa) => ({ kind: "cone" as const, width, kappa })))];
/** Indices into SPREADS tried before a fold, and before the output layer. */
export const KAPPAS = SPREADS.map((_, i) => i).slice(0, FOLD_WIDTHS.length * FOLD_KAPPAS.length);
/** The fallback search also tries the projective-line spreads. */
export const WIDE_KAPPAS = SPREADS.map((_, i) => i).slice(0, FOLD_SPREADS.length);
export const FINAL_SPREADS = SPREADS.map((_, i) => i);
const FRACTIONS = [0.25, 0.5, 0.75, 1, 1.5, 2.5];
const TOP_J = 4;
const TOP_I = 3;

export function spreadFor(pre: PreState, index: number): Mat2 {
  const sp = SPREADS[index] as Spread;
  if (sp.kind === "line") return lineSpreadMap(pre.angles, sp.width, sp.kappa);
  const cone = coneOf(pre.angles);
  return spreadMap(cone.lo, cone.width, (sp.kappa * sp.width) / 2, sp.width);
}

export function lowerEnvelope(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => Math.min(v, b[i] as number));
}
export function excess(D: Float64Array, floor: Float64Array): Float64Array {
  return D.map((v, i) => v - (floor[i] as number));
}

/**
 * Letters after the block (consecutive letters, counter-clockwise) is moved into the gap that
 * follows letter `after`. Insertion, not merging: the block lands inside a gap, so no two letters
 * are ever forced onto one irrational point. The near arc is seen reversed, hence the reversal.
 */
export function moveBlock(letters: Letters, block: readonly number[], after: number): Letters {
  const inBlock = new Set(block);
  const order: number[] = [];
  for (const id of letters.order) {
    if (inBlock.has(id)) continue;
    order.push(id);
    if (id === after) order.push(...[...block].reverse());
  }
  return { order, members: letters.members };
}

/** Order without the block, and the letter just before the block (its own gap). */
function without(letters: Letters, block: readonly number[]): { order: number[]; before: number } {
  const inBlock = new Set(block);
  const n = letters.order.length;
  const pos = letters.order.indexOf(block[0] as number);
  let before = -1;
  for (let k = 1; k <= n && before < 0; k++) {
    const id = letters.order[(pos - k + n) % n] as number;
    if (!inBlock.has(id)) before = id;
  }
  return { order: letters.order.filter((id) => !inBlock.has(id)), before };
}

/**
 * Gaps the block may land in: after letter `after` (in the order without the block). The settled
 * word (kept and already moved letters) has two runs; inserting letters of one label next to a
 * settled letter of that label keeps it so (the nearest settled letters on either side of the gap
 * decide). The block's own place is excluded.
 */
export function landingGaps(letters: Letters, block: readonly number[], settled: ReadonlySet<number>, labelOf: (id: number) => number): number[] {
  const { order, before } = without(letters, block);
  const label = labelOf(block[0] as number);
  const n = order.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = order[i] as number;
    if (a === before) continue;
    let s1 = -1;
    for (let k = 0; k < n && s1 < 0; k++) if (settled.has(order[(i - k + n) % n] as number)) s1 = order[(i - k + n) % n] as number;
    let s2 = -1;
    for (let k = 1; k <= n && s2 < 0; k++) if (settled.has(order[(i + k) % n] as number)) s2 = order[(i + k) % n] as number;
    if ((s1 >= 0 && labelOf(s1) === label) || (s2 >= 0 && labelOf(s2) === label)) out.push(a);
  }
  return out;
}

const angleOfPoint = (ux: Float64Array, uy: Float64Array, letters: Letters, id: number): number => {
  const p = (letters.members[id] as readonly number[])[0] as number;
  return Math.atan2(uy[p] as number, ux[p] as number);
};

/** Unit vector at the angular middle of the gap after letter `after` (block excluded). */
export function gapMidpoint(ux: Float64Array, uy: Float64Array, letters: Letters, block: readonly number[], after: number): Vec2 {
  const { order } = without(letters, block);
  const next = order[(order.indexOf(after) + 1) % order.length] as number;
  const a1 = angleOfPoint(ux, uy, letters, after);
  const mid = a1 + ccw(a1, angleOfPoint(ux, uy, letters, next)) / 2;
  return [Math.cos(mid), Math.sin(mid)];
}

/** The block's middle point on the circle and its angular half-width. */
export function blockMiddle(ux: Float64Array, uy: Float64Array, letters: Letters, block: readonly number[]): { u: Vec2; half: number } {
  const a1 = angleOfPoint(ux, uy, letters, block[0] as number);
  const w = ccw(a1, angleOfPoint(ux, uy, letters, block[block.length - 1] as number));
  return { u: [Math.cos(a1 + w / 2), Math.sin(a1 + w / 2)], half: w / 2 };
}

/**
 * The point the fold is aimed through: a one-letter block's own position (so that u - c is exactly
 * 0 there and its image direction is exact), else the block's angular middle.
 */
export function blockCenter(ux: Float64Array, uy: Float64Array, letters: Letters, block: readonly number[], mid: Vec2): Vec2 {
  if (block.length !== 1) return mid;
  const p = (letters.members[block[0] as number] as readonly number[])[0] as number;
  return [ux[p] as number, uy[p] as number];
}

/**
 * Blocks to move for letter J: J alone, and the longest run of consecutive pending letters of
 * J's label around it (moved in one fold: one layer for several deletions, and a close pair of
 * pending letters never has to be split by a fold).
 */
export function blocksFor(letters: Letters, J: number, pending: ReadonlySet<number>, labelOf: (id: number) => number): number[][] {
  const n = letters.order.length;
  const pos = letters.order.indexOf(J);
  const ok = (id: number) => pending.has(id) && labelOf(id) === labelOf(J);
  let lo = 0;
  while (lo + 1 < n - 1 && ok(letters.order[(pos - lo - 1 + n) % n] as number)) lo++;
  let hi = 0;
  while (lo + hi + 1 < n - 1 && ok(letters.order[(pos + hi + 1) % n] as number)) hi++;
  const run = Array.from({ length: lo + hi + 1 }, (_, k) => letters.order[(pos - lo + k + n) % n] as number);
  return run.length > 1 ? [[J], run] : [[J]];
}

/** Letter min-gaps (by id) in a configuration of angles. */
function letterGaps(angles: Float64Array, D: Float64Array, letters: Letters): Map<number, number> {
  const ev = evaluate(angles, D, letters);
  const n = letters.order.length;
  const out = new Map<number, number>();
  letters.order.forEach((id, i) => out.set(id, Math.min(ev.gaps[i] as number, ev.gaps[(i + n - 1) % n] as number)));
  return out;
}

export function planFold(
  pre: PreState,
  letters: Letters,
  pending: ReadonlySet<number>,
  settled: ReadonlySet<number>,
  labelOf: (id: number) => number,
  wide = false,
): FoldChoice[] {
  // `wide`: the fallback search over every J, every landing gap and more fold distances.
  const topJ = wide ? Infinity : TOP_J;
  const topI = wide ? Infinity : TOP_I;
  const fractions = wide ? [0.05, 0.1, ...FRACTIONS, 4] : FRACTIONS;
  const out: FoldChoice[] = [];
  const n = pre.wx.length;
  const L = letters.order.length;
  const buf = { angles: new Float64Array(n), starts: new Float64Array(L), ends: new Float64Array(L), gaps: new Float64Array(L) };
  for (const kappa of wide ? WIDE_KAPPAS : KAPPAS) {
    const g = spreadFor(pre, kappa);
    const sp = applySpread(pre.wx, pre.wy, pre.D, g, pre.addDerivative);
    const floor = lowerEnvelope(pre.Dmin, sp.D);
    const dex = excess(sp.D, floor);
    const angles = new Float64Array(sp.ux.length);
    for (let p = 0; p < angles.length; p++) angles[p] = Math.atan2(sp.uy[p] as number, sp.ux[p] as number);
    const ev0 = evaluate(angles, excess(sp.D, floor), letters);
    const gapAfter = new Map<number, number>();
    letters.order.forEach((id, i) => gapAfter.set(id, ev0.gaps[i] as number));
    const gaps = letterGaps(angles, excess(sp.D, floor), letters);
    const byGap = (ids: number[]) => ids.sort((a, b) => (gaps.get(b) ?? 0) - (gaps.get(a) ?? 0) || a - b);
    const js = byGap([...pending]).slice(0, topJ);
    for (const J of js) {
      for (const block of blocksFor(letters, J, pending, labelOf)) {
        const mid = blockMiddle(sp.ux, sp.uy, letters, block);
        const first = letters.order.indexOf(block[0] as number);
        const prev = letters.order[(first - 1 + letters.order.length) % letters.order.length] as number;
        const gOut = Math.min(gapAfter.get(prev) ?? 0, gapAfter.get(block[block.length - 1] as number) ?? 0);
        // Widest landing gaps first: the block lands inside, so the gap is its margin.
        const afters = landingGaps(letters, block, settled, labelOf)
          .sort((a, b) => (gapAfter.get(b) ?? 0) - (gapAfter.get(a) ?? 0) || a - b)
          .slice(0, topI);
        for (const after of afters) {
          const uX = gapMidpoint(sp.ux, sp.uy, letters, block, after);
          const halfChord = Math.hypot(mid.u[0] - uX[0], mid.u[1] - uX[1]) / 2; // sin(c/2)
          const m = moveBlock(letters, block, after);
          const c = blockCenter(sp.ux, sp.uy, letters, block, mid.u);
          for (const f of fractions) {
            const alpha = mid.half + f * gOut;
            const s = (alpha * alpha) / (2 * Math.max(halfChord, 1e-300));
            const off = foldOffset(uX, c, s);
            if (!wide && Math.hypot(c[0] + off[0], c[1] + off[1]) > MAX_Q) continue;
            const ev = scoreView(sp.ux, sp.uy, dex, c, off, m, buf);
            const uneven = Math.max(0, Math.log2((2 * Math.PI) / m.order.length / ev.minGap));
            if (ev.valid) out.push({ kappa, g, block, after, s, potential: ev.potential, score: ev.potential + uneven - 1.5 * (block.length - 1) });
          }
        }
      }
    }
  }
  return out.sort((a, b) => a.score - b.score || (a.block[0] as number) - (b.block[0] as number) || b.block.length - a.block.length || a.after - b.after || a.s - b.s);
}

/**
 * One relocation step: choose the previous layer's spreading map G (one free parameter kappa:
 * where the cone's midpoint goes), the letter J to delete, its target I (a kept letter with J's
 * label) and the fold distance s, minimising the conditioning potential after the fold
 * (circle-map.ts). Candidates are few and fixed (largest gaps first) so the search is O(n) per
 * candidate and deterministic.
 */
import { applySpread, applyView, coneOf, evaluate, foldPoint, spreadMap, type Letters } from "./circle-map.js";
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
  readonly J: number;
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
  readonly width: number;
  readonly kappa: number;
}
const FOLD_WIDTHS = [1];
const FOLD_KAPPAS = [0, -0.15, 0.15];
const FINAL_KAPPAS = [0, -0.6, -0.3, 0.3, 0.6];
export const SPREADS: readonly Spread[] = [
  ...FOLD_WIDTHS.flatMap((width) => FOLD_KAPPAS.map((kappa) => ({ width, kappa }))),
  ...FOLD_WIDTHS.flatMap((width) => FINAL_KAPPAS.map((kappa) => ({ width, kappa }))),
];
/** Indices into SPREADS tried before a fold, and before the output layer. */
export const KAPPAS = SPREADS.map((_, i) => i).slice(0, FOLD_WIDTHS.length * FOLD_KAPPAS.length);
export const FINAL_SPREADS = SPREADS.map((_, i) => i);
const FRACTIONS = [0.25, 0.5, 0.75, 1, 1.5, 2.5];
const TOP_J = 4;
const TOP_I = 3;

export function spreadFor(pre: PreState, index: number): Mat2 {
  const cone = coneOf(pre.angles);
  const sp = SPREADS[index] as Spread;
  return spreadMap(cone.lo, cone.width, (sp.kappa * sp.width) / 2, sp.width);
}

export function lowerEnvelope(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => Math.min(v, b[i] as number));
}
export function excess(D: Float64Array, floor: Float64Array): Float64Array {
  return D.map((v, i) => v - (floor[i] as number));
}

/**
 * Letters after J is moved into the gap that follows letter `after` (J removed from its old
 * place). Insertion, not merging: J lands in the middle of a gap, so no two letters are ever
 * forced onto one irrational point and no cluster spread has to be kept below the gaps.
 */
export function moveLetter(letters: Letters, J: number, after: number): Letters {
  const order: number[] = [];
  for (const id of letters.order) {
    if (id === J) continue;
    order.push(id);
    if (id === after) order.push(J);
  }
  return { order, members: letters.members };
}

/**
 * Gaps J may land in: after letter `after` (in the order without J). The settled word (kept and
 * already moved letters) has two runs; inserting J next to a settled letter of its own label keeps
 * it so (the nearest settled letters on either side of the gap decide). J's own place is excluded.
 */
export function landingGaps(letters: Letters, J: number, settled: ReadonlySet<number>, labelOf: (id: number) => number): number[] {
  const order = letters.order.filter((id) => id !== J);
  const n = order.length;
  const pos = letters.order.indexOf(J);
  const before = letters.order[(pos + letters.order.length - 1) % letters.order.length] as number;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = order[i] as number;
    if (a === before) continue;
    let s1 = -1;
    for (let k = 0; k < n && s1 < 0; k++) if (settled.has(order[(i - k + n) % n] as number)) s1 = order[(i - k + n) % n] as number;
    let s2 = -1;
    for (let k = 1; k <= n && s2 < 0; k++) if (settled.has(order[(i + k) % n] as number)) s2 = order[(i + k) % n] as number;
    if ((s1 >= 0 && labelOf(s1) === labelOf(J)) || (s2 >= 0 && labelOf(s2) === labelOf(J))) out.push(a);
  }
  return out;
}

/** Unit vector at the angular middle of the gap after letter `after` (J excluded). */
export function gapMidpoint(ux: Float64Array, uy: Float64Array, letters: Letters, J: number, after: number): Vec2 {
  const order = letters.order.filter((id) => id !== J);
  const i = order.indexOf(after);
  const next = order[(i + 1) % order.length] as number;
  const pa = (letters.members[after] as readonly number[])[0] as number;
  const pb = (letters.members[next] as readonly number[])[0] as number;
  const a1 = Math.atan2(uy[pa] as number, ux[pa] as number);
  const a2 = Math.atan2(uy[pb] as number, ux[pb] as number);
  const mid = a1 + ccw(a1, a2) / 2;
  return [Math.cos(mid), Math.sin(mid)];
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
  for (const kappa of KAPPAS) {
    const g = spreadFor(pre, kappa);
    const sp = applySpread(pre.wx, pre.wy, pre.D, g, pre.addDerivative);
    const floor = lowerEnvelope(pre.Dmin, sp.D);
    const angles = new Float64Array(sp.ux.length);
    for (let p = 0; p < angles.length; p++) angles[p] = Math.atan2(sp.uy[p] as number, sp.ux[p] as number);
    const ev0 = evaluate(angles, excess(sp.D, floor), letters);
    const gapAfter = new Map<number, number>();
    letters.order.forEach((id, i) => gapAfter.set(id, ev0.gaps[i] as number));
    const gaps = letterGaps(angles, excess(sp.D, floor), letters);
    const byGap = (ids: number[]) => ids.sort((a, b) => (gaps.get(b) ?? 0) - (gaps.get(a) ?? 0) || a - b);
    const js = byGap([...pending]).slice(0, topJ);
    for (const J of js) {
      const pj = (letters.members[J] as readonly number[])[0] as number;
      const uJ: Vec2 = [sp.ux[pj] as number, sp.uy[pj] as number];
      // Widest landing gaps first: J lands mid-gap, so the gap is its margin.
      const afters = landingGaps(letters, J, settled, labelOf)
        .sort((a, b) => (gapAfter.get(b) ?? 0) - (gapAfter.get(a) ?? 0) || a - b)
        .slice(0, topI);
      const gJ = gaps.get(J) ?? 0;
      for (const after of afters) {
        const uX = gapMidpoint(sp.ux, sp.uy, letters, J, after);
        const halfChord = Math.hypot(uJ[0] - uX[0], uJ[1] - uX[1]) / 2; // sin(c/2)
        const m = moveLetter(letters, J, after);
        for (const f of fractions) {
          const alpha = f * gJ;
          const s = (alpha * alpha) / (2 * Math.max(halfChord, 1e-300));
          const q = foldPoint(uX, uJ, s);
          if (!wide && Math.hypot(q[0], q[1]) > MAX_Q) continue;
          const view = applyView(sp.ux, sp.uy, sp.D, q);
          const ev = evaluate(view.angles, excess(view.D, floor), m);
          if (ev.valid) out.push({ kappa, g, J, after, s, potential: ev.potential, score: ev.potential + unevenness(ev.gaps) });
        }
      }
    }
  }
  return out.sort((a, b) => a.score - b.score || a.J - b.J || a.after - b.after || a.s - b.s);
}

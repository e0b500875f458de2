/**
 * One relocation step: choose the previous layer's spreading map G (one free parameter kappa:
 * where the cone's midpoint goes), the letter J to delete, its target I (a kept letter with J's
 * label) and the fold distance s, minimising the conditioning potential after the fold
 * (circle-map.ts). Candidates are few and fixed (largest gaps first) so the search is O(n) per
 * candidate and deterministic.
 */
import { applySpread, applyView, coneOf, evaluate, foldPoint, spreadMap, type Letters } from "./circle-map.js";
import type { Mat2, Vec2 } from "./frame.js";

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
  readonly I: number;
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

/** Width (radians) of the cone the points are spread onto before each fold. */
export const SPREAD_WIDTH = 1;
/** Where the cone's midpoint goes (a fraction of the half-width): the one free projective parameter. */
export const KAPPAS = [0, -0.15, 0.15];
const FRACTIONS = [0.25, 0.5, 0.75, 1, 1.5, 2.5];
const TOP_J = 4;
const TOP_I = 3;

export function spreadFor(pre: PreState, kappa: number): Mat2 {
  const cone = coneOf(pre.angles);
  return spreadMap(cone.lo, cone.width, (kappa * SPREAD_WIDTH) / 2, SPREAD_WIDTH);
}

export function lowerEnvelope(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => Math.min(v, b[i] as number));
}
export function excess(D: Float64Array, floor: Float64Array): Float64Array {
  return D.map((v, i) => v - (floor[i] as number));
}

/** Letters after J is merged into I. */
export function mergeLetters(letters: Letters, J: number, I: number): Letters {
  const members = letters.members.map((m, id) => (id === I ? [...m, ...(letters.members[J] as readonly number[])] : id === J ? [] : m));
  return { order: letters.order.filter((id) => id !== J), members };
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
  kept: ReadonlySet<number>,
  labelOf: (id: number) => number,
  wide = false,
): FoldChoice[] {
  // `wide`: the fallback search over every J, every I and more fold distances.
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
    const gaps = letterGaps(angles, excess(sp.D, floor), letters);
    const byGap = (ids: number[]) => ids.sort((a, b) => (gaps.get(b) ?? 0) - (gaps.get(a) ?? 0) || a - b);
    const js = byGap([...pending]).slice(0, topJ);
    for (const J of js) {
      const pj = (letters.members[J] as readonly number[])[0] as number;
      const uJ: Vec2 = [sp.ux[pj] as number, sp.uy[pj] as number];
      // Far targets: a long chord lets q sit just outside the circle next to J, where the view
      // from q is a near-uniform half-speed map of the far arc (inscribed angle theorem).
      const dist = (id: number) => {
        const p = (letters.members[id] as readonly number[])[0] as number;
        return Math.hypot((sp.ux[p] as number) - uJ[0], (sp.uy[p] as number) - uJ[1]);
      };
      const is = [...kept].filter((id) => labelOf(id) === labelOf(J)).sort((a, b) => dist(b) - dist(a) || a - b).slice(0, topI);
      const gJ = gaps.get(J) ?? 0;
      const merged = (I: number) => mergeLetters(letters, J, I);
      for (const I of is) {
        const pi = (letters.members[I] as readonly number[])[0] as number;
        const uI: Vec2 = [sp.ux[pi] as number, sp.uy[pi] as number];
        const halfChord = Math.hypot(uJ[0] - uI[0], uJ[1] - uI[1]) / 2; // sin(c/2)
        const m = merged(I);
        for (const f of fractions) {
          const alpha = f * gJ;
          const s = (alpha * alpha) / (2 * Math.max(halfChord, 1e-300));
          const q = foldPoint(uI, uJ, s);
          if (!wide && Math.hypot(q[0], q[1]) > MAX_Q) continue;
          const view = applyView(sp.ux, sp.uy, sp.D, q);
          const ev = evaluate(view.angles, excess(view.D, floor), m);
          if (ev.valid) out.push({ kappa, g, J, I, s, potential: ev.potential, score: ev.potential + unevenness(ev.gaps) });
        }
      }
    }
  }
  return out.sort((a, b) => a.score - b.score || a.J - b.J || a.I - b.I || a.s - b.s);
}

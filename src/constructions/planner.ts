/**
 * One relocation step: choose the previous layer's spreading map G (one free parameter kappa:
 * where the cone's midpoint goes), the letter J to delete, its target I (a kept letter with J's
 * label) and the fold distance s, minimising the conditioning potential after the fold
 * (circle-map.ts). Candidates are few and fixed (largest gaps first) so the search is O(n) per
 * candidate and deterministic.
 */
import { applySpread, coneOf, evaluate, foldOffset, lineSpreadMap, scoreLocal, scoreView, spreadMap, type Letters, type LocalView } from "./circle-map.js";
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
  /**
   * The directions may cover more than a half circle (the first layer of an angular view): a
   * cone wider than `WIDE_CONE` is not spread by `spreadMap` (which needs a cone narrower than pi)
   * but rotated (any invertible G is valid; a rotation keeps the gaps seen from p).
   */
  readonly fullCircle?: boolean;
}

/** Widest cone `spreadFor` maps with `spreadMap` when `fullCircle` is set (radians). */
export const WIDE_CONE = 0.75 * Math.PI;

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
  if (pre.fullCircle && cone.width > WIDE_CONE) {
    const t = (sp.kappa * sp.width) / 2;
    return [Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)];
  }
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
  return gapMidpointTo(ux, uy, letters, after, order[(order.indexOf(after) + 1) % order.length] as number);
}

/** Unit vector at the angular middle of the gap from letter `after` to letter `next`. */
function gapMidpointTo(ux: Float64Array, uy: Float64Array, letters: Letters, after: number, next: number): Vec2 {
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

/**
 * Letters whose current potential is highest: their terms usually stay the max after a fold.
 * Tuned on m = 1000 (same net in every case, only speed): 8 -> 19.6 s, 6 -> 16.2 s, 4 -> 13.6 s,
 * 2 -> 226 s (bounds too loose: 100 k full passes instead of ~1.7 k). 6 keeps a margin from that cliff.
 */
const HOT = 6;
/** Letters on each side of a tangent point of the fold (the view squeezes gaps there). */
const TANGENT_WINDOW = 1;

/** Work counters of the planner (how many candidates were screened and fully scored). */
export interface PlanCounters {
  screened: number;
  scored: number;
}

interface Candidate {
  readonly choice: FoldChoice;
  readonly idx: number;
  readonly bound: number;
  readonly ux: Float64Array;
  readonly uy: Float64Array;
  readonly dex: Float64Array;
  readonly c: Vec2;
  readonly off: Vec2;
}

/** The k first items of `items` under `cmp` (a full sort when k >= items.length / 8). */
function topK(items: readonly number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k >= items.length / 8) return [...items].sort(cmp).slice(0, k);
  const out: number[] = [];
  for (const x of items) {
    if (out.length === k && cmp(x, out[k - 1] as number) >= 0) continue;
    let i = out.length < k ? out.length : k - 1;
    out[i] = x;
    while (i > 0 && cmp(out[i] as number, out[i - 1] as number) < 0) {
      [out[i], out[i - 1]] = [out[i - 1] as number, out[i] as number];
      i--;
    }
  }
  return out;
}

/** The fold's two tangent points (angles), or none when q is inside the circle. */
function tangentAngles(q: Vec2): number[] {
  const r = Math.hypot(q[0], q[1]);
  if (!(r > 1)) return [];
  const phi = Math.atan2(q[1], q[0]);
  const h = Math.acos(1 / r);
  return [phi - h, phi + h];
}

/** Position in `rel` (nondecreasing ccw offsets from letter 0) of the letter nearest `x`. */
function nearestPos(rel: Float64Array, x: number): number {
  let lo = 0;
  let hi = rel.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rel[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The circular order after `moveBlock(letters, block, after)`, queried without building it
 * (O(1) per query instead of O(n) per candidate landing gap: the wide search tries every gap).
 * `key` sorts letters in that circular order, starting after the block's old place.
 */
class MovedOrder {
  private readonly L: number;
  private readonly k: number;
  private readonly b0: number;
  private readonly keyAfter: number;
  constructor(
    private readonly order: readonly number[],
    private readonly oldPos: Int32Array,
    private readonly block: readonly number[],
    private readonly after: number,
  ) {
    this.L = order.length;
    this.k = block.length;
    this.b0 = oldPos[block[0] as number] as number;
    this.keyAfter = this.key(after);
  }
  /** Index in the block (block[j] sits at old position b0 + j), or -1. */
  private inBlock(id: number): number {
    const j = ((this.oldPos[id] as number) - this.b0 + this.L) % this.L;
    return j < this.k ? j : -1;
  }
  key(id: number): number {
    const j = this.inBlock(id);
    // Reversed block after `after`: block[k-1] first.
    if (j >= 0) return this.keyAfter + this.k - j;
    return (((this.oldPos[id] as number) - this.b0 - this.k + 2 * this.L) % this.L) * (this.k + 1);
  }
  /** Next letter after `id` in the order without the block. */
  nextOut(id: number): number {
    const x = this.order[((this.oldPos[id] as number) + 1) % this.L] as number;
    return this.inBlock(x) >= 0 ? (this.order[(this.b0 + this.k) % this.L] as number) : x;
  }
  private prevOut(id: number): number {
    const x = this.order[((this.oldPos[id] as number) - 1 + this.L) % this.L] as number;
    return this.inBlock(x) >= 0 ? (this.order[(this.b0 - 1 + this.L) % this.L] as number) : x;
  }
  succ(id: number): number {
    const j = this.inBlock(id);
    if (j > 0) return this.block[j - 1] as number;
    if (j === 0) return this.nextOut(this.after);
    return id === this.after ? (this.block[this.k - 1] as number) : this.nextOut(id);
  }
  pred(id: number): number {
    const j = this.inBlock(id);
    if (j >= 0) return j < this.k - 1 ? (this.block[j + 1] as number) : this.after;
    const p = this.prevOut(id);
    return p === this.after ? (this.block[0] as number) : p;
  }
}

/**
 * The letters a screening looks at: `core` (exact potential terms) and their neighbours in the
 * moved order, in counter-clockwise order, with which consecutive pairs are true neighbours.
 */
function localView(moved: MovedOrder, core: readonly number[], ids: number, view: LocalView, packed: Float64Array): LocalView {
  // One native numeric sort of packed (key, id, not-core) values; duplicates end up adjacent
  // with the core copy first. This runs once per screened candidate (millions in a wide search),
  // hence the reused buffers.
  let w = 0;
  for (const id of core) {
    packed[w++] = (moved.key(id) * ids + id) * 2;
    const p = moved.pred(id);
    packed[w++] = (moved.key(p) * ids + p) * 2 + 1;
    const q = moved.succ(id);
    packed[w++] = (moved.key(q) * ids + q) * 2 + 1;
  }
  const sorted = packed.subarray(0, w).sort();
  let n = 0;
  let last = -1;
  for (let i = 0; i < w; i++) {
    const v = sorted[i] as number;
    const id = Math.floor(v / 2) % ids;
    if (id === last) continue;
    last = id;
    view.ids[n] = id;
    view.core[n] = v % 2 === 0 ? 1 : 0;
    n++;
  }
  for (let i = 0; i < n; i++) view.adj[i] = moved.succ(view.ids[i] as number) === view.ids[(i + 1) % n] ? 1 : 0;
  view.length = n;
  return view;
}

/**
 * The `limit` best folds, best first (same order and ties as scoring every candidate on all
 * points and sorting), generated lazily: the caller usually accepts the first.
 * Screening: every candidate first gets a lower bound on its score from the letters it can
 * change most (the moved block and its old neighbours, the landing gap, the letters at the fold's
 * tangent points, the letters with the highest potential now); see `scoreLocal`. Candidates are
 * then scored on all points in order of their bound, only as far as needed to know the next best:
 * the sequence is exactly the full search's, at a fraction of its O(n) passes.
 */
export function* planFold(
  pre: PreState,
  letters: Letters,
  pending: ReadonlySet<number>,
  settled: ReadonlySet<number>,
  labelOf: (id: number) => number,
  wide = false,
  limit = Infinity,
  counters?: PlanCounters,
): Generator<FoldChoice> {
  // `wide`: the fallback search over every J, every landing gap and more fold distances.
  const topJ = wide ? Infinity : TOP_J;
  const topI = wide ? Infinity : TOP_I;
  const fractions = wide ? [0.05, 0.1, ...FRACTIONS, 4] : FRACTIONS;
  const cands: Candidate[] = [];
  const n = pre.wx.length;
  const L = letters.order.length;
  const buf = { angles: new Float64Array(n), starts: new Float64Array(L), ends: new Float64Array(L), gaps: new Float64Array(L) };
  const oldPos = new Int32Array(letters.members.length);
  // Screening buffers, grown on demand: 3 entries per core letter (itself and its neighbours).
  let packed = new Float64Array(0);
  let view: LocalView = { length: 0, ids: new Int32Array(0), adj: new Uint8Array(0), core: new Uint8Array(0) };
  letters.order.forEach((id, k) => (oldPos[id] = k));
  const first = (id: number) => (letters.members[id] as readonly number[])[0] as number;
  for (const kappa of wide ? WIDE_KAPPAS : KAPPAS) {
    const g = spreadFor(pre, kappa);
    const sp = applySpread(pre.wx, pre.wy, pre.D, g, pre.addDerivative);
    const floor = lowerEnvelope(pre.Dmin, sp.D);
    const dex = excess(sp.D, floor);
    const angles = new Float64Array(sp.ux.length);
    for (let p = 0; p < angles.length; p++) angles[p] = Math.atan2(sp.uy[p] as number, sp.ux[p] as number);
    const ev0 = evaluate(angles, dex, letters);
    // Gap after each letter and each letter's smaller gap, by letter id (typed arrays: hot path).
    const gapAfterOf = new Float64Array(letters.members.length);
    const gapOf = new Float64Array(letters.members.length);
    letters.order.forEach((id, i) => {
      gapAfterOf[id] = ev0.gaps[i] as number;
      gapOf[id] = Math.min(ev0.gaps[i] as number, ev0.gaps[(i + L - 1) % L] as number);
    });
    const byGap = (ids: number[]) => ids.sort((a, b) => (gapOf[b] as number) - (gapOf[a] as number) || a - b);
    // Screening aids (per spreading map): ccw offsets of the letters from letter 0, and the
    // letters with the highest potential or the smallest gaps now.
    const a0 = angles[first(letters.order[0] as number)] as number;
    const rel = Float64Array.from(letters.order, (id) => ccw(a0, angles[first(id)] as number));
    const potOf = new Float64Array(letters.members.length);
    for (const id of letters.order) {
      let v = -Infinity;
      for (const p of letters.members[id] as readonly number[]) v = Math.max(v, dex[p] as number);
      potOf[id] = v - Math.log2(gapOf[id] as number);
    }
    const hot = [
      ...topK(letters.order, HOT, (a, b) => (potOf[b] as number) - (potOf[a] as number) || a - b),
      ...topK(letters.order, HOT / 2, (a, b) => (gapAfterOf[a] as number) - (gapAfterOf[b] as number) || a - b),
    ];
    const js = byGap([...pending]).slice(0, topJ);
    for (const J of js) {
      for (const block of blocksFor(letters, J, pending, labelOf)) {
        const mid = blockMiddle(sp.ux, sp.uy, letters, block);
        const firstPos = letters.order.indexOf(block[0] as number);
        const prev = letters.order[(firstPos - 1 + L) % L] as number;
        const next = letters.order[(firstPos + block.length) % L] as number;
        const gOut = Math.min(gapAfterOf[prev] as number, gapAfterOf[block[block.length - 1] as number] as number);
        // Widest landing gaps first: the block lands inside, so the gap is its margin.
        const afters = topK(landingGaps(letters, block, settled, labelOf), topI, (a, b) => (gapAfterOf[b] as number) - (gapAfterOf[a] as number) || a - b);
        for (const after of afters) {
          const moved = new MovedOrder(letters.order, oldPos, block, after);
          const uX = gapMidpointTo(sp.ux, sp.uy, letters, after, moved.nextOut(after));
          const halfChord = Math.hypot(mid.u[0] - uX[0], mid.u[1] - uX[1]) / 2; // sin(c/2)
          const c = blockCenter(sp.ux, sp.uy, letters, block, mid.u);
          const baseCore = [...block, prev, next, after, ...hot];
          // Tiny words: screening on neighbours would wrap around; score them fully.
          const screen = L - block.length >= 3;
          for (const f of fractions) {
            const alpha = mid.half + f * gOut;
            const s = (alpha * alpha) / (2 * Math.max(halfChord, 1e-300));
            const off = foldOffset(uX, c, s);
            if (!wide && Math.hypot(c[0] + off[0], c[1] + off[1]) > MAX_Q) continue;
            const core = [...baseCore];
            for (const t of tangentAngles([c[0] + off[0], c[1] + off[1]])) {
              const k = nearestPos(rel, ccw(a0, t));
              for (let d = -TANGENT_WINDOW; d <= TANGENT_WINDOW; d++) core.push(letters.order[(k + d + L) % L] as number);
            }
            if (packed.length < 3 * core.length) {
              const size = 6 * core.length;
              packed = new Float64Array(size);
              view = { length: 0, ids: new Int32Array(size), adj: new Uint8Array(size), core: new Uint8Array(size) };
            }
            const ev = screen ? scoreLocal(sp.ux, sp.uy, dex, c, off, letters.members, localView(moved, core, letters.members.length, view, packed), buf) : { valid: true, potential: -Infinity, minGap: Infinity };
            if (counters) counters.screened++;
            if (!ev.valid) continue;
            const uneven = Math.max(0, Math.log2((2 * Math.PI) / L / ev.minGap));
            const bound = ev.potential + uneven - 1.5 * (block.length - 1);
            const choice = { kappa, g, block, after, s, potential: ev.potential, score: bound };
            cands.push({ choice, idx: cands.length, bound, ux: sp.ux, uy: sp.uy, dex, c, off });
          }
        }
      }
    }
  }
  // Full scoring in order of the bounds, lazily: a scored candidate is final once its score is
  // below every remaining bound (ties are scored first, so the order is exact).
  cands.sort((a, b) => a.bound - b.bound || a.idx - b.idx);
  const before = (x: { choice: FoldChoice; idx: number }, y: { choice: FoldChoice; idx: number }): number => {
    const a = x.choice;
    const b = y.choice;
    return a.score - b.score || (a.block[0] as number) - (b.block[0] as number) || b.block.length - a.block.length || a.after - b.after || a.s - b.s || x.idx - y.idx;
  };
  const pool: { choice: FoldChoice; idx: number }[] = [];
  let next = 0;
  for (let yielded = 0; yielded < limit; yielded++) {
    while (next < cands.length && (pool.length === 0 || (pool[0] as { choice: FoldChoice }).choice.score >= (cands[next] as Candidate).bound)) {
      const cand = cands[next++] as Candidate;
      if (counters) counters.scored++;
      const moved = moveBlock(letters, cand.choice.block, cand.choice.after);
      const ev = scoreView(cand.ux, cand.uy, cand.dex, cand.c, cand.off, moved, buf);
      if (!ev.valid) continue;
      const uneven = Math.max(0, Math.log2((2 * Math.PI) / moved.order.length / ev.minGap));
      const score = ev.potential + uneven - 1.5 * (cand.choice.block.length - 1);
      pool.push({ choice: { ...cand.choice, potential: ev.potential, score }, idx: cand.idx });
      pool.sort(before);
    }
    const best = pool.shift();
    if (!best) return;
    yield best.choice;
  }
}

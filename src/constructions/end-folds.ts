/**
 * End-fold builder (`constructNet` with builder "end-folds", `lnnet construct --robust`): a net
 * that is right in ordinary float64 as well as exactly (docs/construction.md, section 3.8).
 *
 * WHY. The scale-free builder folds interior letters. A fold seen from next to an interior letter
 * splits the other letters into two nearly antipodal clusters; bringing them back into one arc takes
 * a projective map that compresses the letters opposite the fold by about the fold's gap d, and d
 * shrinks like 1/m^2. In float64 those compressed gaps drown in rounding (section 5). This builder
 * keeps every letter on one short arc and folds only the letter at an END of the arc:
 *
 *  - From q just outside the circle next to an end letter J, every other letter lies on one side of
 *    J, so the far arc is seen at about half its angle, in one cluster; a linear map of directions
 *    (tangent chart centred on the cluster, tau -> k tau) spreads it back onto an arc of `width`
 *    rad (ARC_WIDTHS). On a short arc that map is nearly uniform: it moves a gap by a factor within
 *    1 +- width^2/4 per layer, so no gap is crushed.
 *  - J is sent (its ray from q leaves the circle in the landing gap) into the *core*: a block of
 *    consecutive letters whose word has at most two circular runs, and which stays so. Letters
 *    move once each; depth <= max(2, 2n - 4) for n letters (`endFoldsBound`).
 *  - A fold divides J's own rounding error by its distance t to q, and t ~ delta^2 when J's
 *    neighbour is delta away. When delta < ZOOM_BELOW x the width, a zoom layer first views the
 *    circle from a point about delta/4 inside it, below the middle of the gap between J and its
 *    neighbour: that gap opens to about 2 rad and the fold's t becomes large; J's error grows by
 *    ~1/delta once, not 1/delta^2.
 *  - Before the output layer, the run between the two run boundaries is spread onto 1 rad, so the
 *    output half-plane passes through wide gaps (output margins ~1e-4 instead of ~1e-12).
 *
 * PRECISION. Every point is simulated twice: in float64 in PyTorch's order of operations
 * (src/workshop/evaluate-float.ts) with the parameters as doubles, which is the net's float64
 * evaluation in that order, and in double-double from the exact parameters (dd.ts), a shadow of
 * the exact net; the geometry is taken from the shadow. After every layer both must keep the
 * planned order, and letters of different labels must be MARGIN times farther apart than float64
 * strays from the shadow; otherwise the builder fails ("below float64's resolution") and the next
 * arc width or view is tried. The shadow decides nothing about exact correctness: the kernel
 * checks the net as for every construction (without the shadow, a quarter of multi-scale test
 * datasets gave float64-right nets that were wrong exactly; with it, none).
 * Untrusted, like every producer.
 */
import type { Label } from "../trusted/net/dataset.js";
import type { LinearLayer } from "../trusted/net/model.js";
import { rat, toNumber, type Rational } from "../workshop/rational.js";
import { floatToRational } from "../interop/floats.js";
import { layerNormFloat, linearFloat, toFloatNet, type FloatLinear } from "../workshop/evaluate-float.js";
import { ConstructionFailed } from "../workshop/errors.js";
import { firstLinearLayer, type FirstView } from "./view.js";
import { ddLinearLayerNorm3 } from "./dd.js";
import type { Mat2, Vec2 } from "./frame.js";

/**
 * Widths (rad) of the arc the letters are spread onto after each fold, in the order tried. On a
 * short arc the spreading map is nearly uniform; on a wide one it compresses the arc's ends by up to
 * 1 - width^2/4 per layer, and the pending letters sit there. Measured on random labels in R^10,
 * m = 1000, three data seeds, float64 in a second summation order, before the zoom layers
 * existed: width 0.5 gave 7-57 samples wrong, 0.1 gave 0-3 (gaps 5x narrower); 0.3 with the zoom
 * gave 0. The next width is tried when the stray check fails (one m = 1000 dataset in six, and the
 * m = 3000 dataset that was built, needed 0.4).
 */
export const ARC_WIDTHS: readonly number[] = [0.3, 0.4, 0.2];
/** Zoom before folding J when J's neighbour is closer than this fraction of the arc's width (0.01: 0-3 wrong, 0.1: 0). */
const ZOOM_BELOW = 0.1;
/** The least stray counted (rad): two float64 orders may agree by chance, rounding is rarely below this. */
const FLOOR = 2 ** -50;
/**
 * A gap between letters of different labels must exceed this many times how far both letters'
 * float64 angles stray from the shadow's, so that other float64 orders (which stray by similar
 * amounts) keep the order too. Measured on random labels in R^10: with 2, the m = 3000 net was
 * right in lnnet's order but 2 samples were wrong in a second order; with 32 every net measured
 * (m <= 3000) is right in four float64 runtimes, and one m = 1000 dataset in six needs the second
 * arc width; with 1024 some m = 1000 datasets cannot be built.
 */
const MARGIN = 32;
/** Width (rad) the middle run is spread onto before the output layer. */
const OUTPUT_RUN_WIDTH = 1;

/** Depth bound of an end-fold net on n letters (n <= m): first layer, <= 2 layers per moved letter, final spread. */
export const endFoldsBound = (n: number): number => Math.max(2, 2 * n - 4);

export interface EndFoldsResult {
  /** First layer, then the zoom, fold and spreading layers (each followed by LayerNorm). */
  readonly linear: readonly LinearLayer[];
  readonly output: LinearLayer;
  readonly moved: number;
  readonly zooms: number;
  /** Letters in the initial core (never moved). */
  readonly core: number;
}


// An orthonormal basis E = [e1 e2] of 1-perp: u = E^T y / sqrt 3 is y's point on the unit circle.
const S2 = Math.SQRT2;
const S3 = Math.sqrt(3);
const S6 = Math.sqrt(6);
const E: readonly Vec2[] = [
  [1 / S2, 1 / S6],
  [-1 / S2, 1 / S6],
  [0, -2 / S6],
];
const TAU = 2 * Math.PI;
const unit = (a: number): Vec2 => [Math.cos(a), Math.sin(a)];
const dot = (a: Vec2, b: Vec2): number => a[0] * b[0] + a[1] * b[1];
/** Normalise an angle difference into (-pi, pi]. */
function wrap(a: number): number {
  let d = a % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/** Pattern of the final word: at most two runs, or three whose outer runs share a label (two circular runs). */
function runsOk(runs: number, first: Label | undefined, last: Label | undefined): boolean {
  return runs <= 2 || (runs === 3 && first === last);
}

/** The longest block of consecutive letters with at most two circular runs: three consecutive runs. */
export function longestCore(word: readonly Label[]): { lo: number; hi: number } {
  const starts: number[] = [];
  word.forEach((l, i) => (i === 0 || l !== word[i - 1]) && starts.push(i));
  starts.push(word.length);
  const runs = starts.length - 1;
  if (runs <= 3) return { lo: 0, hi: word.length - 1 };
  let best = { lo: 0, hi: -1 };
  for (let r = 0; r + 3 <= runs; r++) {
    const lo = starts[r]!;
    const hi = starts[r + 3]! - 1; // runs r, r + 1, r + 2 (binary runs alternate: r and r + 2 agree)
    if (hi - lo > best.hi - best.lo) best = { lo, hi };
  }
  return best;
}

/**
 * The simulation: every distinct point's LN output twice, in float64 in PyTorch's order (what a
 * user's runtime computes) and in double-double (a shadow of the exact net, ~2^-100 per layer);
 * letters as lists of points, and the planned order of the letters along the arc (counter-clockwise).
 * Geometry is taken from the shadow; both trajectories must keep the planned order.
 */
class Arc {
  readonly layers: LinearLayer[] = [];
  order: number[] = [];
  /** Per point: the shadow's angle from the arc's reference, after `measure`. */
  readonly th: Float64Array;
  /** Per point: |float64 angle - shadow angle|, after `measure`. */
  readonly div: Float64Array;
  /** The reference direction (absolute angle) of `th`. */
  ref = 0;
  constructor(
    readonly letters: readonly { readonly points: readonly number[]; readonly label: Label }[],
    /** float64 LN outputs (PyTorch order). */
    readonly Y: Float64Array[],
    /** Double-double LN outputs: high and low parts. */
    readonly Yh: Float64Array[],
    readonly Yl: Float64Array[],
    readonly eps: number,
    /** Where point p's first sample came from (for messages). */
    readonly where: (p: number) => string,
  ) {
    this.th = new Float64Array(Y.length);
    this.div = new Float64Array(Y.length);
  }
  /** The shadow's point on the unit circle (the geometry below wants radius 1 also for eps > 0). */
  u(p: number): Vec2 {
    return onCircle(this.Yh[p]!);
  }
  rep(id: number): number {
    return this.letters[id]!.points[0]!;
  }
  lo(id: number): number {
    return Math.min(...this.letters[id]!.points.map((p) => this.th[p]!));
  }
  hi(id: number): number {
    return Math.max(...this.letters[id]!.points.map((p) => this.th[p]!));
  }
  /**
   * Angles counter-clockwise from the first letter of the order (the circle cut in the middle of
   * the empty gap before it). Fails unless the planned order holds in the shadow (strictly between
   * labels, MARGIN times farther than float64 strays; letters of one label may touch: they need no
   * separating) and in float64 run by run (a run's letters may swap among themselves).
   */
  measure(what: string): void {
    const abs = (v: Vec2): number => Math.atan2(v[1], v[0]);
    this.ref = abs(this.u(this.rep(this.order[0]!)));
    const empty = (((this.ref - abs(this.u(this.rep(this.order.at(-1)!)))) % TAU) + TAU) % TAU;
    const fromRef = (a: number): number => ((((a - this.ref + empty / 2) % TAU) + TAU) % TAU) - empty / 2;
    const thF = new Float64Array(this.Y.length);
    for (let p = 0; p < this.Y.length; p++) {
      this.th[p] = fromRef(abs(this.u(p)));
      thF[p] = fromRef(abs(onCircle(this.Y[p]!)));
      this.div[p] = Math.max(Math.abs(wrap(thF[p]! - this.th[p]!)), FLOOR);
    }
    const stray = (id: number): number => Math.max(...this.letters[id]!.points.map((p) => this.div[p]!));
    const floatLo = (id: number): number => Math.min(...this.letters[id]!.points.map((p) => thF[p]!));
    const floatHi = (id: number): number => Math.max(...this.letters[id]!.points.map((p) => thF[p]!));
    let runHi = -Infinity; // float64: the largest angle in the current run
    for (let i = 1; i < this.order.length; i++) {
      const a = this.order[i - 1]!;
      const b = this.order[i]!;
      const gap = this.lo(b) - this.hi(a);
      runHi = Math.max(runHi, floatHi(a));
      if (this.letters[a]!.label === this.letters[b]!.label) {
        if (!(gap >= 0)) this.fail(what, a, b, gap, 0);
        continue;
      }
      let nextLo = Infinity; // float64: the smallest angle in the run that starts at b
      for (let j = i; j < this.order.length && this.letters[this.order[j]!]!.label === this.letters[b]!.label; j++) nextLo = Math.min(nextLo, floatLo(this.order[j]!));
      if (!(gap > MARGIN * (stray(a) + stray(b)) && nextLo > runHi)) this.fail(what, a, b, gap, stray(a) + stray(b));
      runHi = -Infinity;
    }
  }
  private fail(what: string, a: number, b: number, gap: number, stray: number): never {
    const name = (id: number): string => `${this.where(this.rep(id))} (label ${this.letters[id]!.label})`;
    throw new ConstructionFailed(
      `the end-fold builder: after ${what} (layer ${this.layers.length}), the samples at ${name(a)} and ${name(b)} are ${gap.toExponential(2)} rad apart while float64 strays by ${stray.toExponential(2)} rad: below float64's resolution (the default builder, without --robust, builds exact nets for such data)`,
    );
  }
  /** Append z = lam E G (u - q) (W = lam E G E^T / sqrt 3, b = -lam E G q) in doubles, and move every point through it and LN. */
  emit(G: Mat2, q: Vec2): void {
    const EG = E.map((r) => [r[0] * G[0] + r[1] * G[2], r[0] * G[1] + r[1] * G[3]] as const);
    let lam = 1;
    if (this.eps > 0) {
      // |z| >= 2^27 sqrt(3 eps): LN's radius then differs from sqrt 3 by < 2^-54 (relative).
      let least = Infinity; // |z| / lam = |G (u - q)|: E is orthonormal
      for (let p = 0; p < this.Y.length; p++) {
        const u = this.u(p);
        const v: Vec2 = [u[0] - q[0], u[1] - q[1]];
        least = Math.min(least, Math.hypot(G[0] * v[0] + G[1] * v[1], G[2] * v[0] + G[3] * v[1]));
      }
      lam = 2 ** Math.max(0, Math.ceil(Math.log2((2 ** 27 * Math.sqrt(3 * this.eps)) / least)));
    }
    const W = EG.map((r) => E.map((e) => (lam * (r[0] * e[0] + r[1] * e[1])) / S3));
    const b = EG.map((r) => -lam * (r[0] * q[0] + r[1] * q[1]));
    this.push({ type: "linear", weight: W.map((row) => row.map(exactDouble)), bias: b.map(exactDouble) });
  }
  push(layer: LinearLayer): void {
    this.layers.push(layer);
    const f = toFloatNet({ inputDim: 3, layers: [layer] })[0] as FloatLinear;
    const zero = new Float64Array(9);
    for (let p = 0; p < this.Y.length; p++) {
      this.Y[p] = layerNormFloat(linearFloat(f, this.Y[p]!), 1, this.eps);
      const h = new Float64Array(3);
      const l = new Float64Array(3);
      ddLinearLayerNorm3(f.w, zero, f.b, zero, this.Yh[p]!, this.Yl[p]!, this.eps, h, l); // the parameters are doubles: exact
      this.Yh[p] = h;
      this.Yl[p] = l;
    }
  }
}

/** y's point u = E^T y / |E^T y| on the unit circle. */
function onCircle(y: ArrayLike<number>): Vec2 {
  const a = E[0]![0] * y[0]! + E[1]![0] * y[1]! + E[2]![0] * y[2]!;
  const b = E[0]![1] * y[0]! + E[1]![1] * y[1]! + E[2]![1] * y[2]!;
  const r = Math.hypot(a, b);
  return [a / r, b / r];
}

/** The first layer for every point: float64 (PyTorch order) and the double-double shadow (exact inputs). */
function firstOutputs(first: LinearLayer, floatX: readonly (readonly number[])[], exactX: readonly (readonly Rational[])[], eps: number) {
  const f = toFloatNet({ inputDim: floatX[0]?.length ?? 0, layers: [first] })[0] as FloatLinear;
  const split = (rs: readonly Rational[]): [Float64Array, Float64Array] => {
    const h = Float64Array.from(rs.map(toNumber));
    return [h, Float64Array.from(rs.map((r, i) => toNumber(r.sub(exactDouble(h[i]!)))))];
  };
  const [wh, wl] = split(first.weight.flat());
  const [bh, bl] = split(first.bias);
  const Y = floatX.map((x) => layerNormFloat(linearFloat(f, Float64Array.from(x)), 1, eps));
  const Yh: Float64Array[] = [];
  const Yl: Float64Array[] = [];
  for (const x of exactX) {
    const [xh, xl] = split(x);
    const h = new Float64Array(3);
    const l = new Float64Array(3);
    ddLinearLayerNorm3(wh, wl, bh, bl, xh, xl, eps, h, l);
    Yh.push(h);
    Yl.push(l);
  }
  return { Y, Yh, Yl };
}

function exactDouble(x: number): Rational {
  const r = floatToRational(x);
  if (!r) throw new ConstructionFailed("the end-fold builder: a value (an input or a parameter) is beyond the float64 range");
  return r;
}

/** tau -> k tau in the tangent chart at `mid`, as a linear map of the plane: [[1, 0], [0, k]] R(-mid). */
function chartMap(mid: number, k: number): Mat2 {
  const c = Math.cos(mid);
  const s = Math.sin(mid);
  return [c, s, -k * s, k * c];
}

/**
 * Build the net for a line view (letters on an open half circle). Throws ConstructionFailed when
 * float64 cannot keep two letters apart.
 */
export function buildEndFolds(
  view: FirstView,
  eps: Rational,
  points: readonly (readonly Rational[])[],
  width: number = ARC_WIDTHS[0]!,
  where: (p: number) => string = (p) => `point ${p + 1}`,
): EndFoldsResult {
  const epsF = eps.valueOf();
  // The first layer too is rounded to doubles: the net is then exactly what float64 runtimes load.
  const exact = firstLinearLayer(view, firstScale(view, epsF));
  const first: LinearLayer = { type: "linear", weight: exact.weight.map((row) => row.map((r) => exactDouble(toNumber(r)))), bias: exact.bias.map((r) => exactDouble(toNumber(r))) };
  const { Y, Yh, Yl } = firstOutputs(first, points.map((x) => x.map(toNumber)), points, epsF);
  const arc = new Arc(view.letters, Y, Yh, Yl, epsF, where);
  arc.layers.push(first);
  arc.order = view.ccwOrder.slice();
  arc.measure("the first layer");
  const word = arc.order.map((id) => view.letters[id]!.label);
  const { lo, hi } = longestCore(word);
  const inCore = new Uint8Array(view.letters.length);
  for (let i = lo; i <= hi; i++) inCore[arc.order[i]!] = 1;
  let moved = 0;
  let zooms = 0;
  for (;;) {
    const n = arc.order.length;
    const leftPending = !inCore[arc.order[0]!];
    const rightPending = !inCore[arc.order[n - 1]!];
    if (!leftPending && !rightPending) break;
    const gapL = arc.lo(arc.order[1]!) - arc.hi(arc.order[0]!);
    const gapR = arc.lo(arc.order[n - 1]!) - arc.hi(arc.order[n - 2]!);
    // The end whose letter has the wider gap to its neighbour (its fold needs less precision).
    const fromLeft = leftPending && (!rightPending || gapL >= gapR);
    const J = fromLeft ? arc.order[0]! : arc.order[n - 1]!;
    const delta = fromLeft ? gapL : gapR;
    if (delta < ZOOM_BELOW * width) {
      const R = fromLeft ? arc.order[1]! : arc.order[n - 2]!;
      const mid = fromLeft ? (arc.hi(J) + arc.lo(R)) / 2 : (arc.hi(R) + arc.lo(J)) / 2;
      const r = Math.sin(delta / 2) / 2;
      const c = unit(arc.ref + mid);
      arc.emit([1, 0, 0, 1], [(1 - r) * c[0], (1 - r) * c[1]]);
      arc.measure(`the zoom before moving letter ${J}`);
      zooms++;
    }
    foldEnd(arc, J, fromLeft, inCore, width);
    inCore[J] = 1;
    moved++;
  }
  spreadMiddleRun(arc);
  const output = outputLayer(arc);
  return { linear: arc.layers, output, moved, zooms, core: hi - lo + 1 };
}

/** lam for the first layer: a power of 2 with |z| >= 2^27 sqrt(3 eps) at every point (1 for eps = 0). */
function firstScale(view: FirstView, eps: number): Rational {
  if (eps === 0) return rat(1);
  // |M w| >= 2 max |w_i| (docs/construction.md 3.1); w in doubles is close enough to size lam.
  const least = Math.min(...view.wFloat.map((w) => 2 * Math.max(Math.abs(w[0]), Math.abs(w[1]))));
  const e = Math.max(0, Math.ceil(Math.log2((2 ** 28 * Math.sqrt(3 * eps)) / least)));
  return rat(1n << BigInt(e));
}

/**
 * Fold the end letter J into the widest core gap that keeps the core's word at most two circular
 * runs, and spread the rest back onto `width` rad.
 */
function foldEnd(arc: Arc, J: number, fromLeft: boolean, inCore: Uint8Array, width: number): void {
  const rest = fromLeft ? arc.order.slice(1) : arc.order.slice(0, -1);
  const gap = landingGap(arc, rest, J, inCore);
  const x = rest[gap]!;
  const y = rest[gap + 1]!;
  const X = unit(arc.ref + (arc.hi(x) + arc.lo(y)) / 2);
  const uJ = arc.u(arc.rep(J));
  const d: Vec2 = [uJ[0] - X[0], uJ[1] - X[1]];
  const nd = Math.hypot(d[0], d[1]);
  const e: Vec2 = [d[0] / nd, d[1] / nd];
  // q = u_J + t e sees only J: u . q < 1 for every other point (half the largest such t, at most 1).
  let tMax = 2;
  for (const id of rest) {
    for (const p of arc.letters[id]!.points) {
      const u = arc.u(p);
      const ue = dot(u, e);
      if (ue > 0) tMax = Math.min(tMax, (1 - dot(u, uJ)) / ue);
    }
  }
  const t = tMax / 2;
  const q: Vec2 = [uJ[0] + t * e[0], uJ[1] + t * e[1]];
  for (const p of arc.letters[J]!.points) if (!(dot(arc.u(p), q) > 1)) throw new ConstructionFailed(`the end-fold builder: letter ${J}'s points do not fit in one fold`);
  // The cone of the other letters seen from q, measured from the direction of X - q.
  const a0 = Math.atan2(X[1] - q[1], X[0] - q[0]);
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of rest) {
    for (const p of arc.letters[id]!.points) {
      const u = arc.u(p);
      const a = wrap(Math.atan2(u[1] - q[1], u[0] - q[0]) - a0);
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
  }
  const half = (hi - lo) / 2;
  const k = Math.tan(width / 2) / Math.tan(half);
  arc.emit(chartMap(a0 + (lo + hi) / 2, k), q);
  rest.splice(gap + 1, 0, J);
  arc.order = rest;
  arc.measure(`moving letter ${J}`);
}

/** Index g of the widest gap (rest[g], rest[g + 1]) at or inside the core where J keeps the core's word valid. */
function landingGap(arc: Arc, rest: readonly number[], J: number, inCore: Uint8Array): number {
  const label = (id: number): Label => arc.letters[id]!.label;
  const core: number[] = [];
  rest.forEach((id, i) => inCore[id] && core.push(i));
  const cLo = core[0]!;
  const cHi = core.at(-1)!;
  let runs = 1;
  for (let i = cLo + 1; i <= cHi; i++) if (label(rest[i]!) !== label(rest[i - 1]!)) runs++;
  const lj = label(J);
  let best = -1;
  let widest = -Infinity;
  // Gap g lies between rest[g] and rest[g + 1]; J enters the core between its letters cLo..g and g+1..cHi.
  for (let g = Math.max(0, cLo - 1); g <= Math.min(rest.length - 2, cHi); g++) {
    const L = g >= cLo ? label(rest[g]!) : undefined;
    const R = g + 1 <= cHi ? label(rest[g + 1]!) : undefined;
    const newRuns = runs + (L !== undefined && L !== lj ? 1 : 0) + (R !== undefined && R !== lj ? 1 : 0) - (L !== undefined && R !== undefined && L !== R ? 1 : 0);
    const firstLabel = L === undefined ? lj : label(rest[cLo]!);
    const lastLabel = R === undefined ? lj : label(rest[cHi]!);
    if (!runsOk(newRuns, firstLabel, lastLabel)) continue;
    const width = arc.lo(rest[g + 1]!) - arc.hi(rest[g]!);
    if (width > widest) {
      widest = width;
      best = g;
    }
  }
  if (best < 0) throw new Error("internal: the end-fold builder found no landing gap"); // a gap next to a same-label letter always qualifies
  return best;
}

/** Boundaries of the final word: indices i with label(order[i]) != label(order[i - 1]). */
function boundaries(arc: Arc): number[] {
  const b: number[] = [];
  for (let i = 1; i < arc.order.length; i++) if (arc.letters[arc.order[i]!]!.label !== arc.letters[arc.order[i - 1]!]!.label) b.push(i);
  return b;
}
/** Angle (from arc.ref) of the middle of the gap before order[i]. */
const gapMid = (arc: Arc, i: number): number => (arc.hi(arc.order[i - 1]!) + arc.lo(arc.order[i]!)) / 2;

/** With three runs, spread the middle one onto OUTPUT_RUN_WIDTH (its boundary gaps widen with it). */
function spreadMiddleRun(arc: Arc): void {
  const b = boundaries(arc);
  if (b.length !== 2) return;
  const a1 = gapMid(arc, b[0]!);
  const a2 = gapMid(arc, b[1]!);
  const mid = (a1 + a2) / 2;
  // The chart holds directions within a quarter turn of its centre; without a fold (the first
  // view's arc may be wide) the run is left as it is.
  if (!(arc.lo(arc.order[0]!) > mid - 1.5 && arc.hi(arc.order.at(-1)!) < mid + 1.5)) return;
  const k = Math.tan(OUTPUT_RUN_WIDTH / 2) / Math.tan((a2 - a1) / 2);
  arc.emit(chartMap(arc.ref + mid, k), [0, 0]);
  arc.measure("spreading the middle run");
}

/**
 * The output half-plane: the chord through the middles of the two boundary gaps (three runs), or
 * through the boundary gap's middle and the point opposite the arc (two runs), oriented so that
 * label 1 is positive.
 */
function outputLayer(arc: Arc): LinearLayer {
  const b = boundaries(arc);
  const n = arc.order.length;
  if (b.length < 1 || b.length > 2) throw new Error(`internal: the end-fold builder ended with ${b.length + 1} runs`);
  const P1 = unit(arc.ref + gapMid(arc, b[0]!));
  const P2 = b.length === 2 ? unit(arc.ref + gapMid(arc, b[1]!)) : unit(arc.ref + (arc.lo(arc.order[0]!) + arc.hi(arc.order[n - 1]!)) / 2 + Math.PI);
  let nrm: Vec2 = [-(P2[1] - P1[1]), P2[0] - P1[0]];
  let c = -dot(nrm, P1);
  const firstId = arc.order[0]!;
  const firstSide = dot(nrm, arc.u(arc.rep(firstId))) + c > 0;
  if (firstSide !== (arc.letters[firstId]!.label === 1)) {
    nrm = [-nrm[0], -nrm[1]];
    c = -c;
  }
  // y_out = n . u + c with u = E^T y / sqrt 3.
  const w = E.map((r) => (r[0] * nrm[0] + r[1] * nrm[1]) / S3);
  return { type: "linear", weight: [w.map(exactDouble)], bias: [exactDouble(c)] };
}

/**
 * Scale-free fold builder: the builder of `constructNet`.
 *
 * WHY. A float planner (ranking candidate folds on float64 angles, refusing gaps below 1e-11 rad;
 * retired, see bench/construct.ts) cannot build for data with nested scales (0, 1e-30, 1e-12, 1e-6
 * and 1e30 in one dataset): its first-layer gaps are far below that under *every* first layer (a
 * line view is a Moebius map of t, and Moebius maps keep cross ratios, so no zoom spreads three
 * nested clusters at once). This builder never ranks on a float angle. Every position is a BigInt
 * vector at 2^-P (fixed.ts) with a tracked error estimate, every decision an integer test against
 * it, and P is doubled until all tests pass. It makes no search (one letter per fold, fixed rules for
 * J, the landing gap and the spreading map), yet on random labels it matched the float planner's
 * depth with fewer simulation bits, in less time (bench/construct.ts).
 *
 * GEOMETRY (docs/construction.md, sections 3.3 and 4.2-4.4). Positions are LN
 * outputs y in R^3 (sum 0, |y| = sqrt 3 for eps = 0), i.e. points of a circle in the plane 1-perp;
 * (a x b) . (1,1,1) > 0 means b is counter-clockwise of a. A fold layer is z = lam W (y - y_q) with W
 * an exact rational linear map of 1-perp of positive determinant, so LN(z) = sqrt 3 dir(W(y - y_q)):
 * the directions of u - q, in the same circular order.
 *  - Letter J moves into the gap between consecutive letters x, y (order without J). With X the
 *    midpoint of the chord xy and q = u_J + s (u_J - X)/|u_J - X| (s > 0), the ray from q through
 *    u_J passes X and leaves the circle on the arc from x to y: J's image direction lies strictly
 *    between x's and y's, and all other letters (the far arc) keep their circular order.
 *  - Only J is visible from q (u . q > 1): a letter p at chord distance d from J has
 *    1 - u_p . q >= d^2/2 - s > 0 when s <= d^2/4; the nearest letter is a circular neighbour.
 *  - W (`spreadFor`) spreads the cone of directions of u - q onto a moderate cone: without it every
 *    fold would halve the letters' gaps (the far arc is seen at about half its angle).
 *
 * ERRORS. The simulation of point p carries an estimate 2^E_p of its distance to the true LN
 * output along the circle (an estimate, not a proof: the kernel proves). The radial part is only
 * the last rounding (~2^-P: LN puts both on the circle). A fold maps arc length at u to angle at
 * the rate (1 - u . q)/|u - q|^2 (angle of u - q, u on the unit circle): about 1/2 on the far arc,
 * ~1/s at J; the radial part moves the angle by at most 1/|u - q| times itself; W then multiplies
 * angles by det W |v|^2 / |W v|^2. Every decision asks its quantity to exceed the errors involved by
 * 2^MARGIN_BITS.
 *
 * COST. A fold layer moves every point, so a build is O(m x depth) point-layers. Only pending
 * letters need P bits (a fold divides J's error by s); settled letters are never folded again and
 * are simulated in double-double (~2^-98 per layer, `Sim`), and the checks run on doubles with an
 * exact BigInt fallback when the doubles cannot tell. Should double-double not be enough, the
 * next attempt is all BigInt.
 */
import { rat, toNumber, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { LinearLayer } from "../trusted/net/model.js";
import { bits, fromRational, isqrtFast, layerNorm3, toFloat } from "./fixed.js";
import { dd, ddAdd, ddMul, ddMulD, ddToRadius } from "./dd.js";
import { FIRST_M, firstLinearLayer, type FirstView } from "./view.js";
import { coneOf, spreadMap } from "./circle-map.js";
import { ConstructionFailed } from "../workshop/errors.js";

/** How far (as a power of two) every simulated decision must clear the errors involved. */
const MARGIN_BITS = 20;
const START_BITS = 192;
const MAX_BITS = 1 << 15;
/** Points x layers x (P / 1024)^2 the attempts of one construction may cost (~10 minutes here). */
const WORK_LIMIT = 3e7;

/** What is left of the work limit; shared by the views one construction tries. */
export interface WorkBudget {
  left: number;
}
export const newWorkBudget = (): WorkBudget => ({ left: WORK_LIMIT });

export class NeedPrecision extends Error {
  constructor(what: string) {
    super(`exact folds: ${what}`);
    this.name = "NeedPrecision";
  }
}

export interface ExactFoldsResult {
  /** First layer, then one fold layer per moved letter (each followed by LayerNorm). */
  readonly linear: readonly LinearLayer[];
  readonly output: LinearLayer;
  /** Simulation precision (bits) that passed every check. */
  readonly precision: number;
  /** Letters moved by a fold layer, and letters settled in place (no layer needed). */
  readonly moved: number;
  readonly settledFree: number;
  /** Settled points replayed exactly because a check needed them below double-double's resolution. */
  readonly promoted: number;
}

type Vec3 = readonly [bigint, bigint, bigint];

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
const dot = (a: Vec3, b: Vec3): bigint => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const minus = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const plus = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
/** (a x b) . (1, 1, 1): positive iff b is counter-clockwise of a (within a half turn). */
const turn = (a: Vec3, b: Vec3): bigint => a[1] * b[2] - a[2] * b[1] + (a[2] * b[0] - a[0] * b[2]) + (a[0] * b[1] - a[1] * b[0]);
/** a x (1, 1, 1): in the plane 1-perp, perpendicular to a's projection. */
const crossOnes = (a: Vec3): Vec3 => [a[1] - a[2], a[2] - a[0], a[0] - a[1]];
const pow2 = (e: number): Rational => (e >= 0 ? rat(1n << BigInt(e)) : rat(1n, 1n << BigInt(-e)));
/** Bounds on log2 |r| (r != 0) and log2 sqrt(v) (v > 0 an integer), from bit lengths. */
const log2Lower = (r: Rational): number => bits(r.n) - 1 - bits(r.d);
const log2Upper = (r: Rational): number => bits(r.n) - (bits(r.d) - 1);
/** log2 x for an integer x >= 0 (-Infinity for 0), to double precision: for estimates only. */
function log2Big(x: bigint): number {
  if (x <= 0n) return -Infinity;
  const f = Number(x);
  if (f < Infinity) return Math.log2(f);
  const sh = Math.max(0, bits(x) - 60);
  return sh + Math.log2(Number(x >> BigInt(sh)));
}
/** log2 (2^a + 2^b) (a hair above: the error estimates add up over hundreds of layers). */
const logAdd = (a: number, b: number): number => {
  const hi = Math.max(a, b);
  const d = Math.min(a, b) - hi;
  return hi === -Infinity ? hi : d < -60 ? hi + 1e-9 : hi + Math.log2(1 + 2 ** d) + 1e-9;
};
/** 2^e as a BigInt for a possibly fractional, possibly negative e (rounded up; 1 below 2^0). */
const bigPow2 = (e: number): bigint => (e <= 0 ? 1n : 1n << BigInt(Math.ceil(e)));

/**
 * Build the net for a view and a deletion plan, doubling the simulation precision until every
 * check passes. The first attempt keeps settled letters in double-double (`Sim`); should that
 * not be enough, every point goes to BigInt. Throws ConstructionFailed when even MAX_BITS (or
 * the work budget) is not enough.
 */
export function buildExactFolds(view: FirstView, eps: Rational, word: readonly Label[], deletions: readonly number[], budget: WorkBudget = newWorkBudget()): ExactFoldsResult {
  const points = view.wExact.length;
  const rungs: { P: number; tiered: boolean }[] = [{ P: START_BITS, tiered: true }];
  for (let P = START_BITS; P <= MAX_BITS; P *= 2) rungs.push({ P, tiered: false });
  for (const { P, tiered } of rungs) {
    // An all-BigInt attempt simulates every point through every layer at P bits (~20 us per unit
    // below, measured: m = 1000, 430 layers, 3072 bits in 80 s); refuse rather than run for hours.
    // (A tiered attempt costs less; it is charged the same.)
    const work = points * (deletions.length + 1) * (P / 1024) ** 2;
    if (work > budget.left) throw new ConstructionFailed(`the scale-free builder would need ${P} bits for ${points} points and ${deletions.length} folds (beyond its ~10-minute work budget); stopped`);
    budget.left -= work;
    try {
      return attempt(view, eps, word, deletions, P, tiered);
    } catch (e) {
      if (!(e instanceof NeedPrecision)) throw e;
    }
  }
  throw new ConstructionFailed(`the scale-free builder needs more than ${MAX_BITS} bits of simulation precision`);
}

/** log2 of the rounding error a double-double LN step leaves (relative ~2^-104, a few operations). */
const DD_FRESH = -98;

/**
 * The simulated LN outputs of every distinct point after the current layer. A point is *exact*
 * (BigInt vector at 2^-P, `big[p]`) or *settled* (double-double hi + lo in `F`, `L`): pending
 * letters stay exact (a fold divides J's error by s, which may be ~2^-50 or less), a letter's
 * members become double-double once it is settled, in a tiered attempt (they are never folded
 * again, and their decisions need their positions only far above 2^-98). `F` always holds every
 * point's position to double precision (for the checks' fast paths), E its log2 error estimate.
 * Indices: a point p < n has F, L entries 3p + i (i < 3) and E entry p; a Vec3 has 3 entries.
 */
class Sim {
  readonly n: number;
  big: (Vec3 | undefined)[];
  F: Float64Array;
  L: Float64Array;
  E: Float64Array;
  /** The first layer's outputs (BigInt), and every fold so far: enough to replay any point exactly. */
  readonly first: readonly Vec3[];
  readonly history: FoldRecord[] = [];
  promoted = 0;
  constructor(
    readonly P: number,
    big: Vec3[],
  ) {
    this.n = big.length;
    this.first = big.slice();
    this.big = big;
    this.F = new Float64Array(3 * this.n);
    this.L = new Float64Array(3 * this.n);
    this.E = new Float64Array(this.n);
    big.forEach((y, p) => y && this.setBig(p, y));
  }
  setBig(p: number, y: Vec3): void {
    this.big[p] = y;
    for (let i = 0; i < 3; i++) {
      this.F[3 * p + i] = toFloat(y[i]!, this.P);
      this.L[3 * p + i] = 0;
    }
  }
  /** Point p's position as a BigInt vector at 2^-P (exactly the double-double, rounded at 2^-P). */
  pos(p: number): Vec3 {
    const y = this.big[p];
    if (y) return y;
    const c = (i: number) => bigOfDouble(this.F[3 * p + i]!, this.P) + bigOfDouble(this.L[3 * p + i]!, this.P);
    return [c(0), c(1), c(2)];
  }
  /** Move point p to double-double (its letter is settled and will not be folded again). */
  settle(p: number): void {
    const y = this.big[p];
    if (!y) return;
    for (let i = 0; i < 3; i++) {
      const hi = toFloat(y[i]!, this.P);
      this.F[3 * p + i] = hi;
      this.L[3 * p + i] = toFloat(y[i]! - bigOfDouble(hi, this.P), this.P);
    }
    this.big[p] = undefined;
    this.E[p] = logAdd(this.E[p]!, DD_FRESH);
  }
  /**
   * Point p back to BigInt at 2^-P, replayed through every layer so far (a few ms): for the rare
   * settled point that a decision must see below double-double's resolution (e.g. one within 2^-36
   * of the letter being folded). It stays exact from then on.
   */
  promote(p: number): void {
    if (this.big[p]) return;
    this.promoted++;
    let y = this.first[p]!; // p < n = first.length
    let E = 2 - this.P;
    for (const r of this.history) ({ Y: y, E } = exactStep(y, E, r, this.P));
    this.setBig(p, y);
    this.E[p] = E;
  }
  /** |y_a - y_b|^2 to double precision from F (absolute error ~2^-48). */
  dist2(a: number, b: number): number {
    const F = this.F;
    const x = F[3 * a]! - F[3 * b]!;
    const y = F[3 * a + 1]! - F[3 * b + 1]!;
    const z = F[3 * a + 2]! - F[3 * b + 2]!;
    return x * x + y * y + z * z;
  }
}

/** round(x 2^P) as a BigInt for a double x (exact when x 2^P is an integer; |x| >= 2^-900). */
function bigOfDouble(x: number, P: number): bigint {
  if (x === 0 || Math.abs(x) < 2 ** -900) return 0n;
  const sh = 60 - Math.floor(Math.log2(Math.abs(x))); // x 2^sh ~ 2^60: an integer, exactly
  const m = BigInt(x * 2 ** sh);
  const t = P - sh;
  return t >= 0 ? m << BigInt(t) : m >> BigInt(-t);
}

function attempt(view: FirstView, eps: Rational, word: readonly Label[], deletions: readonly number[], P: number, tiered: boolean): ExactFoldsResult {
  // a letter id indexes view.letters and word (one label per letter), and every letter has a point
  const members = (id: number): readonly number[] => view.letters[id]!.points;
  const point = (id: number): number => members(id)[0]!;
  const label = (id: number): Label => word[id]!;
  const first = firstLayer(view, eps, P);
  const sim = first.sim;
  let order = [...view.ccwOrder];
  checkOrder(order, sim, point);

  const pending = new Set(deletions);
  const toDd = (id: number) => {
    if (tiered) for (const p of members(id)) sim.settle(p);
  };
  for (let id = 0; id < view.letters.length; id++) if (!pending.has(id)) toDd(id);
  const linear: LinearLayer[] = [first.layer];
  let settledFree = 0;
  const settle = () => {
    for (const id of settleFree(order, pending, label)) {
      settledFree++;
      toDd(id);
    }
  };
  settle();
  let moved = 0;
  while (pending.size > 0) {
    const J = chooseLetter(order, pending, sim, point);
    const gap = chooseGap(order, pending, J, label, sim, point);
    const fold = foldLayer(J, gap, order, point, members, sim, eps);
    order = insertAfter(order, J, gap.x);
    linear.push(fold);
    pending.delete(J);
    toDd(J);
    moved++;
    settle();
  }
  const output = outputLayer(order, label, view, point, sim);
  return { linear, output, precision: P, moved, settledFree, promoted: sim.promoted };
}

/**
 * Free settling (no layer): a pending letter whose nearest settled letter before or after it (in
 * circular order, skipping pending ones) has its label is settled in place. One sweep
 * counter-clockwise from a settled letter, settling one letter at a time so every decision sees
 * the settled word as it is (settling two letters of one pending run at once could make a run
 * of the settled word); repeated until nothing changes. Returns the letters settled, in order.
 */
function settleFree(order: readonly number[], pending: Set<number>, label: (id: number) => Label): number[] {
  // startAt >= 0 is an index of order, and every other index is taken mod n
  const n = order.length;
  const out: number[] = [];
  const startAt = order.findIndex((id) => !pending.has(id));
  if (startAt < 0 || pending.size === 0) return out;
  for (let changed = true; changed && pending.size > 0; ) {
    changed = false;
    // The next settled letter after each position (counter-clockwise), before this sweep.
    const nextSettled = new Array<number>(n);
    let next = order[startAt]!;
    for (let k = n; k >= 1; k--) {
      const id = order[(startAt + k) % n]!;
      nextSettled[(startAt + k) % n] = next;
      if (!pending.has(id)) next = id;
    }
    let prev = order[startAt]!;
    for (let k = 1; k < n; k++) {
      const i = (startAt + k) % n;
      const id = order[i]!;
      if (!pending.has(id)) {
        prev = id;
        continue;
      }
      // prev: nearest settled before (this sweep's settlings included); the one after is unchanged.
      if (label(prev) === label(id) || label(nextSettled[i]!) === label(id)) {
        pending.delete(id);
        out.push(id);
        prev = id;
        changed = true;
      }
    }
  }
  return out;
}

/** The smaller squared distance from a to b or to c. */
const nearest2 = (a: Vec3, b: Vec3, c: Vec3): bigint => {
  const x = minus(a, b);
  const y = minus(a, c);
  const dx = dot(x, x);
  const dy = dot(y, y);
  return dx < dy ? dx : dy;
};

/** log2 of squared distances between points: from the doubles, or exactly when the doubles cannot tell. */
type Dist2 = (a: number, b: number) => number;
/** Below 2^this the doubles' squared distances (absolute error ~2^-48) do not rank reliably. */
const LOG2_FLOAT_DIST2 = -80;
const exactDist2 =
  (sim: Sim): Dist2 =>
  (a, b) => {
    const d = minus(sim.pos(a), sim.pos(b));
    return log2Big(dot(d, d)) - 2 * sim.P;
  };
const floatDist2 =
  (sim: Sim): Dist2 =>
  (a, b) =>
    Math.log2(sim.dist2(a, b));

/** The pending letter farthest from its circular neighbours (the largest fold distance s). */
function chooseLetter(order: readonly number[], pending: ReadonlySet<number>, sim: Sim, point: (id: number) => number, exact = false): number {
  const dist2 = exact ? exactDist2(sim) : floatDist2(sim);
  const n = order.length;
  let best = -1;
  let bestD = -Infinity;
  order.forEach((id, i) => {
    if (!pending.has(id)) return;
    const p = point(id);
    const d = Math.min(dist2(p, point(order[(i + n - 1) % n]!)), dist2(p, point(order[(i + 1) % n]!))); // neighbours mod n
    if (best < 0 || d > bestD) {
      bestD = d;
      best = id;
    }
  });
  return !exact && bestD < LOG2_FLOAT_DIST2 ? chooseLetter(order, pending, sim, point, true) : best;
}

interface Gap {
  readonly x: number;
  readonly y: number;
}

/**
 * The widest gap (x, y), consecutive in the order without J, next to a settled letter of J's label
 * (inserting J there keeps the settled word's runs), and not the gap J already sits in.
 */
function chooseGap(order: readonly number[], pending: ReadonlySet<number>, J: number, label: (id: number) => Label, sim: Sim, point: (id: number) => number, exact = false): Gap {
  const dist2 = exact ? exactDist2(sim) : floatDist2(sim);
  const rest = order.filter((id) => id !== J);
  const n = rest.length;
  const j = order.indexOf(J); // neighbours of j (>= -1) in order, and of i in rest, are taken mod the length
  const home = { x: order[(j + order.length - 1) % order.length]!, y: order[(j + 1) % order.length]! };
  const ok = (id: number) => !pending.has(id) && label(id) === label(J);
  let best: Gap | undefined;
  let bestW = -Infinity;
  rest.forEach((x, i) => {
    const y = rest[(i + 1) % n]!;
    if ((x === home.x && y === home.y) || (!ok(x) && !ok(y))) return;
    const w = dist2(point(x), point(y));
    if (!best || w > bestW) {
      bestW = w;
      best = { x, y };
    }
  });
  if (!best) throw new Error("exact folds: plan invariant broken: no landing gap"); // a bug: never "this builder cannot"
  return !exact && bestW < LOG2_FLOAT_DIST2 ? chooseGap(order, pending, J, label, sim, point, true) : best;
}

function insertAfter(order: readonly number[], J: number, x: number): number[] {
  const out: number[] = [];
  for (const id of order) {
    if (id === J) continue;
    out.push(id);
    if (id === x) out.push(J);
  }
  return out;
}

/** Absolute error of a cross or dot product of two positions computed from their doubles (|y| <= 2). */
const F_ERR = 2 ** -46;

/**
 * The letters, in this order, go once around the circle counter-clockwise, and no two are closer
 * than their errors allow: every step's angle (in [0, 2 pi)) is clearly nonzero and the steps sum
 * to 2 pi. (One step may exceed pi: a line view fills less than a half circle.) Decided on the
 * doubles when they are clear by far, else on the BigInt positions.
 */
function checkOrder(order: readonly number[], sim: Sim, point: (id: number) => number): void {
  const n = order.length;
  if (n < 2) return;
  const F = sim.F;
  let total = 0;
  // i and i + 1 mod n index order; points index the simulation (3 coordinates each)
  for (let i = 0; i < n; i++) {
    const pa = point(order[i]!);
    const pb = point(order[(i + 1) % n]!);
    const [a0, a1, a2] = [F[3 * pa]!, F[3 * pa + 1]!, F[3 * pa + 2]!];
    const [b0, b1, b2] = [F[3 * pb]!, F[3 * pb + 1]!, F[3 * pb + 2]!];
    const c = a1 * b2 - a2 * b1 + (a2 * b0 - a0 * b2) + (a0 * b1 - a1 * b0);
    const d = a0 * b0 + a1 * b1 + a2 * b2;
    // turn ~ 3 sqrt(3) sin(angle); the errors move sin(angle) by at most ~ 2^Ea + 2^Eb.
    const t = 2 ** (logAdd(sim.E[pa]!, sim.E[pb]!) + MARGIN_BITS);
    if (d > -F_ERR && Math.abs(c) <= t + F_ERR) {
      const close = (): boolean => {
        const A = sim.pos(pa);
        const B = sim.pos(pb);
        return dot(A, B) > 0n && abs(turn(A, B)) <= bigPow2(2 * sim.P + logAdd(sim.E[pa]!, sim.E[pb]!) + MARGIN_BITS);
      };
      if (close()) {
        // Settled points may only lack double-double's resolution: replayed exactly, then asked again.
        if (sim.big[pa] && sim.big[pb]) throw new NeedPrecision("two letters closer than their errors");
        sim.promote(pa);
        sim.promote(pb);
        if (close()) throw new NeedPrecision("two letters closer than their errors");
      }
    }
    // The step's angle from doubles (relative precision suffices to count the winding).
    const theta = Math.atan2(c / Math.sqrt(3), d);
    total += theta < 0 ? theta + 2 * Math.PI : theta;
  }
  if (Math.abs(total - 2 * Math.PI) > 1) throw new NeedPrecision("letters not once around counter-clockwise");
}

/**
 * First layer z = lam M w(x), M = [[3, -1], [0, 2], [-3, -1]] (columns in 1-perp, (3,0,-3) x
 * (-1,2,-1) along +(1,1,1)): the LN output is an orientation-preserving linear image of w's
 * direction, so the view's counter-clockwise order is kept. lam (a power of two, 1 when eps = 0)
 * makes |z| >= 2^(P/2 + 8) sqrt(3 eps): the eps radius defect is far below the simulation's 2^-P.
 */
function firstLayer(view: FirstView, eps: Rational, P: number): { layer: LinearLayer; sim: Sim } {
  // |M w| >= sqrt(6) max |w_i| >= 2 max |w_i|, so log2 |M w| >= 1 + max log2Lower(w_i).
  let minLog = Infinity;
  for (const w of view.wExact) minLog = Math.min(minLog, 1 + Math.max(...w.filter((v) => v.n !== 0n).map(log2Lower)));
  const e = eps.n === 0n ? 0 : Math.max(0, Math.ceil(P / 2 + 8 + log2Upper(eps.mul(rat(3))) / 2 + 1 - minLog));
  const lam = pow2(e);
  const layer = firstLinearLayer(view, lam);
  const M = FIRST_M.map((row) => row.map((v) => rat(v).mul(lam)));
  const K = P + 40 + Math.max(0, -Math.floor(minLog + e));
  const Y = view.wExact.map(([w0, w1]) => {
    const z = M.map(([m0, m1]) => fromRational((m0 as Rational).mul(w0 as Rational).add((m1 as Rational).mul(w1 as Rational)), K));
    return layerNorm3(z, K, P, eps) as unknown as Vec3;
  });
  const sim = new Sim(P, Y);
  sim.E.fill(2 - P);
  return { layer, sim };
}

/**
 * The fold layer moving J into the gap (x, y): z = lam W (y - y_q), q = u_J + s (u_J - X)/|u_J - X|
 * with s = 2^-k <= (distance to J's nearest letter)^2 / 4 and W = `spreadFor` (header). Smaller s is tried when the
 * simulated order is not the planned one; more precision is asked for when the errors (J's divided
 * by s) come near the landing gap or near s itself. Advances `sim` to the new layer.
 */
function foldLayer(J: number, gap: Gap, order: readonly number[], point: (id: number) => number, members: (id: number) => readonly number[], sim: Sim, eps: Rational): LinearLayer {
  const P = sim.P;
  const n = order.length;
  const i = order.indexOf(J); // J is in order; its neighbours are taken mod n, points index sim.E
  const uJ = sim.pos(point(J));
  const R2 = dot(uJ, uJ);
  const R = isqrtFast(R2);
  const g2 = nearest2(uJ, sim.pos(point(order[(i + n - 1) % n]!)), sim.pos(point(order[(i + 1) % n]!)));
  const gx = sim.pos(point(gap.x));
  const gy = sim.pos(point(gap.y));
  const chord = minus(gx, gy);
  // log2 (1 / chord of the landing gap). J's true position must stay deep inside the near arc, at
  // depth s u_J . e >= s |x - y| / 2 (docs/construction.md, section 4.4): its error times 2^MARGIN_BITS below that.
  // (The landing margin itself is checked on the simulated images by checkOrder.)
  const landingBits = Math.ceil((bits(R2) - bits(dot(chord, chord))) / 2) + 1;
  const e = minus(plus(uJ, uJ), plus(gx, gy));
  const eNorm = isqrtFast(dot(e, e));
  if (eNorm === 0n) throw new NeedPrecision("fold direction vanishes");
  // 2^-k <= g2 / (4 R2): 4 R2 < 2^bits(4 R2) and g2 >= 2^(bits(g2) - 1).
  const k0 = bits(4n * R2) - bits(g2) + 1;
  // Every other point must stay invisible: its error far below 1 - u . q >= d^2/4. (J's other
  // members lie on J's ray: the same LN output up to rounding and eps; they fold with J.)
  const own = new Set(members(J));
  const pJ = point(J);
  const log2R2 = Math.log2(toFloat(R2, 2 * P));
  const tooClose = (p: number): boolean => {
    let l2 = Math.log2(sim.dist2(p, pJ));
    if (!(l2 > -70)) {
      // Too close for the doubles: the exact distance.
      const d = minus(sim.pos(p), uJ);
      l2 = log2Big(dot(d, d)) - 2 * P;
    }
    return sim.E[p]! + MARGIN_BITS > l2 - log2R2 - 4;
  };
  for (let p = 0; p < sim.n; p++) {
    if (own.has(p) || !tooClose(p)) continue;
    // A settled point may only lack double-double's resolution: replayed exactly, then asked again.
    if (!sim.big[p]) sim.promote(p);
    else throw new NeedPrecision("a point's error reaches the fold's near arc");
    if (tooClose(p)) throw new NeedPrecision("a point's error reaches the fold's near arc");
  }
  const target = insertAfter(order, J, gap.x);
  const before = { big: sim.big.slice(), F: sim.F.slice(), L: sim.L.slice(), E: sim.E.slice() };
  for (let k = k0; k <= k0 + 6; k += 2) {
    if (sim.E[pJ]! + k + landingBits + MARGIN_BITS > 0) throw new NeedPrecision("J's error reaches the depth of the near arc");
    const yq = plus(uJ, e.map((ei) => (ei * R) / (eNorm << BigInt(k))) as unknown as Vec3);
    const { layer, record } = advance(sim, before, yq, R2, eps);
    sim.history.push(record); // before checkOrder: a point promoted there replays this fold too
    try {
      checkOrder(target, sim, point);
      return layer;
    } catch (err) {
      sim.history.pop();
      if (!(err instanceof NeedPrecision)) throw err;
    }
  }
  throw new NeedPrecision("no fold distance gives the planned order");
}

/** What a fold layer did: enough to replay a point through it (`Sim.promote`). */
interface FoldRecord {
  readonly yq: Vec3;
  readonly R2: bigint;
  readonly spread: Spread;
  readonly shift: number;
  readonly epsD: Rational;
}

/** The error estimate after a fold (header; `advance`), from log2 |v|^2, |1 - u.q|, |D W v|^2 in real units. */
function nextE(E: number, l2den: number, l2num: number, lw2: number, fresh: number, spread: Spread): number {
  const along = l2num - l2den;
  const rate = spread.log2Det + l2den - lw2 + 2 * Math.log2(Number(spread.D));
  const next = logAdd(logAdd(E + along, fresh - l2den / 2) + rate, fresh);
  if (Number.isNaN(next)) throw new NeedPrecision("an error estimate is undefined");
  return next;
}

/** One exact (BigInt) point through a fold: its new position and error estimate. */
function exactStep(y: Vec3, E: number, r: FoldRecord, P: number): { Y: Vec3; E: number } {
  const v = minus(y, r.yq);
  const w = r.spread.apply(v);
  const Y = layerNorm3(w, P - r.shift, P, r.epsD) as unknown as Vec3;
  const l2den = log2Big(dot(v, v)) - 2 * P;
  const l2num = log2Big(abs(r.R2 - dot(y, r.yq))) - 2 * P;
  const lw2 = log2Big(w[0]! ** 2n + w[1]! ** 2n + w[2]! ** 2n) - 2 * P; // apply returns 3 entries
  return { Y, E: nextE(E, l2den, l2num, lw2, 2 - P, r.spread) };
}

/**
 * One fold layer through `sim` (positions `before`, as they were before the layer): v = y - y_q,
 * the spreading map W from the directions of v, then LN of W v (BigInt for exact points,
 * double-double for settled ones) and the new error estimates (header): along the circle the
 * angle of u - q moves by (1 - u.q)/|u - q|^2 per unit of arc, off it by at most 1/|u - q| per
 * unit of the (rounding-sized) radial error; W then multiplies angles by det W |v|^2 / |W v|^2.
 * With |y| = |u_J| = sqrt 3 (up to rounding), 1 - u.q is (|v|^2 - (|y_q|^2 - |u_J|^2)) / 2 up to
 * the factor 3, computed from |v|^2 without cancellation (every point but J's has |v|^2 >= d^2,
 * twice |y_q|^2 - |u_J|^2 ~ 2 s).
 */
function advance(sim: Sim, before: { big: readonly (Vec3 | undefined)[]; F: Float64Array; L: Float64Array; E: Float64Array }, yq: Vec3, R2: bigint, eps: Rational): { layer: LinearLayer; record: FoldRecord } {
  const P = sim.P;
  const n = sim.n;
  // Indices: i, c < 3 into Vec3s, q, ql and a spread row; a point p < n has entries 3p + c in the
  // coordinate arrays (before.F/L, Vh, Vl) and p in the per-point ones (before.E/big, ev); wh, wl have 3.
  const q = [0, 1, 2].map((i) => toFloat(yq[i]!, P));
  const ql = [0, 1, 2].map((i) => toFloat(yq[i]! - bigOfDouble(q[i]!, P), P));
  // |y_q|^2 - |u_J|^2, exactly (it is ~2 sqrt(3) s: far below the doubles' resolution of |y_q|^2).
  const c0 = toFloat(dot(yq, yq) - R2, 2 * P);
  // v = y - y_q: BigInt for exact points, double-double for settled ones. Vh holds v 2^-ev[p]
  // as doubles (ev = 0 for settled points; for exact ones it keeps a tiny v in range).
  const Vh = new Float64Array(3 * n);
  const Vl = new Float64Array(3 * n);
  const ev = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const y = before.big[p];
    if (y) {
      const v = minus(y, yq);
      const m = Math.max(bits(v[0]), bits(v[1]), bits(v[2]));
      ev[p] = m - P;
      for (let c = 0; c < 3; c++) Vh[3 * p + c] = toFloat(v[c]!, m);
    } else {
      for (let c = 0; c < 3; c++) {
        ddAdd(before.F[3 * p + c]!, before.L[3 * p + c]!, -q[c]!, -ql[c]!);
        Vh[3 * p + c] = dd.h;
        Vl[3 * p + c] = dd.l;
      }
    }
  }
  const spread = spreadFor(Vh, yq);
  const { layer, shift } = foldLinear(yq, Vh, ev, spread, eps, P);
  const epsD = eps.mul(rat(spread.D * spread.D));
  const record: FoldRecord = { yq, R2, spread, shift, epsD };
  // 3 eps (D / lam)^2: the eps term of LN on D W v (real units), for the double-double points.
  const eps3 = eps.n === 0n ? 0 : 3 * toNumber(eps) * 2 ** (2 * (Math.log2(Number(spread.D)) - shift));
  const M = spread.rows.map((row) => row.map(Number)) as number[][];
  const wh = [0, 0, 0];
  const wl = [0, 0, 0];
  for (let p = 0; p < n; p++) {
    const y = before.big[p];
    if (y) {
      const step = exactStep(y, before.E[p]!, record, P);
      sim.setBig(p, step.Y);
      sim.E[p] = step.E;
      continue;
    }
    // A settled point in double-double. log2 |v|^2, log2 |1 - u.q| (both up to the same factor 3)
    // and log2 |D W v|^2, real units, for its error estimate.
    const vx = Vh[3 * p]!;
    const vy = Vh[3 * p + 1]!;
    const vz = Vh[3 * p + 2]!;
    const den = vx * vx + vy * vy + vz * vz;
    if (!(den > 2 ** -900)) throw new NeedPrecision("a point sits on the fold point");
    const l2den = Math.log2(den);
    const l2num = Math.log2(Math.abs(den - c0) / 2);
    for (let r = 0; r < 3; r++) {
      const m = M[r]!;
      ddMulD(vx, Vl[3 * p]!, m[0]!);
      let h = dd.h;
      let l = dd.l;
      ddMulD(vy, Vl[3 * p + 1]!, m[1]!);
      ddAdd(h, l, dd.h, dd.l);
      h = dd.h;
      l = dd.l;
      ddMulD(vz, Vl[3 * p + 2]!, m[2]!);
      ddAdd(h, l, dd.h, dd.l);
      wh[r] = dd.h;
      wl[r] = dd.l;
    }
    ddMul(wh[0]!, wl[0]!, wh[0]!, wl[0]!);
    let nh = dd.h;
    let nl = dd.l;
    for (let r = 1; r < 3; r++) {
      const h = nh;
      const l = nl;
      ddMul(wh[r]!, wl[r]!, wh[r]!, wl[r]!);
      ddAdd(h, l, dd.h, dd.l);
      nh = dd.h;
      nl = dd.l;
    }
    if (!(nh > 0)) throw new NeedPrecision("a point sits on the fold point");
    const lw2 = Math.log2(nh);
    ddToRadius(wh, wl, nh, nl, eps3, sim.F, sim.L, 3 * p);
    sim.E[p] = nextE(before.E[p]!, l2den, l2num, lw2, DD_FRESH, spread);
  }
  return { layer, record };
}
/**
 * The spreading map G of a fold layer (docs/construction.md): the directions of u - q fill a cone
 * narrower than pi whose two edges hold J's neighbours; G, a projective map of directions
 * (circle-map.ts `spreadMap`), sends that cone onto one of SPREAD_TO radians,
 * so the next fold sees the letters in a moderate cone instead of halving their gaps again. G is
 * built in the rational frame B = [(1,-1,0), (1,1,-2)] of 1-perp (B^T B = diag(2, 6)):
 * W = B G' diag(1/2, 1/6) B^T with G' rounded to 2^-G_BITS. Any invertible G' with det > 0 is a
 * valid orientation-preserving map of directions, so rounding only changes the conditioning.
 */
const SPREAD_TO = 1;
const G_BITS = 40;
/** Cones wider than pi - SPREAD_MARGIN are left as they are (see spreadFor). */
const SPREAD_MARGIN = 1e-9;

interface Spread {
  /** D W as integers, applied to a vector. */
  readonly apply: (v: Vec3) => bigint[];
  /** Common denominator of W. */
  readonly D: bigint;
  /** log2 det of W on the plane (the angle map's rate is det |v|^2 / |W v|^2). */
  readonly log2Det: number;
  /** D W as a 3 x 3 integer matrix (rows). */
  readonly rows: readonly (readonly bigint[])[];
}

/**
 * The cone holding every direction (`coneOf`) in O(n): the points lie on the circle and q outside
 * it, so their directions from q lie in the cone under which q sees the disk, narrower than pi and
 * holding the direction `ref` of -q (towards the centre); the cone is [min, max] of the angles
 * measured from ref. (Sorting, as coneOf does, only if that ever fails.)
 */
function coneAround(angles: Float64Array, ref: number): { lo: number; width: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of angles) {
    let r = a - ref;
    if (r > Math.PI) r -= 2 * Math.PI;
    else if (r < -Math.PI) r += 2 * Math.PI;
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  return hi - lo < Math.PI ? { lo: ref + lo, width: hi - lo } : coneOf(angles);
}

const B1: Vec3 = [1n, -1n, 0n];
const B2: Vec3 = [1n, 1n, -2n];

function spreadFor(V: Float64Array, yq: Vec3): Spread {
  // Directions in B-coordinates (v . b1 / 2, v . b2 / 6), from the doubles of v (relative precision).
  // V holds 3 entries per point p < angles.length; B1, B2 have 3 entries (r < 3) and Gd 4.
  const angles = new Float64Array(V.length / 3);
  for (let p = 0; p < angles.length; p++) {
    const [a, b, c] = [V[3 * p]!, V[3 * p + 1]!, V[3 * p + 2]!];
    angles[p] = Math.atan2(a + b - 2 * c, 3 * (a - b));
  }
  const cone = coneAround(angles, Math.atan2(Number(-dot(yq, B2)), Number(-3n * dot(yq, B1))));
  // A cone within float64's reach of pi (letters crowding both tangent directions at scales far
  // below 2^-53) has no computable spreading map: the identity (W = C) is used there.
  const spreadable = cone.width > SPREAD_TO && cone.width < Math.PI - SPREAD_MARGIN;
  const g = spreadable ? spreadMap(cone.lo, cone.width, 0, SPREAD_TO) : [1, 0, 0, 1];
  const one = 1n << BigInt(G_BITS);
  let [g00, g01, g10, g11] = g.map((x) => (Number.isFinite(x) ? BigInt(Math.round(x * 2 ** G_BITS)) : 0n)) as [bigint, bigint, bigint, bigint];
  // spreadMap has det > 0; should rounding (or a non-finite entry) ever break that: the identity.
  if (g00 * g11 - g01 * g10 <= 0n) [g00, g01, g10, g11] = [one, 0n, 0n, one];
  const det = g00 * g11 - g01 * g10;
  // D W = B G' diag(6, 2) B^T with D = 12 2^G_BITS: entry (r, c) = sum_ij B_ri G'_ij d_j B_cj.
  const Gd = [g00 * 6n, g01 * 2n, g10 * 6n, g11 * 2n]; // G' diag(6, 2), row-major
  const B = (r: number, i: number): bigint => (i === 0 ? B1 : B2)[r]!;
  const entry = (r: number, c: number): bigint =>
    B(r, 0) * (Gd[0]! * B(c, 0) + Gd[1]! * B(c, 1)) + B(r, 1) * (Gd[2]! * B(c, 0) + Gd[3]! * B(c, 1));
  const rows = [0, 1, 2].map((r) => [0, 1, 2].map((c) => entry(r, c)));
  const D = 12n << BigInt(G_BITS);
  const apply = (v: Vec3): bigint[] => rows.map((row) => dot(row as unknown as Vec3, v));
  return { apply, D, rows, log2Det: Math.log2(Number(det)) - 2 * G_BITS };
}

/**
 * z = lam W (y - y_q) with lam = 2^shift, exact rationals: W = rows / D, b = -W y_q. eps = 0:
 * lam = 1 (LN is scale-invariant). eps > 0: lam times the smallest |W (y - y_q)| reaches
 * 2^(P/2 + 8) sqrt(3 eps), so the radius defect 3 eps / (2 |z|^2) is below 2^-(P + 16).
 */
function foldLinear(yq: Vec3, V: Float64Array, ev: Float64Array, spread: Spread, eps: Rational, P: number): { layer: LinearLayer; shift: number } {
  // log2 of the smallest |D W v| in real units, from the doubles of v 2^-ev (an estimate: lam
  // has 2 bits to spare).
  const M = spread.rows.map((row) => row.map(Number)); // 3 x 3; V has 3 entries per point p < ev.length
  let minL2 = Infinity;
  for (let p = 0; p < ev.length; p++) {
    let x = 0;
    for (const row of M) {
      const w = row[0]! * V[3 * p]! + row[1]! * V[3 * p + 1]! + row[2]! * V[3 * p + 2]!;
      x += w * w;
    }
    minL2 = Math.min(minL2, Math.log2(x) + 2 * ev[p]!);
  }
  if (!(minL2 > -Infinity)) throw new NeedPrecision("a point sits on the fold point");
  // log2 of the smallest |W (y - y_q)| in real units, or less.
  const minLog = minL2 / 2 - Math.log2(Number(spread.D)) - 2;
  const shift = eps.n === 0n ? 0 : Math.max(0, Math.ceil(P / 2 + 8 + log2Upper(eps.mul(rat(3))) / 2 + 1 - minLog));
  const lam = pow2(shift);
  const weight = spread.rows.map((row) => row.map((x) => lam.mul(rat(x, spread.D))));
  const bias = spread.rows.map((row) => rat(-dot(row as unknown as Vec3, yq), spread.D).mul(pow2(shift - P)));
  return { layer: { type: "linear", weight, bias }, shift };
}

/**
 * The output half-plane: the line through the midpoints of the two label boundaries' chords. It
 * cuts each of those chords, so it meets the circle once inside each boundary gap and nowhere else:
 * every 1 lies on one side, every 0 on the other (docs/construction.md). As Linear(3 -> 1):
 * f(y) = a . y - a . M1 / 2^(P+1), a = (M2 - M1) x (1, 1, 1), M1 and M2 twice the midpoints.
 * Two letters: f(y) = (u_1 - u_0) . y. Signs are checked on the simulation against the errors.
 */
function outputLayer(order: readonly number[], label: (id: number) => Label, view: FirstView, point: (id: number) => number, sim: Sim): LinearLayer {
  const P = sim.P;
  const pos = (id: number): Vec3 => sim.pos(point(id));
  const n = order.length;
  const boundaries: number[] = [];
  // i and i + 1 mod n index order; boundaries has 2 entries once the check below passes
  for (let i = 0; i < n; i++) if (label(order[i]!) !== label(order[(i + 1) % n]!)) boundaries.push(i);
  if (boundaries.length !== 2) throw new Error(`exact folds: plan invariant broken: ${boundaries.length} label boundaries at the end, not 2`); // a bug
  let a: Vec3;
  let M1: Vec3;
  if (n === 2) {
    a = minus(pos(order.find((id) => label(id) === 1) as number), pos(order.find((id) => label(id) === 0) as number));
    M1 = [0n, 0n, 0n];
  } else {
    const mid = (i: number): Vec3 => plus(pos(order[i]!), pos(order[(i + 1) % n]!));
    M1 = mid(boundaries[0]!);
    a = crossOnes(minus(mid(boundaries[1]!), M1));
  }
  // f at scale 2^(P+1): 2 a . Y - a . M1 ~ |a| 2^(P+1) (distance to the line).
  const f = (y: Vec3): bigint => 2n * dot(a, y) - dot(a, M1);
  if (f(pos(order.find((id) => label(id) === 1) as number)) < 0n) a = [-a[0], -a[1], -a[2]];
  const aMax = a.reduce((m, v) => (v < 0n ? (-v > m ? -v : m) : v > m ? v : m), 0n);
  // The line is exact (its parameters are the net's); only each point's own error matters.
  for (const id of order) {
    const want = label(id) === 1 ? 1n : -1n;
    for (const p of view.letters[id]!.points) {
      const fails = () => want * f(sim.pos(p)) <= aMax * bigPow2(P + 3 + sim.E[p]! + MARGIN_BITS);
      if (!fails()) continue;
      if (!sim.big[p]) sim.promote(p); // a settled point: replayed exactly, then asked again
      else throw new NeedPrecision("output margin below the errors");
      if (fails()) throw new NeedPrecision("output margin below the errors");
    }
  }
  // Divided by 2^(bits(aMax)) (the same line exactly): parameters of magnitude ~1.
  const sc = BigInt(bits(aMax));
  return { type: "linear", weight: [a.map((v) => rat(v, 1n << sc))], bias: [rat(-dot(a, M1), 1n << (BigInt(P + 1) + sc))] };
}

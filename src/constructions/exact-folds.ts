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
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { LinearLayer } from "../trusted/net/model.js";
import { bits, fromRational, isqrtFast, layerNorm3, toFloat } from "./fixed.js";
import type { FirstView } from "./view.js";
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
}

type Vec3 = readonly [bigint, bigint, bigint];

/** Simulated LN outputs (integers at 2^-P) and log2 of their error bounds, per distinct point. */
interface State {
  readonly Y: readonly Vec3[];
  readonly E: readonly number[];
}

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
const log2SqrtLower = (v: bigint): number => (bits(v) - 1) / 2;
/** log2 x for an integer x >= 0 (-Infinity for 0), to double precision: for estimates only. */
function log2Big(x: bigint): number {
  if (x <= 0n) return -Infinity;
  const sh = Math.max(0, bits(x) - 60);
  return sh + Math.log2(Number(x >> BigInt(sh)));
}
/** log2 (2^a + 2^b) (a hair above: the error estimates add up over hundreds of layers). */
const logAdd = (a: number, b: number): number => {
  const hi = Math.max(a, b);
  return hi === -Infinity ? hi : hi + Math.log2(1 + 2 ** (Math.min(a, b) - hi)) + 1e-9;
};
/** 2^e as a BigInt for a possibly fractional, possibly negative e (rounded up; 1 below 2^0). */
const bigPow2 = (e: number): bigint => (e <= 0 ? 1n : 1n << BigInt(Math.ceil(e)));

/**
 * Build the net for a view and a deletion plan, doubling the simulation precision until every
 * check passes. Throws ConstructionFailed when even MAX_BITS (or the work budget) is not enough.
 */
export function buildExactFolds(view: FirstView, eps: Rational, word: readonly Label[], deletions: readonly number[], budget: WorkBudget = newWorkBudget()): ExactFoldsResult {
  const points = view.wExact.length;
  for (let P = START_BITS; P <= MAX_BITS; P *= 2) {
    // An attempt simulates every point through every layer at P bits (~20 us per unit below,
    // measured: m = 1000, 430 layers, 3072 bits in 80 s); refuse rather than run for hours.
    const work = points * (deletions.length + 1) * (P / 1024) ** 2;
    if (work > budget.left) throw new ConstructionFailed(`the scale-free builder would need ${P} bits for ${points} points and ${deletions.length} folds (beyond its ~10-minute work budget); stopped`);
    budget.left -= work;
    try {
      return attempt(view, eps, word, deletions, P);
    } catch (e) {
      if (!(e instanceof NeedPrecision)) throw e;
    }
  }
  throw new ConstructionFailed(`the scale-free builder needs more than ${MAX_BITS} bits of simulation precision`);
}

function attempt(view: FirstView, eps: Rational, word: readonly Label[], deletions: readonly number[], P: number): ExactFoldsResult {
  const members = (id: number): readonly number[] => (view.letters[id] as FirstView["letters"][number]).points;
  const point = (id: number): number => members(id)[0] as number;
  const label = (id: number): Label => word[id] as Label;
  const first = firstLayer(view, eps, P);
  let state: State = first.state;
  let order = [...view.ccwOrder];
  checkOrder(order, state, point, P);

  const pending = new Set(deletions);
  const linear: LinearLayer[] = [first.layer];
  let settledFree = 0;
  const settle = () => {
    // A pending letter whose nearest settled letter on either side has its label needs no move.
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of pending) {
        if (settledNeighbours(order, pending, id).some((n) => label(n) === label(id))) {
          pending.delete(id);
          settledFree++;
          changed = true;
        }
      }
    }
  };
  settle();
  let moved = 0;
  while (pending.size > 0) {
    const pos = at(state.Y, point);
    const J = chooseLetter(order, pending, pos);
    const gap = chooseGap(order, pending, J, label, pos);
    const fold = foldLayer(J, gap, order, point, members, state, eps, P);
    state = fold.state;
    order = insertAfter(order, J, gap.x);
    linear.push(fold.layer);
    pending.delete(J);
    moved++;
    settle();
  }
  const output = outputLayer(order, label, view, point, state, P);
  return { linear, output, precision: P, moved, settledFree };
}

/** Letter id -> its position (the first member's simulated LN output). */
const at =
  (Y: readonly Vec3[], point: (id: number) => number) =>
  (id: number): Vec3 =>
    Y[point(id)] as Vec3;

/** The settled letters nearest to `id` before and after it in circular order. */
function settledNeighbours(order: readonly number[], pending: ReadonlySet<number>, id: number): number[] {
  const n = order.length;
  const i = order.indexOf(id);
  const out: number[] = [];
  for (const step of [-1, 1]) {
    for (let k = 1; k < n; k++) {
      const other = order[(i + step * k + 2 * n) % n] as number;
      if (!pending.has(other)) {
        out.push(other);
        break;
      }
    }
  }
  return out;
}

const nearest2 = (a: Vec3, b: Vec3, c: Vec3): bigint => {
  const x = minus(a, b);
  const y = minus(a, c);
  const dx = dot(x, x);
  const dy = dot(y, y);
  return dx < dy ? dx : dy;
};

/** The pending letter farthest from its circular neighbours (the largest fold distance s). */
function chooseLetter(order: readonly number[], pending: ReadonlySet<number>, pos: (id: number) => Vec3): number {
  const n = order.length;
  let best = -1;
  let bestD = -1n;
  order.forEach((id, i) => {
    if (!pending.has(id)) return;
    const d = nearest2(pos(id), pos(order[(i + n - 1) % n] as number), pos(order[(i + 1) % n] as number));
    if (d > bestD) {
      bestD = d;
      best = id;
    }
  });
  return best;
}

interface Gap {
  readonly x: number;
  readonly y: number;
}

/**
 * The widest gap (x, y), consecutive in the order without J, next to a settled letter of J's label
 * (inserting J there keeps the settled word's runs), and not the gap J already sits in.
 */
function chooseGap(order: readonly number[], pending: ReadonlySet<number>, J: number, label: (id: number) => Label, pos: (id: number) => Vec3): Gap {
  const rest = order.filter((id) => id !== J);
  const n = rest.length;
  const j = order.indexOf(J);
  const home = { x: order[(j + order.length - 1) % order.length] as number, y: order[(j + 1) % order.length] as number };
  const ok = (id: number) => !pending.has(id) && label(id) === label(J);
  let best: Gap | undefined;
  let bestW = -1n;
  rest.forEach((x, i) => {
    const y = rest[(i + 1) % n] as number;
    if ((x === home.x && y === home.y) || (!ok(x) && !ok(y))) return;
    const d = minus(pos(x), pos(y));
    const w = dot(d, d);
    if (w > bestW) {
      bestW = w;
      best = { x, y };
    }
  });
  if (!best) throw new Error("exact folds: plan invariant broken: no landing gap"); // a bug: never "this builder cannot"
  return best;
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

/**
 * The letters, in this order, go once around the circle counter-clockwise, and no two are closer
 * than their errors allow: every step's angle (in [0, 2 pi)) is clearly nonzero and the steps sum
 * to 2 pi. (One step may exceed pi: a line view fills less than a half circle.)
 */
function checkOrder(order: readonly number[], s: State, point: (id: number) => number, P: number): void {
  const n = order.length;
  if (n < 2) return;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const pa = point(order[i] as number);
    const pb = point(order[(i + 1) % n] as number);
    const a = s.Y[pa] as Vec3;
    const b = s.Y[pb] as Vec3;
    const c = turn(a, b);
    const d = dot(a, b);
    // turn ~ 3 sqrt(3) sin(angle) 2^(2P); the errors move sin(angle) by at most ~ 2^Ea + 2^Eb.
    const t = bigPow2(2 * P + logAdd(s.E[pa] as number, s.E[pb] as number) + MARGIN_BITS);
    if (d > 0n && (c < 0n ? -c : c) <= t) throw new NeedPrecision("two letters closer than their errors");
    // The step's angle from doubles (relative precision suffices to count the winding).
    const theta = Math.atan2(toFloat(c, 2 * P) / Math.sqrt(3), toFloat(d, 2 * P));
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
function firstLayer(view: FirstView, eps: Rational, P: number): { layer: LinearLayer; state: State } {
  const cols = [
    [rat(3), rat(-1)],
    [rat(0), rat(2)],
    [rat(-3), rat(-1)],
  ];
  // |M w| >= sqrt(6) max |w_i| >= 2 max |w_i|, so log2 |M w| >= 1 + max log2Lower(w_i).
  let minLog = Infinity;
  for (const w of view.wExact) minLog = Math.min(minLog, 1 + Math.max(...w.filter((v) => v.n !== 0n).map(log2Lower)));
  const e = eps.n === 0n ? 0 : Math.max(0, Math.ceil(P / 2 + 8 + log2Upper(eps.mul(rat(3))) / 2 + 1 - minLog));
  const lam = pow2(e);
  const M = cols.map((row) => row.map((v) => v.mul(lam)));
  const [A0, A1] = view.A as [readonly Rational[], readonly Rational[]];
  const [c0, c1] = view.c as [Rational, Rational];
  const weight = M.map(([m0, m1]) => A0.map((a, k) => (m0 as Rational).mul(a).add((m1 as Rational).mul(A1[k] as Rational))));
  const bias = M.map(([m0, m1]) => (m0 as Rational).mul(c0).add((m1 as Rational).mul(c1)));
  const K = P + 40 + Math.max(0, -Math.floor(minLog + e));
  const Y = view.wExact.map(([w0, w1]) => {
    const z = M.map(([m0, m1]) => fromRational((m0 as Rational).mul(w0 as Rational).add((m1 as Rational).mul(w1 as Rational)), K));
    return layerNorm3(z, K, P, eps) as unknown as Vec3;
  });
  return { layer: { type: "linear", weight, bias }, state: { Y, E: Y.map(() => 2 - P) } };
}

/**
 * The fold layer moving J into the gap (x, y): z = lam W (y - y_q), q = u_J + s (u_J - X)/|u_J - X|
 * with s = 2^-k <= (distance to J's nearest letter)^2 / 4 and W = `spreadFor` (header). Smaller s is tried when the
 * simulated order is not the planned one; more precision is asked for when the errors (J's divided
 * by s) come near the landing gap or near s itself.
 */
function foldLayer(J: number, gap: Gap, order: readonly number[], point: (id: number) => number, members: (id: number) => readonly number[], s: State, eps: Rational, P: number): { layer: LinearLayer; state: State } {
  const pos = at(s.Y, point);
  const n = order.length;
  const i = order.indexOf(J);
  const uJ = pos(J);
  const R2 = dot(uJ, uJ);
  const R = isqrtFast(R2);
  const g2 = nearest2(uJ, pos(order[(i + n - 1) % n] as number), pos(order[(i + 1) % n] as number));
  const chord = minus(pos(gap.x), pos(gap.y));
  // log2 (1 / chord of the landing gap). J's true position must stay deep inside the near arc, at
  // depth s u_J . e >= s |x - y| / 2 (docs/construction.md, section 4.4): its error times 2^MARGIN_BITS below that.
  // (The landing margin itself is checked on the simulated images by checkOrder.)
  const landingBits = Math.ceil((bits(R2) - bits(dot(chord, chord))) / 2) + 1;
  const e = minus(plus(uJ, uJ), plus(pos(gap.x), pos(gap.y)));
  const eNorm = isqrtFast(dot(e, e));
  if (eNorm === 0n) throw new NeedPrecision("fold direction vanishes");
  // 2^-k <= g2 / (4 R2): 4 R2 < 2^bits(4 R2) and g2 >= 2^(bits(g2) - 1).
  const k0 = bits(4n * R2) - bits(g2) + 1;
  // Every other point must stay invisible: its error far below 1 - u . q >= d^2/4. (J's other
  // members lie on J's ray: the same LN output up to rounding and eps; they fold with J.)
  const own = new Set(members(J));
  s.Y.forEach((y, p) => {
    if (own.has(p)) return;
    const d = minus(y, uJ);
    const d2 = dot(d, d);
    if (d2 === 0n || (s.E[p] as number) + MARGIN_BITS > bits(d2) - 1 - bits(R2) - 2) throw new NeedPrecision("a point's error reaches the fold's near arc");
  });
  const target = insertAfter(order, J, gap.x);
  for (let k = k0; k <= k0 + 6; k += 2) {
    if ((s.E[point(J)] as number) + k + landingBits + MARGIN_BITS > 0) throw new NeedPrecision("J's error reaches the depth of the near arc");
    const yq = plus(uJ, e.map((ei) => (ei * R) / (eNorm << BigInt(k))) as unknown as Vec3);
    const V = s.Y.map((y) => minus(y, yq));
    const spread = spreadFor(V);
    const { layer, shift } = foldLinear(yq, V, spread, eps, P);
    const epsD = eps.mul(rat(spread.D * spread.D));
    const WV = V.map((v) => spread.apply(v));
    const Y = WV.map((w) => layerNorm3(w, P - shift, P, epsD) as unknown as Vec3);
    // New errors (header): along the circle the angle of u - q moves by (1 - u.q)/|u - q|^2 per
    // unit of arc, off it by at most 1/|u - q| per unit of the (rounding-sized) radial error; the
    // spreading map then multiplies angles by det W |v|^2 / |W v|^2 at v = u - q.
    const E = s.Y.map((y, p) => {
      const v = V[p] as Vec3;
      const den = dot(v, v); // |u - q|^2 2^(2P)
      const num = R2 - dot(y, yq); // (1 - u.q) 2^(2P), up to the simulation's radius error
      const along = log2Big(num < 0n ? -num : num) - log2Big(den);
      const w = WV[p] as bigint[];
      const rate = spread.log2Det + log2Big(den) - log2Big(w.reduce((acc, x) => acc + x * x, 0n)) + 2 * log2Big(spread.D);
      return logAdd(logAdd((s.E[p] as number) + along, 2 - log2Big(den) / 2) + rate, 2 - P);
    });
    try {
      const next = { Y, E };
      checkOrder(target, next, point, P);
      return { layer, state: next };
    } catch (err) {
      if (!(err instanceof NeedPrecision)) throw err;
    }
  }
  throw new NeedPrecision("no fold distance gives the planned order");
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

const B1: Vec3 = [1n, -1n, 0n];
const B2: Vec3 = [1n, 1n, -2n];

function spreadFor(V: readonly Vec3[]): Spread {
  // Directions in B-coordinates (v . b1 / 2, v . b2 / 6), as doubles (relative precision).
  const angles = Float64Array.from(V, (v) => {
    const x = dot(v, B1) * 3n;
    const y = dot(v, B2);
    const sh = Math.max(bits(x < 0n ? -x : x), bits(y < 0n ? -y : y)) - 60;
    return Math.atan2(toFloat(y, sh), toFloat(x, sh));
  });
  const cone = coneOf(angles);
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
  const B = (r: number, i: number): bigint => (i === 0 ? B1 : B2)[r] as bigint;
  const entry = (r: number, c: number): bigint =>
    B(r, 0) * ((Gd[0] as bigint) * B(c, 0) + (Gd[1] as bigint) * B(c, 1)) + B(r, 1) * ((Gd[2] as bigint) * B(c, 0) + (Gd[3] as bigint) * B(c, 1));
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
function foldLinear(yq: Vec3, V: readonly Vec3[], spread: Spread, eps: Rational, P: number): { layer: LinearLayer; shift: number } {
  let min2 = -1n;
  for (const v of V) {
    const w = spread.apply(v);
    const x = w.reduce((acc, t) => acc + t * t, 0n);
    if (min2 < 0n || x < min2) min2 = x;
  }
  if (min2 <= 0n) throw new NeedPrecision("a point sits on the fold point");
  // log2 of the smallest |W (y - y_q)| in real units, or less.
  const minLog = log2SqrtLower(min2) - P - Math.log2(Number(spread.D)) - 1;
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
function outputLayer(order: readonly number[], label: (id: number) => Label, view: FirstView, point: (id: number) => number, s: State, P: number): LinearLayer {
  const pos = at(s.Y, point);
  const n = order.length;
  const boundaries: number[] = [];
  for (let i = 0; i < n; i++) if (label(order[i] as number) !== label(order[(i + 1) % n] as number)) boundaries.push(i);
  if (boundaries.length !== 2) throw new Error(`exact folds: plan invariant broken: ${boundaries.length} label boundaries at the end, not 2`); // a bug
  let a: Vec3;
  let M1: Vec3;
  if (n === 2) {
    a = minus(pos(order.find((id) => label(id) === 1) as number), pos(order.find((id) => label(id) === 0) as number));
    M1 = [0n, 0n, 0n];
  } else {
    const mid = (i: number): Vec3 => plus(pos(order[i] as number), pos(order[(i + 1) % n] as number));
    M1 = mid(boundaries[0] as number);
    a = crossOnes(minus(mid(boundaries[1] as number), M1));
  }
  // f at scale 2^(P+1): 2 a . Y - a . M1 ~ |a| 2^(P+1) (distance to the line).
  const f = (y: Vec3): bigint => 2n * dot(a, y) - dot(a, M1);
  if (f(pos(order.find((id) => label(id) === 1) as number)) < 0n) a = [-a[0], -a[1], -a[2]];
  const aMax = a.reduce((m, v) => (v < 0n ? (-v > m ? -v : m) : v > m ? v : m), 0n);
  // The line is exact (its parameters are the net's); only each point's own error matters.
  for (const id of order) {
    const want = label(id) === 1 ? 1n : -1n;
    for (const p of (view.letters[id] as FirstView["letters"][number]).points) {
      const need = aMax * bigPow2(P + 3 + (s.E[p] as number) + MARGIN_BITS);
      if (want * f(s.Y[p] as Vec3) <= need) throw new NeedPrecision("output margin below the errors");
    }
  }
  // Divided by 2^(bits(aMax)) (the same line exactly): parameters of magnitude ~1.
  const sc = BigInt(bits(aMax));
  return { type: "linear", weight: [a.map((v) => rat(v, 1n << sc))], bias: [rat(-dot(a, M1), 1n << (BigInt(P + 1) + sc))] };
}

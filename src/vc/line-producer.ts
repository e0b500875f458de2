/**
 * A producer for points on a line (or projected onto one), following docs/construction.md (the merge corollary of section 4.2):
 *
 *  1. The first layer embeds the line onto an open half circle: u = dir(1, sigma (z - mid)), with
 *     sigma chosen so the smallest angular gap between consecutive points is as large as possible.
 *  2. Each further layer relocates one letter with a fold: q = u_j + s (u_j - t) lies just beyond u_j
 *     on the line through the target t (a kept letter of the same label), so u_j lands on t's direction
 *     and every other point keeps its circular order (inscribed angles: their gaps are halved).
 *     s is the largest value for which the short arc seen from q stops halfway to u_j's neighbours.
 *  3. The last layer is the chord through the middles of the two gaps between the final two runs.
 *
 * Only ever single original points are relocated, never merged clusters, so the only loss per layer is
 * the factor 1/2 of the inscribed angle; margins stay around 2^-L and 53-bit intervals usually suffice.
 * Designs are float64; each layer is rounded to dyadic rationals before the next layer is designed
 * (on the positions the rounded layer really produces). The kernel has the last word.
 */
import { cmp, rat, toNumber, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Layer, LinearLayer, Net } from "../trusted/net/model.js";
import { aTransposeTimes, angleOfU, ccw, dot, pFromU, spreadOnHalfCircle, uFromP, unit, type Vec2 } from "./frame.js";
import type { Points } from "./labelings.js";
import { planRelocations } from "./plan.js";
import type { Producer } from "./producer.js";
import { dyadic, maxAbs } from "./rounding.js";

export interface LineProducerOptions {
  /** LayerNorm eps of every layer (default 0). */
  readonly eps?: Rational;
  /** Bits of the first attempt; each retry adds 12 (max 50). */
  readonly bits?: number;
}

export function lineProducer(opts: LineProducerOptions = {}): Producer {
  const eps = opts.eps ?? rat(0);
  return (points, labels, depth, attempt = 0) => {
    const bits = Math.min(50, (opts.bits ?? 26) + 12 * attempt);
    return buildLineNet(points, labels, depth, eps, bits);
  };
}

/** A rational direction a with all a . x distinct (exactly), or undefined (duplicate points). */
export function lineDirection(points: Points): Rational[] | undefined {
  const d = (points[0] ?? []).length;
  for (let k = 1; k <= 64; k++) {
    // a has d entries, the points' dimension; sorted[i - 1] exists for i >= 1
    const a = Array.from({ length: d }, (_, i) => rat(k ** i));
    const z = points.map((x) => x.reduce((s, v, i) => s.add(v.mul(a[i]!)), rat(0)));
    const sorted = [...z].sort(cmp);
    if (sorted.every((v, i) => i === 0 || cmp(v, sorted[i - 1]!) !== 0)) return a;
  }
  return undefined;
}

interface FloatLayer {
  readonly layer: LinearLayer;
  readonly w: number[][];
  readonly b: number[];
}

function floatOf(layer: LinearLayer): FloatLayer {
  return { layer, w: layer.weight.map((r) => r.map(toNumber)), b: layer.bias.map(toNumber) };
}

/** W = F M P, b = F c (frame.ts): a centred 3-wide layer from p-frame M (2x2, or 2xd for layer 1) and c. */
export function centredLayer(mRows: readonly [readonly number[], readonly number[]], c: Vec2, bits: number, gain: number, hidden: boolean): LinearLayer {
  // a power-of-two scale keeps exact entries (the fold's identity) exact and short
  const scale = 2 ** Math.ceil(Math.log2(maxAbs([...mRows[0], ...mRows[1], c[0], c[1]])));
  const r0 = mRows[0].map((v) => dyadic(v / scale, bits, gain));
  const r1 = mRows[1].map((v) => dyadic(v / scale, bits, gain));
  const b0 = dyadic(c[0] / scale, bits, gain);
  const b1 = dyadic(c[1] / scale, bits, gain);
  // a hidden layer reads y = F p: the weights of y3 are 0 (P picks y1, y2)
  const pad = (r: Rational[]): Rational[] => (hidden ? [...r, rat(0)] : r);
  return {
    type: "linear",
    weight: [pad(r0), pad(r1), pad(r0.map((v, i) => v.add(r1[i]!).neg()))], // r0, r1: rows of one 2 x k matrix
    bias: [b0, b1, b0.add(b1).neg()],
  };
}

function layerNormFloat(h: readonly number[], eps: number): number[] {
  const mean = (h[0]! + h[1]! + h[2]!) / 3;
  const c = h.map((v) => v - mean);
  const s = Math.sqrt((c[0]! ** 2 + c[1]! ** 2 + c[2]! ** 2) / 3 + eps);
  return c.map((v) => v / s);
}

function applyFloat(f: FloatLayer, x: readonly number[]): number[] {
  return f.w.map((row, i) => row.reduce((s, w, j) => s + w * x[j]!, f.b[i]!));
}

/** Smallest power-of-two gain keeping |h|^2 / 3 >= 2^40 eps at every point (0 when eps = 0). */
function gainForEps(f: FloatLayer, inputs: readonly (readonly number[])[], eps: number): number {
  if (eps === 0) return 0;
  const minSq = Math.min(...inputs.map((x) => applyFloat(f, x).reduce((s, v) => s + v * v, 0)));
  return Math.max(0, Math.ceil((40 + Math.log2((3 * eps) / minSq)) / 2));
}

/** Build one layer (rounded, eps-gained), push it with its LN, and return the new LN outputs. */
export function emit(layers: Layer[], make: (gain: number) => LinearLayer, inputs: readonly (readonly number[])[], eps: Rational): number[][] {
  const e = toNumber(eps);
  const gain = gainForEps(floatOf(make(0)), inputs, e);
  const f = floatOf(make(gain));
  layers.push(f.layer, { type: "layernorm", groups: 1, eps });
  return inputs.map((x) => layerNormFloat(applyFloat(f, x), e));
}

export const angleOfY = (y: readonly number[]): number => angleOfU(uFromP([y[0]!, y[1]!]));

export function buildLineNet(points: Points, labels: readonly Label[], depth: number, eps: Rational, bits: number): Net | undefined {
  const m = points.length;
  const a = lineDirection(points);
  if (!a || m === 0) return undefined;
  // a has the points' dimension; zr, z and order index the m points, one label each
  const zr = points.map((x) => x.reduce((s, v, i) => s.add(v.mul(a[i]!)), rat(0)));
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => cmp(zr[i]!, zr[j]!));
  const word = order.map((i) => labels[i]!);
  const plan = planRelocations(word);
  if (1 + plan.moves.length > depth) return undefined;

  // Layer 1: u = dir(1, sigma (z - mid)), z = a . x; in the p-frame M = A^-1 (0, sigma) a^T, c = A^-1 (1, -sigma mid).
  const z = zr.map(toNumber);
  const sortedZ = order.map((i) => z[i]!);
  const { mid, sigma: spread } = spreadOnHalfCircle(sortedZ);
  const sigma = m > 1 ? spread : 1;
  const mCol = pFromU([0, sigma]);
  const c1 = pFromU([1, -sigma * mid]);
  const aF = a.map(toNumber);
  const layers: Layer[] = [];
  const y = emit(
    layers,
    (gain) => centredLayer([aF.map((v) => mCol[0] * v), aF.map((v) => mCol[1] * v)], c1, bits, gain, false),
    points.map((x) => x.map(toNumber)),
    eps,
  );

  return foldsAndOutput(layers, y, labels, order, depth, eps, bits, points[0]!.length);
}

/**
 * Steps 2 and 3 after any first layer: `y` are its LN outputs (float), `order` the points in
 * counter-clockwise order of their directions. Relocates the planned letters one fold layer each and
 * adds the output half-plane; undefined when the plan needs more than `depth - 1` folds.
 */
export function foldsAndOutput(layers: Layer[], y0: number[][], labels: readonly Label[], order: readonly number[], depth: number, eps: Rational, bits: number, inputDim: number): Net | undefined {
  const word = order.map((i) => labels[i]!); // order permutes the points, one label each
  const plan = planRelocations(word);
  if (1 + plan.moves.length > depth) return undefined;
  let y = y0;
  for (const k of plan.moves) {
    const j = order[k]!;
    const t = order[plan.target[word[k]!]!]!;
    const theta = y.map(angleOfY);
    const q = foldCentre(theta, j, t);
    if (!q) return undefined;
    const c = pFromU([-q[0], -q[1]]); // Mu = I, cu = -q  =>  M = I, c = A^-1 (-q)
    y = emit(layers, (gain) => centredLayer([[1, 0], [0, 1]], c, bits, gain, true), y, eps);
  }

  const last = finalLayer(y.map(angleOfY), labels, bits, plan.constant);
  if (!last) return undefined;
  layers.push(last);
  return { inputDim, layers };
}

/** q = u_j + s (u_j - u_t), s the largest value whose near arc stops halfway to u_j's neighbours. */
function foldCentre(theta: readonly number[], j: number, t: number): Vec2 | undefined {
  const uj = unit(theta[j]!);
  const dir: Vec2 = [uj[0] - Math.cos(theta[t]!), uj[1] - Math.sin(theta[t]!)];
  let before = Infinity; // ccw distance from a neighbour to u_j
  let after = Infinity; // ccw distance from u_j to a neighbour
  theta.forEach((th, i) => {
    if (i === j) return;
    after = Math.min(after, ccw(theta[j]!, th));
    before = Math.min(before, ccw(th, theta[j]!));
  });
  if (!(before > 0 && after > 0)) return undefined; // another point sits on u_j
  let s = 1;
  for (const mAngle of [theta[j]! + after / 2, theta[j]! - before / 2]) {
    const mu = unit(mAngle);
    const slope = dot(mu, dir);
    if (slope > 0) s = Math.min(s, (1 - dot(mu, uj)) / slope);
  }
  return [uj[0] + s * dir[0], uj[1] + s * dir[1]];
}

/** The chord through the middles of the two label-change gaps; constant output for one run. */
function finalLayer(theta: readonly number[], labels: readonly Label[], bits: number, constant?: Label): LinearLayer | undefined {
  if (constant !== undefined) return { type: "linear", weight: [[rat(0), rat(0), rat(0)]], bias: [rat(constant === 1 ? 1 : -1)] };
  const idx = theta.map((_, i) => i).sort((i, j) => theta[i]! - theta[j]!);
  const n = idx.length;
  let enter = NaN; // middle of the gap where 0 -> 1 (ccw)
  let leave = NaN;
  let changes = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    const next = idx[(k + 1) % n]!;
    if (labels[i] === labels[next]) continue;
    changes++;
    const middle = theta[i]! + ccw(theta[i]!, theta[next]!) / 2;
    if (labels[next] === 1) enter = middle;
    else leave = middle;
  }
  if (changes !== 2) return undefined; // the folds did not leave two runs (rounding): no net
  const half = ccw(enter, leave) / 2;
  const centre = unit(enter + half);
  const w = aTransposeTimes(centre); // u . centre - cos(half) in the p-frame
  const bias = -Math.cos(half);
  const scale = maxAbs([w[0], w[1], bias]);
  return { type: "linear", weight: [[dyadic(w[0] / scale, bits), dyadic(w[1] / scale, bits), rat(0)]], bias: [dyadic(bias / scale, bits)] };
}

/**
 * Exact layers from float designs, and their fixed-point simulation (what the rounded net really
 * does, eps included; fixed.ts). The planner always continues from the simulated positions of the
 * *rounded* net, and the kernel has the last word.
 *
 * Precision is chosen per layer from the geometry: a fold at distance s from the circle turns a
 * position error delta into an angle error delta / s, so the fold point (the bias) carries
 * log2(1/s) + log2(1/gap) + margin bits, and the simulation runs at a precision P above that.
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { LayerNormLayer, LinearLayer } from "../trusted/net/model.js";
import { roundLayer } from "./dyadic.js";
import { fromRational, layerNorm3, rescale, roundShift, toFloat } from "./fixed.js";
import { E, hiddenLayerFloat, liftToR3, toPlane, type Mat2 } from "./frame.js";
import type { FirstView } from "./view.js";

/** Significant bits kept in every weight (relative to the layer's largest entry). */
export const PARAM_BITS = 50;
/** Bits of the fold point beyond log2(1/s) + log2(1/gap). */
const BIAS_MARGIN = 40;

export interface Simulated {
  readonly layer: LinearLayer;
  /** LN outputs, 3 per distinct point, as integers at 2^-P. */
  readonly Y: readonly bigint[];
  readonly P: number;
  /** The same as doubles. */
  readonly y: Float64Array;
}

/**
 * Scale making LN's eps negligible: the smallest |G v| becomes >= 2^30 sqrt(3 eps) (so the LN
 * output radius is 1 - O(2^-60)), or >= 1 when eps = 0 (well-scaled numbers).
 */
export function scaleFor(minNorm: number, eps: number): number {
  const target = eps > 0 ? 2 ** 30 * Math.sqrt(3 * eps) : 1;
  return 2 ** Math.ceil(Math.log2(target / minNorm));
}

export const lnLayer = (eps: Rational): LayerNormLayer => ({ type: "layernorm", groups: 1, eps });

function finish(layer: LinearLayer, Y: bigint[], P: number): Simulated {
  return { layer, Y, P, y: Float64Array.from(Y, (v) => toFloat(v, P)) };
}

/** Integer mantissas of a dyadic rational on the grid 2^e (exact: the grid is common). */
const mantissa = (r: Rational, e: number): bigint => fromRational(r, -e);

/**
 * First layer: z = M w(x) with w = A x + c the view's exact affine map (view.ts) and M = lam E G
 * rounded to rational entries, so W = M A and b = M c exactly. The LN output is the direction of
 * E^T M w, an invertible linear map of the direction of w (docs/construction.md, section 4.1): the circular order
 * of the letters is kept exactly, and points on one ray of w (same letter) land on one output.
 * For a line view, w = (t', 1) and W = (v / halfRange) a^T stays exactly rank one.
 */
export function firstLayer(g: Mat2, view: Pick<FirstView, "A" | "c" | "wExact" | "wFloat">, eps: Rational, P: number): Simulated {
  let minNorm = Infinity;
  for (const [w0, w1] of view.wFloat) minNorm = Math.min(minNorm, Math.hypot(g[0] * w0 + g[1] * w1, g[2] * w0 + g[3] * w1));
  const lam = scaleFor(minNorm, eps.valueOf());
  const m = liftToR3(g, lam);
  const r = roundLayer(
    m.map((row) => [row[0] as number]),
    m.map((row) => row[1] as number),
    PARAM_BITS,
  );
  const M = r.weight.map((row, i) => [row[0] as Rational, r.bias[i] as Rational]);
  const [A0, A1] = view.A as [readonly Rational[], readonly Rational[]];
  const [c0, c1] = view.c as [Rational, Rational];
  const weight = M.map(([m0, m1]) => A0.map((a, k) => m0.mul(a).add(m1.mul(A1[k] as Rational))));
  const bias = M.map(([m0, m1]) => m0.mul(c0).add(m1.mul(c1)));
  // z exactly (rationals), then fixed point with enough bits below its smallest norm.
  const K = P + 40 + Math.max(0, Math.ceil(-Math.log2(lam * minNorm)));
  const Y: bigint[] = [];
  for (const [w0, w1] of view.wExact) {
    const z = M.map(([m0, m1]) => fromRational(m0.mul(w0 as Rational).add(m1.mul(w1 as Rational)), K));
    Y.push(...layerNorm3(z, K, P, eps));
  }
  return finish({ type: "linear", weight, bias }, Y, P);
}

/** The pending view of a hidden layer: the fold point as a 3-vector y_q (integers at 2^-P). */
export interface FoldPoint {
  readonly yq: readonly bigint[];
  readonly P: number;
}

/**
 * Hidden layer y -> lam E G (u - q) as W y + b, simulated on the previous outputs. W is rounded
 * to PARAM_BITS (a relative error there only perturbs G); b = -W y_q is computed from the
 * *rounded* W and rounded on a grid fine enough that the fold point moves by far less than
 * s * gap (s = the smallest |u - q|, gap = the margin the planner kept).
 */
export function hiddenLayer(g: Mat2, fold: FoldPoint, prev: Simulated, gapMin: number, eps: Rational, P: number): Simulated {
  const n = prev.Y.length / 3;
  const yq = fold.yq.map((v) => rescale(v, fold.P, prev.P));
  let minNorm = Infinity;
  let sMin = Infinity;
  for (let p = 0; p < n; p++) {
    const d = [0, 1, 2].map((i) => toFloat((prev.Y[3 * p + i] as bigint) - (yq[i] as bigint), prev.P));
    const u = toPlane(d);
    sMin = Math.min(sMin, Math.hypot(u[0], u[1]));
    minNorm = Math.min(minNorm, Math.hypot(g[0] * u[0] + g[1] * u[1], g[2] * u[0] + g[3] * u[1]));
  }
  const f = hiddenLayerFloat(g, [0, 0], scaleFor(minNorm, eps.valueOf()));
  let scale = 0;
  for (const row of f.weight) for (const x of row) scale = Math.max(scale, Math.abs(x));
  const e = Math.floor(Math.log2(scale)) - PARAM_BITS;
  const wr = roundLayer(f.weight, [0, 0, 0], PARAM_BITS).weight;
  const wm = wr.map((row) => row.map((x) => mantissa(x, e)));
  // b = -W y_q, exact at 2^(e - prev.P), rounded to 2^(e - bBits).
  const need = Math.ceil(-Math.log2(Math.max(sMin, 2 ** -4000))) + Math.ceil(-Math.log2(Math.max(gapMin, 2 ** -4000))) + BIAS_MARGIN;
  const bBits = Math.min(prev.P, Math.max(PARAM_BITS, need));
  const bm = wm.map((row) => roundShift(-row.reduce((s, x, j) => s + x * (yq[j] as bigint), 0n), prev.P - bBits));
  const bias = bm.map((b) => (e - bBits >= 0 ? rat(b << BigInt(e - bBits)) : rat(b, 1n << BigInt(bBits - e))));
  // z = 2^(e - prev.P) (W Y + b 2^(prev.P - bBits)), exactly.
  const Y: bigint[] = [];
  const sh = BigInt(prev.P - bBits);
  for (let p = 0; p < n; p++) {
    const z = wm.map((row, i) => row.reduce((s, x, j) => s + x * (prev.Y[3 * p + j] as bigint), 0n) + ((bm[i] as bigint) << sh));
    Y.push(...layerNorm3(z, prev.P - e, P, eps));
  }
  return finish({ type: "linear", weight: wr, bias }, Y, P);
}

/** Output layer: the half-plane n . u > n . p0 in plane coordinates, as Linear(3 -> 1). */
export function outputLayer(normal: readonly [number, number], p0: readonly [number, number]): LinearLayer {
  const s3 = Math.sqrt(3);
  const w = E.map((e) => (e[0] * normal[0] + e[1] * normal[1]) / s3);
  const b = -(normal[0] * p0[0] + normal[1] * p0[1]);
  const r = roundLayer([w], [b], PARAM_BITS);
  return { type: "linear", weight: r.weight, bias: r.bias };
}

/**
 * Does the rounded output layer give every point the sign of its label on the simulated LN
 * outputs? Exact integer arithmetic on the common grid of the layer's dyadic parameters (the
 * float design can be right while its 50-bit rounding is not, when an arc is very short).
 */
export function outputSignsOk(layer: LinearLayer, sim: Simulated, wants: readonly (1 | -1)[]): boolean {
  const row = layer.weight[0] as readonly Rational[];
  const b = layer.bias[0] as Rational;
  let den = b.d;
  for (const w of row) den = w.d > den ? w.d : den; // power-of-two denominators: the largest is common
  const wm = row.map((w) => (w.s * w.n * den) / w.d);
  const bm = (b.s * b.n * den) / b.d;
  return wants.every((want, p) => {
    const v = wm.reduce((s, x, i) => s + x * (sim.Y[3 * p + i] as bigint), 0n) + (bm << BigInt(sim.P));
    return want > 0 ? v > 0n : v < 0n;
  });
}

/** A constant output (one class): y = +1 or -1 whatever the input. */
export function constantOutput(label: 0 | 1): LinearLayer {
  return { type: "linear", weight: [[rat(0), rat(0), rat(0)]], bias: [rat(label === 1 ? 1 : -1)] };
}

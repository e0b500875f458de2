/**
 * Exact layers from float designs, and their float64 simulation (what the rounded net really
 * does, eps included). Rounding only perturbs the map slightly; the planner always continues from
 * the simulated positions of the *rounded* net, and the kernel has the last word.
 */
import { rat, toNumber, type Rational } from "../numbers/rational.js";
import type { LayerNormLayer, LinearLayer } from "../net/model.js";
import { layerNormFloat } from "../net/evaluate-float.js";
import { roundLayer } from "./dyadic.js";
import { E, hiddenLayerFloat, liftToR3, type Mat2, type Vec2 } from "./frame.js";

/** Significant bits kept in every weight (relative to the layer's largest entry). */
export const PARAM_BITS = 50;

export interface Simulated {
  readonly layer: LinearLayer;
  /** LN outputs (3 per distinct point). */
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

function lnAll(z: Float64Array, eps: number): Float64Array {
  const n = z.length / 3;
  const y = new Float64Array(3 * n);
  for (let p = 0; p < n; p++) y.set(layerNormFloat(z.subarray(3 * p, 3 * p + 3), 1, eps), 3 * p);
  return y;
}

export const lnLayer = (eps: Rational): LayerNormLayer => ({ type: "layernorm", groups: 1, eps });

/**
 * First layer: z = v t' + w with t' = (a.x - center) / halfRange and (v w) = lam E G, so the
 * LN output is the direction of G (t', 1). W = (v / halfRange) a^T stays exactly rank one, so the
 * circular order of the t' values is kept exactly.
 */
export function firstLayer(
  g: Mat2,
  view: { direction: readonly Rational[]; center: Rational; halfRange: Rational; tNorm: readonly number[] },
  eps: number,
): Simulated {
  let minNorm = Infinity;
  for (const t of view.tNorm) minNorm = Math.min(minNorm, Math.hypot(g[0] * t + g[1], g[2] * t + g[3]));
  const m = liftToR3(g, scaleFor(minNorm, eps));
  const r = roundLayer(
    m.map((row) => [row[0] as number]),
    m.map((row) => row[1] as number),
    PARAM_BITS,
  );
  const v = r.weight.map((row) => row[0] as Rational);
  const w = r.bias;
  const weight = v.map((vi) => view.direction.map((a) => vi.mul(a).div(view.halfRange)));
  const bias = v.map((vi, i) => (w[i] as Rational).sub(vi.mul(view.center).div(view.halfRange)));
  const n = view.tNorm.length;
  const z = new Float64Array(3 * n);
  const vf = v.map(toNumber);
  const wf = w.map(toNumber);
  view.tNorm.forEach((t, p) => {
    for (let i = 0; i < 3; i++) z[3 * p + i] = (vf[i] as number) * t + (wf[i] as number);
  });
  return { layer: { type: "linear", weight, bias }, y: lnAll(z, eps) };
}

/** Hidden layer y -> lam E G (u - q), rounded; simulated on the previous LN outputs. */
export function hiddenLayer(g: Mat2, q: Vec2, yPrev: Float64Array, uPrev: (p: number) => Vec2, eps: number): Simulated {
  const n = yPrev.length / 3;
  let minNorm = Infinity;
  for (let p = 0; p < n; p++) {
    const u = uPrev(p);
    const vx = u[0] - q[0];
    const vy = u[1] - q[1];
    minNorm = Math.min(minNorm, Math.hypot(g[0] * vx + g[1] * vy, g[2] * vx + g[3] * vy));
  }
  const f = hiddenLayerFloat(g, q, scaleFor(minNorm, eps));
  const r = roundLayer(f.weight, f.bias, PARAM_BITS);
  const wf = r.weight.map((row) => row.map(toNumber));
  const bf = r.bias.map(toNumber);
  const z = new Float64Array(3 * n);
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < 3; i++) {
      const row = wf[i] as number[];
      z[3 * p + i] = (bf[i] as number) + (row[0] as number) * (yPrev[3 * p] as number) + (row[1] as number) * (yPrev[3 * p + 1] as number) + (row[2] as number) * (yPrev[3 * p + 2] as number);
    }
  }
  return { layer: { type: "linear", weight: r.weight, bias: r.bias }, y: lnAll(z, eps) };
}

/** Output layer: the half-plane n . u > n . p0 in plane coordinates, as Linear(3 -> 1). */
export function outputLayer(normal: Vec2, p0: Vec2): LinearLayer {
  const s3 = Math.sqrt(3);
  const w = E.map((e) => (e[0] * normal[0] + e[1] * normal[1]) / s3);
  const b = -(normal[0] * p0[0] + normal[1] * p0[1]);
  const r = roundLayer([w], [b], PARAM_BITS);
  return { type: "linear", weight: r.weight, bias: r.bias };
}

/** A constant output (one class): y = +1 or -1 whatever the input. */
export function constantOutput(label: 0 | 1): LinearLayer {
  return { type: "linear", weight: [[rat(0), rat(0), rat(0)]], bias: [rat(label === 1 ? 1 : -1)] };
}

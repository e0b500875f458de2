/**
 * float64 evaluation: fast and NOT rigorous. Used by producers (constructions, searches, training)
 * and for display; never for a verdict.
 *
 * The order of operations is PyTorch's (nn.Linear, then nn.LayerNorm without affine), so that a
 * net's float64 behaviour here is what a user who exports it sees: a linear layer is a dot product
 * summed left to right, then the bias added; LayerNorm takes the mean, centres, var = mean of the
 * squared centred values, and divides the centred values by sqrt(var + eps).
 */
import { toNumber } from "./rational.js";
import type { Net } from "../trusted/net/model.js";

export interface FloatLinear {
  readonly type: "linear";
  readonly w: Float64Array; // row-major, rows x cols
  readonly b: Float64Array;
  readonly rows: number;
  readonly cols: number;
}
export interface FloatLayerNorm {
  readonly type: "layernorm";
  readonly groups: number;
  readonly eps: number;
}
export type FloatNet = readonly (FloatLinear | FloatLayerNorm)[];

export function toFloatNet(net: Net): FloatNet {
  return net.layers.map((l) => {
    if (l.type === "layernorm") return { type: "layernorm", groups: l.groups, eps: toNumber(l.eps) };
    const rows = l.weight.length;
    const cols = (l.weight[0] ?? []).length;
    const w = new Float64Array(rows * cols);
    l.weight.forEach((row, i) => row.forEach((v, j) => (w[i * cols + j] = toNumber(v))));
    return { type: "linear", w, b: Float64Array.from(l.bias.map(toNumber)), rows, cols };
  });
}

export function layerNormFloat(h: Float64Array, groups: number, eps: number): Float64Array {
  const n = h.length;
  const k = n / groups;
  const out = new Float64Array(n);
  // groups divides the width (an LN-G layer), so i < (g + 1) k <= n.
  for (let g = 0; g < groups; g++) {
    let mean = 0;
    for (let i = g * k; i < (g + 1) * k; i++) mean += h[i]!;
    mean /= k;
    let v = 0;
    for (let i = g * k; i < (g + 1) * k; i++) {
      const d = h[i]! - mean;
      v += d * d; // one IEEE product (** may go through pow, which the spec lets engines approximate)
    }
    const s = Math.sqrt(v / k + eps);
    for (let i = g * k; i < (g + 1) * k; i++) out[i] = (h[i]! - mean) / s;
  }
  return out;
}

export function linearFloat(l: FloatLinear, x: Float64Array): Float64Array {
  const out = new Float64Array(l.rows);
  // b has rows entries, w rows x cols (toFloatNet) and x the layer's cols inputs.
  for (let i = 0; i < l.rows; i++) {
    let s = 0;
    for (let j = 0; j < l.cols; j++) s += l.w[i * l.cols + j]! * x[j]!;
    out[i] = s + l.b[i]!; // the bias after the dot product, as nn.Linear (addmm) does
  }
  return out;
}

/** All intermediate vectors: index 0 is the input, index i+1 the output of layer i. */
export function traceFloat(net: FloatNet, x: ArrayLike<number>): Float64Array[] {
  let h: Float64Array = Float64Array.from(x);
  const trace: Float64Array[] = [h];
  for (const l of net) {
    h = l.type === "linear" ? linearFloat(l, h) : layerNormFloat(h, l.groups, l.eps);
    trace.push(h);
  }
  return trace;
}

/** The scalar output (NaN when a zero-variance group with eps = 0 is met). */
export function evaluateFloat(net: FloatNet, x: ArrayLike<number>): number {
  const t = traceFloat(net, x);
  return t[t.length - 1]![0] ?? NaN; // the trace holds at least the input; an empty output vector has no value
}

/**
 * Gradient fitting of a float64 LN-Net (width 3, depth L) to one labeling, with hand-written
 * backpropagation through LayerNorm and Adam. Heuristic and untrusted: it only proposes parameters,
 * which are rounded to rationals and handed to the kernel (search.ts).
 *
 * Loss: mean softplus(-s_i y_i / T) with s_i = +-1 the label's sign and a temperature T that makes
 * the loss care about margins, plus the same for a scale-free check. LN backward, for y = c / sigma,
 * c = h - mean(h), sigma = sqrt(mean(c^2) + eps):  dh = (g - mean(g) - y mean(g * y)) / sigma.
 */
import type { Rng } from "../util/rng.js";

const W = 3;

export interface FloatParams {
  /** layers[l]: weight rows (W x inDim) and bias; the last layer has one row. */
  readonly layers: { w: number[][]; b: number[] }[];
}

export interface FitOptions {
  readonly depth: number;
  readonly steps: number;
  readonly lr: number;
  /** LN eps in the float model (keeps the gradient finite near zero variance). */
  readonly eps: number;
}

export function initParams(inDim: number, depth: number, rng: Rng, inputScale: number, biasScale = 1): FloatParams {
  const layers: { w: number[][]; b: number[] }[] = [];
  for (let l = 0; l <= depth; l++) {
    const rows = l === depth ? 1 : W;
    const cols = l === 0 ? inDim : W;
    const s = l === 0 ? 1 / inputScale : 1;
    layers.push({ w: Array.from({ length: rows }, () => Array.from({ length: cols }, () => s * rng.normal())), b: Array.from({ length: rows }, () => biasScale * rng.normal()) });
  }
  return { layers };
}

function ln(h: readonly number[], eps: number): { y: number[]; sigma: number } {
  const mean = h.reduce((s, v) => s + v, 0) / h.length;
  const c = h.map((v) => v - mean);
  const sigma = Math.sqrt(c.reduce((s, v) => s + v * v, 0) / h.length + eps);
  return { y: c.map((v) => v / sigma), sigma };
}

function affine(l: { w: number[][]; b: number[] }, x: readonly number[]): number[] {
  return l.w.map((row, i) => row.reduce((s, w, j) => s + w * (x[j] as number), l.b[i] as number));
}

export function forward(p: FloatParams, x: readonly number[], eps: number): number {
  let h = x as number[];
  p.layers.forEach((l, i) => {
    h = affine(l, h);
    if (i < p.layers.length - 1) h = ln(h, eps).y;
  });
  return h[0] as number;
}

/** Loss and gradient over the samples (labels as signs +-1). */
function lossAndGrad(p: FloatParams, xs: readonly (readonly number[])[], signs: readonly number[], eps: number): { loss: number; grad: FloatParams } {
  const grad: FloatParams = { layers: p.layers.map((l) => ({ w: l.w.map((r) => r.map(() => 0)), b: l.b.map(() => 0) })) };
  let loss = 0;
  const T = 0.1;
  xs.forEach((x, k) => {
    const inputs: number[][] = [];
    const lns: { y: number[]; sigma: number }[] = [];
    let h = x as number[];
    p.layers.forEach((l, i) => {
      inputs.push(h);
      h = affine(l, h);
      if (i < p.layers.length - 1) {
        const r = ln(h, eps);
        lns.push(r);
        h = r.y;
      }
    });
    const z = (-(signs[k] as number) * (h[0] as number)) / T;
    loss += z > 30 ? z : Math.log1p(Math.exp(z));
    let g = [(-(signs[k] as number) / T) * (1 / (1 + Math.exp(-z)))]; // d loss / d y
    for (let i = p.layers.length - 1; i >= 0; i--) {
      const l = p.layers[i] as FloatParams["layers"][number];
      const gl = grad.layers[i] as FloatParams["layers"][number];
      const inp = inputs[i] as number[];
      g.forEach((gi, r) => {
        (gl.b[r] as number) += gi;
        inp.forEach((v, c) => ((gl.w[r] as number[])[c] = ((gl.w[r] as number[])[c] as number) + gi * v));
      });
      if (i === 0) break;
      const back = inp.map((_, c) => g.reduce((s, gi, r) => s + gi * ((l.w[r] as number[])[c] as number), 0));
      const { y, sigma } = lns[i - 1] as { y: number[]; sigma: number };
      const mg = back.reduce((s, v) => s + v, 0) / W;
      const mgy = back.reduce((s, v, j) => s + v * (y[j] as number), 0) / W;
      g = back.map((v, j) => (v - mg - (y[j] as number) * mgy) / sigma);
    }
  });
  return { loss: loss / xs.length, grad };
}

/** Adam on all parameters; returns the parameters when every sample has the right sign, else undefined. */
export function fit(p0: FloatParams, xs: readonly (readonly number[])[], signs: readonly number[], opts: FitOptions): FloatParams | undefined {
  const p: FloatParams = { layers: p0.layers.map((l) => ({ w: l.w.map((r) => [...r]), b: [...l.b] })) };
  const flat = (q: FloatParams): number[][] => q.layers.flatMap((l) => [...l.w, l.b]);
  const m1 = flat(p).map((r) => r.map(() => 0));
  const m2 = flat(p).map((r) => r.map(() => 0));
  const correct = (): boolean => xs.every((x, k) => (signs[k] as number) * forward(p, x, opts.eps) > 1e-9);
  for (let t = 1; t <= opts.steps; t++) {
    const { grad } = lossAndGrad(p, xs, signs, opts.eps);
    const P = flat(p);
    const G = flat(grad);
    P.forEach((row, r) =>
      row.forEach((_, c) => {
        const g = (G[r] as number[])[c] as number;
        const a = ((m1[r] as number[])[c] = 0.9 * ((m1[r] as number[])[c] as number) + 0.1 * g);
        const b = ((m2[r] as number[])[c] = 0.999 * ((m2[r] as number[])[c] as number) + 0.001 * g * g);
        row[c] = (row[c] as number) - (opts.lr * (a / (1 - 0.9 ** t))) / (Math.sqrt(b / (1 - 0.999 ** t)) + 1e-12);
      }),
    );
    if (t % 25 === 0 && correct()) return p;
  }
  return correct() ? p : undefined;
}

/**
 * Gradient fitting of a float64 LN-Net (width 3, depth L, one LayerNorm group) to one labeling: the
 * shared float LN-Net and Adam (src/workshop/train.ts). Heuristic and untrusted: it only proposes
 * parameters, which are rounded to rationals and handed to the kernel (search.ts).
 *
 * Loss: mean softplus(-s_i y_i / T) with s_i = +-1 the label's sign and a temperature T that makes
 * the loss care about margins (the gradient is the sum over samples, as tuned).
 */
import type { Rng } from "../workshop/rng.js";
import { backward, forwardOutput, forwardTrace, layout, makeAdam, type FloatNetShape, type LinearSlot } from "../workshop/train.js";

const W = 3;
const T = 0.1;

export interface FloatParams {
  readonly shape: FloatNetShape;
  readonly slots: readonly LinearSlot[];
  /** Flat parameters: per layer the row-major weight, then the bias (workshop/train.ts). */
  readonly p: Float64Array;
}

export interface FitOptions {
  readonly depth: number;
  readonly steps: number;
  readonly lr: number;
  /** LN eps in the float model (keeps the gradient finite near zero variance). */
  readonly eps: number;
}

/** Normal weights (first layer scaled by 1/inputScale) and biases (times biasScale), drawn layer by layer. */
export function initParams(inDim: number, depth: number, rng: Rng, inputScale: number, biasScale = 1, eps = 1e-12): FloatParams {
  const shape: FloatNetShape = { dims: [inDim, ...new Array<number>(depth).fill(W), 1], groups: 1, eps };
  const { slots, size } = layout(shape.dims);
  const p = new Float64Array(size);
  slots.forEach((sl, l) => {
    const s = l === 0 ? 1 / inputScale : 1;
    for (let i = 0; i < sl.rows * sl.cols; i++) p[sl.w + i] = s * rng.normal();
    for (let i = 0; i < sl.rows; i++) p[sl.b + i] = biasScale * rng.normal();
  });
  return { shape, slots, p };
}

export const forward = (f: FloatParams, x: readonly number[]): number => forwardOutput(f.shape, f.slots, f.p, x);

/** Adam on all parameters; returns the parameters when every sample has the right sign, else undefined. */
export function fit(f0: FloatParams, xs: readonly (readonly number[])[], signs: readonly number[], opts: FitOptions): FloatParams | undefined {
  const f: FloatParams = { shape: { ...f0.shape, eps: opts.eps }, slots: f0.slots, p: Float64Array.from(f0.p) };
  const adam = makeAdam(f.p.length, { lr: opts.lr, eps: 1e-12 });
  const grad = new Float64Array(f.p.length);
  if (signs.length !== xs.length) throw new Error(`fit: ${xs.length} samples but ${signs.length} signs`);
  // one sign per sample (checked above), so signs[k] exists for every sample index k
  const correct = (): boolean => xs.every((x, k) => signs[k]! * forward(f, x) > 1e-9);
  for (let t = 1; t <= opts.steps; t++) {
    grad.fill(0);
    xs.forEach((x, k) => {
      const tr = forwardTrace(f.shape, f.slots, f.p, x);
      const z = (-signs[k]! * tr.out) / T;
      backward(f.shape, f.slots, f.p, tr, (-signs[k]! / T) * (1 / (1 + Math.exp(-z))), grad);
    });
    adam.step(f.p, grad);
    if (t % 25 === 0 && correct()) return f;
  }
  return correct() ? f : undefined;
}

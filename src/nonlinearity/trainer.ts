/**
 * A small float64 trainer for LN-Nets / LN-G-Nets WITHOUT activations (claim C5):
 *   Linear(d -> w), LN-G, [Linear(w -> w), LN-G] x (depth - 1), Linear(w -> 1),
 * logistic loss, full-batch Adam; forward, backprop and Adam are the shared float LN-Net
 * (src/workshop/train.ts). All parameters live in one flat Float64Array. Seeded; not certified.
 */
import { makeRng } from "../workshop/rng.js";
import { backward, forwardOutput, forwardTrace, layout as floatLayout, makeAdam, type FloatNetShape, type LinearSlot } from "../workshop/train.js";

export interface NetShape {
  readonly inputDim: number;
  readonly width: number;
  readonly depth: number;
  readonly groups: number;
  /** LN epsilon (PyTorch default 1e-5; keeps k = 1 groups finite). */
  readonly eps: number;
}

/** The shared float LN-Net (src/workshop/train.ts) of this shape. */
const floatShape = (s: NetShape): FloatNetShape => ({ dims: [s.inputDim, ...new Array<number>(s.depth).fill(s.width), 1], groups: s.groups, eps: s.eps });

export const layout = (s: NetShape): { slots: LinearSlot[]; size: number } => floatLayout(floatShape(s).dims);

/** He-style init N(0, 1/fan_in) for weights, zero biases. */
export function initParams(s: NetShape, seed: number): Float64Array {
  const { slots, size } = layout(s);
  const rng = makeRng(seed);
  const p = new Float64Array(size);
  for (const l of slots) for (let i = 0; i < l.rows * l.cols; i++) p[l.w + i] = rng.normal() / Math.sqrt(l.cols);
  return p;
}

/** Network output for one input. */
export function forward(s: NetShape, p: Float64Array, x: ArrayLike<number>): number {
  return forwardOutput(floatShape(s), layout(s).slots, p, x);
}

/**
 * Mean logistic loss over the batch and, when `grad` is given, its gradient (accumulated into
 * grad, which is zeroed first). Labels are 0/1; the margin is y for label 1 and -y for label 0.
 */
export function lossAndGrad(s: NetShape, p: Float64Array, xs: readonly ArrayLike<number>[], labels: readonly number[], grad: Float64Array | undefined): { loss: number; outputs: number[] } {
  const shape = floatShape(s);
  const { slots } = floatLayout(shape.dims);
  if (grad) grad.fill(0);
  let loss = 0;
  const outputs: number[] = [];
  for (let n = 0; n < xs.length; n++) {
    const t = forwardTrace(shape, slots, p, xs[n]!); // n < xs.length
    outputs.push(t.out);
    const sign = labels[n] === 1 ? 1 : -1;
    const z = -sign * t.out;
    loss += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)); // softplus(-margin)
    if (grad) backward(shape, slots, p, t, (-sign / (1 + Math.exp(-z))) / xs.length, grad); // d loss / d out
  }
  return { loss: loss / xs.length, outputs };
}

export interface TrainOptions {
  readonly epochs: number;
  readonly lr: number;
  readonly seed: number;
  /** Called with each epoch's training accuracy (before its Adam step), for accuracy-vs-epoch curves. */
  readonly onEpoch?: (epoch: number, accuracy: number) => void;
}

export interface TrainResult {
  readonly params: Float64Array;
  readonly accuracy: number;
  readonly loss: number;
  readonly epochs: number;
  readonly seconds: number;
}

/** Fraction of samples with the right output sign (y = 0 counts as wrong). */
export function accuracy(outputs: readonly number[], labels: readonly number[]): number {
  let ok = 0;
  outputs.forEach((y, i) => {
    if ((labels[i] === 1 && y > 0) || (labels[i] === 0 && y < 0)) ok++;
  });
  return ok / outputs.length;
}

/** Full-batch Adam (beta 0.9 / 0.999); stops early at 100% train accuracy. */
export function train(s: NetShape, xs: readonly ArrayLike<number>[], labels: readonly number[], o: TrainOptions): TrainResult {
  const t0 = performance.now();
  const p = initParams(s, o.seed);
  const g = new Float64Array(p.length);
  const adam = makeAdam(p.length, { lr: o.lr, eps: 1e-8 });
  let last = { loss: Infinity, outputs: [] as number[] };
  let epoch = 0;
  for (; epoch < o.epochs; epoch++) {
    last = lossAndGrad(s, p, xs, labels, g);
    const acc = accuracy(last.outputs, labels);
    o.onEpoch?.(epoch, acc);
    if (acc === 1) break;
    adam.step(p, g);
  }
  const final = lossAndGrad(s, p, xs, labels, undefined);
  return { params: p, accuracy: accuracy(final.outputs, labels), loss: final.loss, epochs: epoch, seconds: (performance.now() - t0) / 1000 };
}

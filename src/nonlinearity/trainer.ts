/**
 * A small float64 trainer for LN-Nets / LN-G-Nets WITHOUT activations (claim C5):
 *   Linear(d -> w), LN-G, [Linear(w -> w), LN-G] x (depth - 1), Linear(w -> 1),
 * logistic loss, full-batch Adam, hand-written backprop (checked against finite differences in
 * test/train.test.ts). All parameters live in one flat Float64Array. Seeded; not certified.
 */
import { makeRng } from "./rng.js";

export interface NetShape {
  readonly inputDim: number;
  readonly width: number;
  readonly depth: number;
  readonly groups: number;
  /** LN epsilon (PyTorch default 1e-5; keeps k = 1 groups finite). */
  readonly eps: number;
}

interface LayerSlot {
  readonly rows: number;
  readonly cols: number;
  readonly w: number; // offset of the row-major weight
  readonly b: number; // offset of the bias
}

export function layout(s: NetShape): { slots: LayerSlot[]; size: number } {
  const slots: LayerSlot[] = [];
  let off = 0;
  const dims = [s.inputDim, ...new Array<number>(s.depth).fill(s.width), 1];
  for (let l = 0; l + 1 < dims.length; l++) {
    const cols = dims[l] as number;
    const rows = dims[l + 1] as number;
    slots.push({ rows, cols, w: off, b: off + rows * cols });
    off += rows * cols + rows;
  }
  return { slots, size: off };
}

/** He-style init N(0, 1/fan_in) for weights, zero biases. */
export function initParams(s: NetShape, seed: number): Float64Array {
  const { slots, size } = layout(s);
  const rng = makeRng(seed);
  const p = new Float64Array(size);
  for (const l of slots) for (let i = 0; i < l.rows * l.cols; i++) p[l.w + i] = rng.normal() / Math.sqrt(l.cols);
  return p;
}

function lnForward(a: Float64Array, groups: number, eps: number, y: Float64Array, inv: Float64Array): void {
  const k = a.length / groups;
  for (let g = 0; g < groups; g++) {
    let m = 0;
    for (let i = g * k; i < (g + 1) * k; i++) m += a[i] as number;
    m /= k;
    let v = 0;
    for (let i = g * k; i < (g + 1) * k; i++) v += ((a[i] as number) - m) ** 2;
    const s = 1 / Math.sqrt(v / k + eps);
    inv[g] = s;
    for (let i = g * k; i < (g + 1) * k; i++) y[i] = ((a[i] as number) - m) * s;
  }
}

/** da = s (dy - mean(dy) - y mean(dy * y)) per group: the LN Jacobian-transpose product. */
function lnBackward(dy: Float64Array, y: Float64Array, inv: Float64Array, groups: number, da: Float64Array): void {
  const k = dy.length / groups;
  for (let g = 0; g < groups; g++) {
    let m1 = 0;
    let m2 = 0;
    for (let i = g * k; i < (g + 1) * k; i++) {
      m1 += dy[i] as number;
      m2 += (dy[i] as number) * (y[i] as number);
    }
    m1 /= k;
    m2 /= k;
    const s = inv[g] as number;
    for (let i = g * k; i < (g + 1) * k; i++) da[i] = s * ((dy[i] as number) - m1 - (y[i] as number) * m2);
  }
}

/** Network output for one input. */
export function forward(s: NetShape, p: Float64Array, x: ArrayLike<number>): number {
  return lossAndGrad(s, p, [x], [1], undefined).outputs[0] as number;
}

/**
 * Mean logistic loss over the batch and, when `grad` is given, its gradient (accumulated into
 * grad, which is zeroed first). Labels are 0/1; the margin is y for label 1 and -y for label 0.
 */
export function lossAndGrad(s: NetShape, p: Float64Array, xs: readonly ArrayLike<number>[], labels: readonly number[], grad: Float64Array | undefined): { loss: number; outputs: number[] } {
  const { slots } = layout(s);
  if (grad) grad.fill(0);
  const L = slots.length;
  const hs: Float64Array[] = new Array<Float64Array>(L);
  const invs: Float64Array[] = new Array<Float64Array>(L);
  let loss = 0;
  const outputs: number[] = [];
  for (let n = 0; n < xs.length; n++) {
    let h = Float64Array.from(xs[n] as ArrayLike<number>);
    const inputs: Float64Array[] = [];
    for (let l = 0; l < L; l++) {
      const sl = slots[l] as LayerSlot;
      inputs.push(h);
      const a = new Float64Array(sl.rows);
      for (let i = 0; i < sl.rows; i++) {
        let acc = p[sl.b + i] as number;
        const base = sl.w + i * sl.cols;
        for (let j = 0; j < sl.cols; j++) acc += (p[base + j] as number) * (h[j] as number);
        a[i] = acc;
      }
      if (l === L - 1) {
        h = a;
        break;
      }
      const y = new Float64Array(sl.rows);
      const inv = new Float64Array(s.groups);
      lnForward(a, s.groups, s.eps, y, inv);
      hs[l] = y;
      invs[l] = inv;
      h = y;
    }
    const out = h[0] as number;
    outputs.push(out);
    const sign = labels[n] === 1 ? 1 : -1;
    const z = -sign * out;
    loss += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)); // softplus(-margin)
    if (!grad) continue;
    let delta = Float64Array.of((-sign / (1 + Math.exp(-z))) / xs.length); // d loss / d out
    for (let l = L - 1; l >= 0; l--) {
      const sl = slots[l] as LayerSlot;
      const hin = inputs[l] as Float64Array;
      for (let i = 0; i < sl.rows; i++) {
        const d = delta[i] as number;
        if (d === 0) continue;
        grad[sl.b + i] = (grad[sl.b + i] as number) + d;
        const base = sl.w + i * sl.cols;
        for (let j = 0; j < sl.cols; j++) grad[base + j] = (grad[base + j] as number) + d * (hin[j] as number);
      }
      if (l === 0) break;
      const dh = new Float64Array(sl.cols);
      for (let i = 0; i < sl.rows; i++) {
        const d = delta[i] as number;
        const base = sl.w + i * sl.cols;
        for (let j = 0; j < sl.cols; j++) dh[j] = (dh[j] as number) + d * (p[base + j] as number);
      }
      const da = new Float64Array(sl.cols);
      lnBackward(dh, hs[l - 1] as Float64Array, invs[l - 1] as Float64Array, s.groups, da);
      delta = da;
    }
  }
  return { loss: loss / xs.length, outputs };
}

export interface TrainOptions {
  readonly epochs: number;
  readonly lr: number;
  readonly seed: number;
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
  const m = new Float64Array(p.length);
  const v = new Float64Array(p.length);
  let last = { loss: Infinity, outputs: [] as number[] };
  let epoch = 0;
  for (; epoch < o.epochs; epoch++) {
    last = lossAndGrad(s, p, xs, labels, g);
    if (accuracy(last.outputs, labels) === 1) break;
    const b1 = 1 - 0.9 ** (epoch + 1);
    const b2 = 1 - 0.999 ** (epoch + 1);
    for (let i = 0; i < p.length; i++) {
      const gi = g[i] as number;
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
      p[i] = (p[i] as number) - (o.lr * ((m[i] as number) / b1)) / (Math.sqrt((v[i] as number) / b2) + 1e-8);
    }
  }
  const final = lossAndGrad(s, p, xs, labels, undefined);
  return { params: p, accuracy: accuracy(final.outputs, labels), loss: final.loss, epochs: epoch, seconds: (performance.now() - t0) / 1000 };
}

/**
 * The float64 LN-Net every trainer fits (vc/fit.ts, search/trainer.ts, nonlinearity/trainer.ts):
 *   Linear(dims[0] -> dims[1]), Norm, Linear(dims[1] -> dims[2]), Norm, ..., Linear(-> 1),
 * with Norm = LayerNorm over `groups` equal groups (or RMS normalization when `center` is false).
 * Forward, backward (hand-written, checked against finite differences in test/workshop-train.test.ts)
 * and Adam. All parameters live in one flat Float64Array: per layer the row-major weight, then the bias.
 * Heuristic and untrusted: a fitted net proves nothing until it is rounded and certified.
 */

export interface FloatNetShape {
  /** Layer widths, input first, output (1) last. */
  readonly dims: readonly number[];
  readonly groups: number;
  readonly eps: number;
  /** false: RMS normalization (no mean subtracted). Default true (LayerNorm). */
  readonly center?: boolean;
}

/** Where one linear layer's parameters sit in the flat array. */
export interface LinearSlot {
  readonly rows: number;
  readonly cols: number;
  /** Offset of the row-major weight. */
  readonly w: number;
  /** Offset of the bias. */
  readonly b: number;
}

export function layout(dims: readonly number[]): { slots: LinearSlot[]; size: number } {
  const slots: LinearSlot[] = [];
  let off = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const cols = dims[l] as number;
    const rows = dims[l + 1] as number;
    slots.push({ rows, cols, w: off, b: off + rows * cols });
    off += rows * cols + rows;
  }
  return { slots, size: off };
}

/** What backward needs: each linear layer's input (the normalized vectors after the first) and each Norm's 1/scale per group. */
export interface ForwardTrace {
  readonly inputs: Float64Array[];
  readonly inv: Float64Array[];
  readonly out: number;
}

/** y = (a - mean) / sqrt(var + eps) per group (mean 0 for RMS); writes 1/sqrt(var + eps) per group into inv. */
function normForward(a: Float64Array, groups: number, eps: number, center: boolean, y: Float64Array, inv: Float64Array): void {
  const k = a.length / groups;
  for (let g = 0; g < groups; g++) {
    let m = 0;
    if (center) {
      for (let i = g * k; i < (g + 1) * k; i++) m += a[i] as number;
      m /= k;
    }
    let v = 0;
    for (let i = g * k; i < (g + 1) * k; i++) v += ((a[i] as number) - m) ** 2;
    const s = 1 / (Math.sqrt(v / k + eps) || 1e-300); // eps = 0 and a constant group: y = 0, not NaN
    inv[g] = s;
    for (let i = g * k; i < (g + 1) * k; i++) y[i] = ((a[i] as number) - m) * s;
  }
}

/** da = s (dy - mean(dy) - y mean(dy * y)) per group (no mean(dy) term for RMS): the Norm's Jacobian-transpose product. */
function normBackward(dy: Float64Array, y: Float64Array, inv: Float64Array, groups: number, center: boolean, da: Float64Array): void {
  const k = dy.length / groups;
  for (let g = 0; g < groups; g++) {
    let m1 = 0;
    let m2 = 0;
    for (let i = g * k; i < (g + 1) * k; i++) {
      m1 += dy[i] as number;
      m2 += (dy[i] as number) * (y[i] as number);
    }
    m1 = center ? m1 / k : 0;
    m2 /= k;
    const s = inv[g] as number;
    for (let i = g * k; i < (g + 1) * k; i++) da[i] = s * ((dy[i] as number) - m1 - (y[i] as number) * m2);
  }
}

export function forwardTrace(shape: FloatNetShape, slots: readonly LinearSlot[], p: Float64Array, x: ArrayLike<number>): ForwardTrace {
  const center = shape.center ?? true;
  const inputs: Float64Array[] = [];
  const inv: Float64Array[] = [];
  let h = Float64Array.from(x);
  for (let l = 0; l < slots.length; l++) {
    const sl = slots[l] as LinearSlot;
    inputs.push(h);
    const a = new Float64Array(sl.rows);
    for (let i = 0; i < sl.rows; i++) {
      let acc = p[sl.b + i] as number;
      const base = sl.w + i * sl.cols;
      for (let j = 0; j < sl.cols; j++) acc += (p[base + j] as number) * (h[j] as number);
      a[i] = acc;
    }
    if (l === slots.length - 1) return { inputs, inv, out: a[0] as number };
    const y = new Float64Array(sl.rows);
    const s = new Float64Array(shape.groups);
    normForward(a, shape.groups, shape.eps, center, y, s);
    inv.push(s);
    h = y;
  }
  throw new RangeError("forwardTrace: a net needs at least one linear layer");
}

/** The network output for one input. */
export const forwardOutput = (shape: FloatNetShape, slots: readonly LinearSlot[], p: Float64Array, x: ArrayLike<number>): number => forwardTrace(shape, slots, p, x).out;

/** Adds dOut * d(out)/d(params) into grad. */
export function backward(shape: FloatNetShape, slots: readonly LinearSlot[], p: Float64Array, t: ForwardTrace, dOut: number, grad: Float64Array): void {
  const center = shape.center ?? true;
  let delta = Float64Array.of(dOut);
  for (let l = slots.length - 1; l >= 0; l--) {
    const sl = slots[l] as LinearSlot;
    const hin = t.inputs[l] as Float64Array;
    for (let i = 0; i < sl.rows; i++) {
      const d = delta[i] as number;
      if (d === 0) continue;
      grad[sl.b + i] = (grad[sl.b + i] as number) + d;
      const base = sl.w + i * sl.cols;
      for (let j = 0; j < sl.cols; j++) grad[base + j] = (grad[base + j] as number) + d * (hin[j] as number);
    }
    if (l === 0) return;
    const dh = new Float64Array(sl.cols);
    for (let i = 0; i < sl.rows; i++) {
      const d = delta[i] as number;
      const base = sl.w + i * sl.cols;
      for (let j = 0; j < sl.cols; j++) dh[j] = (dh[j] as number) + d * (p[base + j] as number);
    }
    const da = new Float64Array(sl.cols);
    normBackward(dh, hin, t.inv[l - 1] as Float64Array, shape.groups, center, da);
    delta = da;
  }
}

/** Adam (beta 0.9 / 0.999, bias-corrected); `eps` is the denominator's guard, which the trainers tuned separately. */
export function makeAdam(size: number, opts: { readonly lr: number; readonly eps: number }): { step(p: Float64Array, g: Float64Array): void } {
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let t = 0;
  return {
    step(p, g) {
      t++;
      const b1 = 1 - 0.9 ** t;
      const b2 = 1 - 0.999 ** t;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] as number;
        m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
        v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
        p[i] = (p[i] as number) - (opts.lr * ((m[i] as number) / b1)) / (Math.sqrt((v[i] as number) / b2) + opts.eps);
      }
    },
  };
}

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
    const cols = dims[l]!; // l < l + 1 < dims.length
    const rows = dims[l + 1]!;
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
  // groups divides the width (FloatNetShape), so i < (g + 1) k <= a.length = y.length.
  const k = a.length / groups;
  for (let g = 0; g < groups; g++) {
    let m = 0;
    if (center) {
      for (let i = g * k; i < (g + 1) * k; i++) m += a[i]!;
      m /= k;
    }
    let v = 0;
    for (let i = g * k; i < (g + 1) * k; i++) v += (a[i]! - m) ** 2;
    const s = 1 / (Math.sqrt(v / k + eps) || 1e-300); // eps = 0 and a constant group: y = 0, not NaN
    inv[g] = s;
    for (let i = g * k; i < (g + 1) * k; i++) y[i] = (a[i]! - m) * s;
  }
}

/** da = s (dy - mean(dy) - y mean(dy * y)) per group (no mean(dy) term for RMS): the Norm's Jacobian-transpose product. */
function normBackward(dy: Float64Array, y: Float64Array, inv: Float64Array, groups: number, center: boolean, da: Float64Array): void {
  // As in normForward: i < (g + 1) k <= dy.length = y.length = da.length, and inv has one entry per group.
  const k = dy.length / groups;
  for (let g = 0; g < groups; g++) {
    let m1 = 0;
    let m2 = 0;
    for (let i = g * k; i < (g + 1) * k; i++) {
      m1 += dy[i]!;
      m2 += dy[i]! * y[i]!;
    }
    m1 = center ? m1 / k : 0;
    m2 /= k;
    const s = inv[g]!;
    for (let i = g * k; i < (g + 1) * k; i++) da[i] = s * (dy[i]! - m1 - y[i]! * m2);
  }
}

export function forwardTrace(shape: FloatNetShape, slots: readonly LinearSlot[], p: Float64Array, x: ArrayLike<number>): ForwardTrace {
  const center = shape.center ?? true;
  const inputs: Float64Array[] = [];
  const inv: Float64Array[] = [];
  let h = Float64Array.from(x);
  // p holds every slot's rows x cols weights and rows biases (layout); h has the slot's cols entries
  // (x has dims[0], then each Norm keeps the width); the last slot has one row.
  for (let l = 0; l < slots.length; l++) {
    const sl = slots[l]!;
    inputs.push(h);
    const a = new Float64Array(sl.rows);
    for (let i = 0; i < sl.rows; i++) {
      let acc = p[sl.b + i]!;
      const base = sl.w + i * sl.cols;
      for (let j = 0; j < sl.cols; j++) acc += p[base + j]! * h[j]!;
      a[i] = acc;
    }
    if (l === slots.length - 1) return { inputs, inv, out: a[0]! };
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
  // As in forwardTrace: p and grad hold every slot's parameters, t has one input per slot and one inv per
  // Norm (slots 1..), delta has the slot's rows entries and hin its cols entries.
  for (let l = slots.length - 1; l >= 0; l--) {
    const sl = slots[l]!;
    const hin = t.inputs[l]!;
    for (let i = 0; i < sl.rows; i++) {
      const d = delta[i]!;
      if (d === 0) continue;
      grad[sl.b + i] = grad[sl.b + i]! + d;
      const base = sl.w + i * sl.cols;
      for (let j = 0; j < sl.cols; j++) grad[base + j] = grad[base + j]! + d * hin[j]!;
    }
    if (l === 0) return;
    const dh = new Float64Array(sl.cols);
    for (let i = 0; i < sl.rows; i++) {
      const d = delta[i]!;
      const base = sl.w + i * sl.cols;
      for (let j = 0; j < sl.cols; j++) dh[j] = dh[j]! + d * p[base + j]!;
    }
    const da = new Float64Array(sl.cols);
    normBackward(dh, hin, t.inv[l - 1]!, shape.groups, center, da);
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
      // p, g, m and v all have `size` entries (one per parameter), so i < p.length indexes each
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]!;
        const mi = 0.9 * m[i]! + 0.1 * gi;
        const vi = 0.999 * v[i]! + 0.001 * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i]! - (opts.lr * (mi / b1)) / (Math.sqrt(vi / b2) + opts.eps);
      }
    },
  };
}

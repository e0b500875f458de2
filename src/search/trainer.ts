/**
 * A small float64 trainer (untrusted producer): fits a labeling with a net of a given class by Adam on
 * the logistic loss (the shared float LN-Net, src/workshop/train.ts, with LayerNorm or RMS groups), then rounds every
 * parameter to a dyadic rational. Whatever it returns must still be certified (kernel for LN nets,
 * rms.ts for RMS nets); a failure here proves nothing.
 */
import { rat, toNumber, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { makeRng, type Rng } from "../workshop/rng.js";
import { backward, forwardTrace, layout, makeAdam, type FloatNetShape, type LinearSlot } from "../workshop/train.js";
import type { NetClass } from "./net-class.js";
import type { RmsNet } from "../trusted/checkers/rms.js";

// Tuned on depth-2 line sets (lr 0.05 / margin 1 / init 1 fitted 3 of 60 restarts; these 25 of 60).
const LR = 0.2;
/** Float margin t*y at which training stops; certification decides for real. */
const MARGIN = 0.3;
/** Initial weight scales, cycled over restarts. */
const INIT_SCALES = [2, 3, 1];

/** A float model: the shared float LN-Net (src/workshop/train.ts) and its flat parameters. */
export interface FloatModel {
  readonly shape: FloatNetShape;
  readonly slots: readonly LinearSlot[];
  readonly p: Float64Array;
}

export interface TrainOptions {
  readonly seed: number;
  readonly restarts?: number;
  readonly steps?: number;
}

export type FittedNet = { readonly kind: "ln"; readonly net: Net } | { readonly kind: "rms"; readonly net: RmsNet };

function groupsOf(cls: NetClass): number {
  return cls.norm.kind === "ln" ? cls.norm.groups : 1;
}

function initModel(cls: NetClass, rng: Rng, scale: number): FloatModel {
  const dims = [cls.inputDim, ...Array.from({ length: cls.depth }, () => cls.width), 1];
  const shape: FloatNetShape = { dims, groups: groupsOf(cls), eps: toNumber(cls.eps), center: cls.norm.kind === "ln" };
  const { slots, size } = layout(dims);
  const p = new Float64Array(size);
  slots.forEach((sl, i) => {
    for (let j = 0; j < sl.rows * sl.cols; j++) p[sl.w + j] = rng.normal() * scale * (i === 0 ? 1 : 1 / Math.sqrt(sl.cols));
    for (let j = 0; j < sl.rows; j++) p[sl.b + j] = rng.normal();
  });
  return { shape, slots, p };
}

/** Train from one random start; returns the model when every sample has margin t*y >= 1 (float). */
export function trainOnce(cls: NetClass, xs: readonly Float64Array[], labels: readonly Label[], rng: Rng, steps: number, scale = 2): FloatModel | undefined {
  const model = initModel(cls, rng, scale);
  const adam = makeAdam(model.p.length, { lr: LR, eps: 1e-9 });
  const grad = new Float64Array(model.p.length);
  for (let step = 1; step <= steps; step++) {
    grad.fill(0);
    let minMargin = Infinity;
    xs.forEach((x, i) => {
      const tr = forwardTrace(model.shape, model.slots, model.p, x);
      const t = labels[i] === 1 ? 1 : -1;
      const margin = t * tr.out;
      minMargin = Math.min(minMargin, Number.isFinite(margin) ? margin : -Infinity);
      backward(model.shape, model.slots, model.p, tr, -t / (1 + Math.exp(Math.min(margin, 50))), grad);
    });
    if (minMargin >= MARGIN) return model;
    adam.step(model.p, grad);
  }
  return undefined;
}

/** The same function on raw inputs: W x' + b with x' = (x - c)/s equals (W/s) x + (b - W c / s). */
function unstandardize(model: FloatModel, c: readonly number[], s: number): FloatModel {
  const first = model.slots[0];
  if (!first) throw new Error("unstandardize: a model without layers");
  const n = first.cols;
  const p = Float64Array.from(model.p);
  // The slot's weights (rows x n from w) and biases (rows from b) lie inside p (layout); c has n = inputDim entries.
  for (let r = 0; r < first.rows; r++) {
    let t = model.p[first.b + r]!;
    for (let j = 0; j < n; j++) t -= (model.p[first.w + r * n + j]! * c[j]!) / s;
    p[first.b + r] = t;
  }
  for (let j = 0; j < first.rows * n; j++) p[first.w + j] = model.p[first.w + j]! / s;
  return { ...model, p };
}

/** Round a float to a dyadic rational k / 2^bits (exact: k is a safe integer). */
export function toDyadicRational(v: number, bits: number): Rational {
  const k = Math.round(v * 2 ** bits);
  if (!Number.isSafeInteger(k)) throw new RangeError(`parameter ${v} too large to round`);
  return rat(BigInt(k), 1n << BigInt(bits));
}

/** The exact-rational net of a float model (parameters rounded to multiples of 2^-bits). */
export function roundModel(model: FloatModel, cls: NetClass, bits = 24): FittedNet {
  const q = (k: number): Rational => toDyadicRational(model.p[k]!, bits); // k indexes a slot's weights or biases, inside p (layout)
  const linears = model.slots.map((sl) => ({
    type: "linear" as const,
    weight: Array.from({ length: sl.rows }, (_, r) => Array.from({ length: sl.cols }, (_, c) => q(sl.w + r * sl.cols + c))),
    bias: Array.from({ length: sl.rows }, (_, r) => q(sl.b + r)),
  }));
  if (cls.norm.kind === "rms") {
    const layers: RmsNet["layers"][number][] = [];
    linears.forEach((l, i) => {
      layers.push(l);
      if (i < linears.length - 1) layers.push({ type: "rms", eps: cls.eps });
    });
    return { kind: "rms", net: { inputDim: cls.inputDim, layers } };
  }
  const groups = cls.norm.groups;
  const layers: Layer[] = [];
  linears.forEach((l, i) => {
    layers.push(l);
    if (i < linears.length - 1) layers.push({ type: "layernorm", groups, eps: cls.eps });
  });
  return { kind: "ln", net: { inputDim: cls.inputDim, layers } };
}

/** Candidate nets for a labeling, one per successful restart (lazily). Seeded: same seed, same nets. */
export function* fitCandidates(cls: NetClass, points: readonly (readonly Rational[])[], labels: readonly Label[], opts: TrainOptions): Generator<FittedNet> {
  const rng = makeRng(opts.seed);
  const raw = points.map((p) => Float64Array.from(p, toNumber));
  // Standardize the inputs (x - c) / s for training; folded back into the first layer before rounding.
  const dim = cls.inputDim;
  // every point and c have dim coordinates, so j < dim indexes both
  const c = Array.from({ length: dim }, (_, j) => raw.reduce((a, x) => a + x[j]!, 0) / raw.length);
  const sd = Math.sqrt(raw.reduce((a, x) => a + x.reduce((b, v, j) => b + (v - c[j]!) ** 2, 0), 0) / (raw.length * dim)) || 1;
  const xs = raw.map((x) => x.map((v, j) => (v - c[j]!) / sd));
  for (let r = 0; r < (opts.restarts ?? 8); r++) {
    const model = trainOnce(cls, xs, labels, rng, opts.steps ?? 1500, INIT_SCALES[r % INIT_SCALES.length]);
    if (model) yield roundModel(unstandardize(model, c, sd), cls);
  }
}

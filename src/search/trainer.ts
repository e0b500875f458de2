/**
 * A small float64 trainer (untrusted producer): fits a labeling with a net of a given class by Adam on
 * the logistic loss, with exact backpropagation through LayerNorm / RMS groups, then rounds every
 * parameter to a dyadic rational. Whatever it returns must still be certified (kernel for LN nets,
 * rms.ts for RMS nets); a failure here proves nothing.
 */
import { rat, toNumber, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { makeRng, type Rng } from "../util/rng.js";
import type { NetClass } from "./net-class.js";
import type { RmsNet } from "../trusted/checkers/rms.js";

// Tuned on depth-2 line sets (lr 0.05 / margin 1 / init 1 fitted 3 of 60 restarts; these 25 of 60).
const LR = 0.2;
/** Float margin t*y at which training stops; certification decides for real. */
const MARGIN = 0.3;
/** Initial weight scales, cycled over restarts. */
const INIT_SCALES = [2, 3, 1];

export interface FloatModel {
  readonly W: Float64Array[]; // W[i] row-major dims[i+1] x dims[i]
  readonly b: Float64Array[];
  readonly dims: readonly number[];
}

interface Trace {
  readonly a: Float64Array[]; // a[0] = x, a[i+1] = norm(z_i)
  readonly s: Float64Array[]; // per layer, per group scale
  readonly y: number;
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
  const W: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let i = 0; i + 1 < dims.length; i++) {
    const n = dims[i] as number;
    const m = dims[i + 1] as number;
    W.push(Float64Array.from({ length: n * m }, () => rng.normal() * scale * (i === 0 ? 1 : 1 / Math.sqrt(n))));
    b.push(Float64Array.from({ length: m }, () => rng.normal()));
  }
  return { W, b, dims };
}

function forward(model: FloatModel, cls: NetClass, x: Float64Array): Trace {
  const center = cls.norm.kind === "ln";
  const g = groupsOf(cls);
  const eps = toNumber(cls.eps);
  const a: Float64Array[] = [x];
  const s: Float64Array[] = [];
  let h = x;
  const L = model.W.length;
  for (let i = 0; i < L; i++) {
    const n = model.dims[i] as number;
    const m = model.dims[i + 1] as number;
    const z = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      let v = model.b[i]?.[r] as number;
      for (let c = 0; c < n; c++) v += (model.W[i]?.[r * n + c] as number) * (h[c] as number);
      z[r] = v;
    }
    if (i === L - 1) return { a, s, y: z[0] as number };
    const k = m / g;
    const out = new Float64Array(m);
    const sc = new Float64Array(g);
    for (let q = 0; q < g; q++) {
      let mean = 0;
      if (center) for (let j = q * k; j < (q + 1) * k; j++) mean += (z[j] as number) / k;
      let ms = 0;
      for (let j = q * k; j < (q + 1) * k; j++) ms += ((z[j] as number) - mean) ** 2 / k;
      const sd = Math.sqrt(ms + eps) || 1e-300;
      sc[q] = sd;
      for (let j = q * k; j < (q + 1) * k; j++) out[j] = ((z[j] as number) - mean) / sd;
    }
    a.push(out);
    s.push(sc);
    h = out;
  }
  throw new Error("unreachable");
}

/** Adds dLoss/dParams (for dLoss/dy = gy) into grad. */
function backward(model: FloatModel, cls: NetClass, t: Trace, gy: number, grad: FloatModel): void {
  const center = cls.norm.kind === "ln";
  const g = groupsOf(cls);
  let gz = Float64Array.of(gy);
  for (let i = model.W.length - 1; i >= 0; i--) {
    const n = model.dims[i] as number;
    const m = model.dims[i + 1] as number;
    const ain = t.a[i] as Float64Array;
    const ga = new Float64Array(n);
    for (let r = 0; r < m; r++) {
      const gr = gz[r] as number;
      (grad.b[i] as Float64Array)[r] += gr;
      for (let c = 0; c < n; c++) {
        (grad.W[i] as Float64Array)[r * n + c] += gr * (ain[c] as number);
        ga[c] += gr * (model.W[i]?.[r * n + c] as number);
      }
    }
    if (i === 0) return;
    // through the normalization that produced a[i] from z_{i-1}
    const sc = t.s[i - 1] as Float64Array;
    const k = n / g;
    gz = new Float64Array(n);
    for (let q = 0; q < g; q++) {
      let dot = 0;
      for (let j = q * k; j < (q + 1) * k; j++) dot += (ga[j] as number) * (ain[j] as number);
      let meanDc = 0;
      for (let j = q * k; j < (q + 1) * k; j++) {
        const dc = ((ga[j] as number) - ((ain[j] as number) * dot) / k) / (sc[q] as number);
        gz[j] = dc;
        meanDc += dc / k;
      }
      if (center) for (let j = q * k; j < (q + 1) * k; j++) gz[j] -= meanDc;
    }
  }
}

const zerosLike = (m: FloatModel): FloatModel => ({ W: m.W.map((w) => new Float64Array(w.length)), b: m.b.map((v) => new Float64Array(v.length)), dims: m.dims });

/** Train from one random start; returns the model when every sample has margin t*y >= 1 (float). */
export function trainOnce(cls: NetClass, xs: readonly Float64Array[], labels: readonly Label[], rng: Rng, steps: number, scale = 2): FloatModel | undefined {
  const model = initModel(cls, rng, scale);
  const m1 = zerosLike(model);
  const m2 = zerosLike(model);
  const lr = LR;
  for (let step = 1; step <= steps; step++) {
    const grad = zerosLike(model);
    let minMargin = Infinity;
    xs.forEach((x, i) => {
      const tr = forward(model, cls, x);
      const t = labels[i] === 1 ? 1 : -1;
      const margin = t * tr.y;
      minMargin = Math.min(minMargin, Number.isFinite(margin) ? margin : -Infinity);
      const gy = -t / (1 + Math.exp(Math.min(margin, 50)));
      backward(model, cls, tr, gy, grad);
    });
    if (minMargin >= MARGIN) return model;
    const upd = (p: Float64Array, gr: Float64Array, a: Float64Array, v: Float64Array): void => {
      for (let j = 0; j < p.length; j++) {
        const gj = gr[j] as number;
        a[j] = 0.9 * (a[j] as number) + 0.1 * gj;
        v[j] = 0.999 * (v[j] as number) + 0.001 * gj * gj;
        const ah = (a[j] as number) / (1 - 0.9 ** step);
        const vh = (v[j] as number) / (1 - 0.999 ** step);
        p[j] -= (lr * ah) / (Math.sqrt(vh) + 1e-9);
      }
    };
    model.W.forEach((w, i) => upd(w, grad.W[i] as Float64Array, m1.W[i] as Float64Array, m2.W[i] as Float64Array));
    model.b.forEach((w, i) => upd(w, grad.b[i] as Float64Array, m1.b[i] as Float64Array, m2.b[i] as Float64Array));
  }
  return undefined;
}

/** The same function on raw inputs: W x' + b with x' = (x - c)/s equals (W/s) x + (b - W c / s). */
function unstandardize(model: FloatModel, c: readonly number[], s: number): FloatModel {
  const n = model.dims[0] as number;
  const W0 = model.W[0] as Float64Array;
  const W = Float64Array.from(W0, (w) => w / s);
  const b = Float64Array.from(model.b[0] as Float64Array, (v, r) => {
    let t = v;
    for (let j = 0; j < n; j++) t -= ((W0[r * n + j] as number) * (c[j] as number)) / s;
    return t;
  });
  return { W: [W, ...model.W.slice(1)], b: [b, ...model.b.slice(1)], dims: model.dims };
}

/** Round a float to a dyadic rational k / 2^bits (exact: k is a safe integer). */
export function toDyadicRational(v: number, bits: number): Rational {
  const k = Math.round(v * 2 ** bits);
  if (!Number.isSafeInteger(k)) throw new RangeError(`parameter ${v} too large to round`);
  return rat(BigInt(k), 1n << BigInt(bits));
}

/** The exact-rational net of a float model (parameters rounded to multiples of 2^-bits). */
export function roundModel(model: FloatModel, cls: NetClass, bits = 24): FittedNet {
  const linears = model.W.map((w, i) => {
    const n = model.dims[i] as number;
    const m = model.dims[i + 1] as number;
    return {
      type: "linear" as const,
      weight: Array.from({ length: m }, (_, r) => Array.from({ length: n }, (_, c) => toDyadicRational(w[r * n + c] as number, bits))),
      bias: Array.from(model.b[i] as Float64Array, (v) => toDyadicRational(v, bits)),
    };
  });
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
  const c = Array.from({ length: dim }, (_, j) => raw.reduce((a, x) => a + (x[j] as number), 0) / raw.length);
  const sd = Math.sqrt(raw.reduce((a, x) => a + x.reduce((b, v, j) => b + (v - (c[j] as number)) ** 2, 0), 0) / (raw.length * dim)) || 1;
  const xs = raw.map((x) => x.map((v, j) => (v - (c[j] as number)) / sd));
  for (let r = 0; r < (opts.restarts ?? 8); r++) {
    const model = trainOnce(cls, xs, labels, rng, opts.steps ?? 1500, INIT_SCALES[r % INIT_SCALES.length]);
    if (model) yield roundModel(unstandardize(model, c, sd), cls);
  }
}

/**
 * The RMS variant of normalization (scale only, no centering): h -> h / sqrt(mean(h^2) + eps).
 * NOT part of lnnet/v1, so the kernel cannot check it. This file gives RMS nets a JSON form
 * ("lnnet-search-rms/v0", like lnnet/v1 with layers of type "rms") and a small rigorous evaluator.
 *
 * Why the evaluator is rigorous: it is the kernel's own interval evaluator (verify/evaluate-interval.ts,
 * enclosure theorem of GUARANTEES.md) with one step changed. Linear layers are its `linear`; one RMS
 * group of size k is its `scaleGroup` applied to h itself, out_i = h_i * sqrt(k / (sum_j h_j^2 + k eps)),
 * which equals h_i / sqrt((1/k) sum_j h_j^2 + eps) algebraically (LayerNorm applies the same step to
 * centred values). A denominator that may be 0 raises IntervalDomainError, after which the precision is
 * raised and, at the cap, the sample is "undecided" (never certified). Shapes are validated by the
 * parser exactly as for lnnet/v1 (net/format.ts). A sample is certified only when the output enclosure
 * lies strictly on the label's side of 0, as in the kernel.
 */
import { signOf, type Interval } from "../numbers/interval.js";
import { rat, rationalFromJson, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import { linearFromJson } from "../net/format.js";
import { bad, isInt, isObject } from "../net/json-fields.js";
import type { LinearLayer } from "../net/model.js";
import { labelSign, precisionLadder, tryEnclose } from "../verify/decide.js";
import { dyadicArith, linear, scaleGroup } from "../verify/evaluate-interval.js";

export const RMS_FORMAT = "lnnet-search-rms/v0";

export interface RmsLayer {
  readonly type: "rms";
  readonly eps: Rational;
}
export interface RmsNet {
  readonly inputDim: number;
  readonly layers: readonly (LinearLayer | RmsLayer)[];
}

/** Validate parsed JSON as an RMS net: linear layers as in lnnet/v1 (widths chained), one output. */
export function rmsNetFromJson(json: unknown): RmsNet {
  if (!isObject(json) || json.format !== RMS_FORMAT || !isInt(json.inputDim, 1, Number.MAX_SAFE_INTEGER) || !Array.isArray(json.layers)) {
    bad(`not an ${RMS_FORMAT} net`, "$", "bad-format");
  }
  let width = json.inputDim;
  const layers = (json.layers as unknown[]).map((l, i): LinearLayer | RmsLayer => {
    if (!isObject(l) || (l.type !== "rms" && l.type !== "linear")) bad(`a layer must be {"type": "linear" | "rms", ...}`, `layers[${i}]`, "bad-format");
    if (l.type === "rms") return { type: "rms", eps: rationalFromJson(l.eps, `layers[${i}].eps`) };
    const layer = linearFromJson(l, `layers[${i}]`, i, width);
    width = layer.weight.length;
    return layer;
  });
  if (width !== 1) bad(`an ${RMS_FORMAT} net must have one output, got ${width}`, "layers", "bad-shape");
  return { inputDim: json.inputDim, layers };
}

/** An enclosure of the output at precision `prec` (throws IntervalDomainError when a denominator may be 0). */
export function evaluateRmsInterval(net: RmsNet, x: readonly Rational[], prec: number): Interval {
  const A = dyadicArith(prec);
  let h = x.map(A.fromRational);
  for (const l of net.layers) {
    if (l.type === "linear") h = linear(A, { type: "linear", weight: l.weight.map((r) => r.map(A.fromRational)), bias: l.bias.map(A.fromRational) }, h);
    else h = scaleGroup(A, h, A.fromRational(l.eps.mul(rat(h.length))));
  }
  const [y] = h;
  if (y === undefined || h.length !== 1) throw new RangeError(`internal: an ${RMS_FORMAT} net has ${h.length} outputs, not 1`);
  return y;
}

/** Certified iff at some precision of the kernel's ladder (64 bits up to maxBits) the enclosure is strictly on the label's side of 0. */
export function certifyRmsSample(net: RmsNet, x: readonly Rational[], label: Label, maxBits = 1024): boolean {
  if (x.length !== net.inputDim) return false;
  for (const prec of precisionLadder({ startBits: 64, maxBits })) {
    const y = tryEnclose(() => evaluateRmsInterval(net, x, prec));
    const s = y && signOf(y);
    if (s === 1 || s === -1) return s === labelSign(label);
  }
  return false;
}

export const certifyRmsNet = (net: RmsNet, points: readonly (readonly Rational[])[], labels: readonly Label[], maxBits = 1024): boolean =>
  points.length === labels.length && points.every((x, i) => certifyRmsSample(net, x, labels[i]!, maxBits)); // i < points.length = labels.length

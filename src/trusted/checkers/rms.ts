/**
 * The RMS variant of normalization (scale only, no centering): h -> h / sqrt(mean(h^2) + eps).
 * NOT part of lnnet/v1, so the kernel cannot check it. This file gives RMS nets a JSON form
 * ("lnnet-search-rms/v0", like lnnet/v1 with layers of type "rms") and a small rigorous evaluator.
 *
 * Why the evaluator is rigorous: every step is an operation of src/numbers/interval.ts (the enclosure
 * theorem of GUARANTEES.md: each maps enclosures of its arguments to an enclosure of the exact result).
 * Parameters and inputs enter through fromRational (floor/ceiling of exact quotients). One RMS group
 * of size k is computed as out_i = h_i * sqrt(k / (sum_j h_j^2 + k eps)), which equals
 * h_i / sqrt((1/k) sum_j h_j^2 + eps) algebraically; the squares use `square` (never negative), and a
 * denominator that may be 0 raises IntervalDomainError, after which the precision is raised and, at
 * the cap, the sample is "undecided" (never certified). A sample is certified only when the output
 * enclosure lies strictly on the label's side of 0, as in the kernel.
 */
import * as I from "../numbers/interval.js";
import { rat, rationalFromJson, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import type { LinearLayer } from "../net/model.js";

export const RMS_FORMAT = "lnnet-search-rms/v0";

export interface RmsLayer {
  readonly type: "rms";
  readonly eps: Rational;
}
export interface RmsNet {
  readonly inputDim: number;
  readonly layers: readonly (LinearLayer | RmsLayer)[];
}

/** xs[i], or a TypeError when an RMS net's shape does not fit (rmsNetFromJson checks types, not shapes). */
function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new TypeError(`an ${RMS_FORMAT} net's shape does not fit its input (no entry ${i})`);
  return x;
}

export function rmsNetFromJson(json: unknown): RmsNet {
  const o = json as { format?: unknown; inputDim?: unknown; layers?: unknown };
  if (o.format !== RMS_FORMAT || typeof o.inputDim !== "number" || !Array.isArray(o.layers)) throw new TypeError(`not an ${RMS_FORMAT} net`);
  const layers = o.layers.map((l: { type?: unknown; eps?: unknown; weight?: unknown; bias?: unknown }, i: number): LinearLayer | RmsLayer => {
    if (l.type === "rms") return { type: "rms", eps: rationalFromJson(l.eps, `layers[${i}].eps`) };
    const w = l.weight as unknown[][];
    return {
      type: "linear",
      weight: w.map((r, a) => r.map((v, b) => rationalFromJson(v, `layers[${i}].weight[${a}][${b}]`))),
      bias: (l.bias as unknown[]).map((v, a) => rationalFromJson(v, `layers[${i}].bias[${a}]`)),
    };
  });
  return { inputDim: o.inputDim, layers };
}

/** An enclosure of the output at precision `prec` (throws IntervalDomainError when a denominator may be 0). */
export function evaluateRmsInterval(net: RmsNet, x: readonly Rational[], prec: number): I.Interval {
  let h: I.Interval[] = x.map((v) => I.fromRational(v, prec));
  for (const l of net.layers) {
    if (l.type === "linear") {
      h = l.weight.map((row, i) => row.reduce((s, w, j) => I.add(s, I.mul(I.fromRational(w, prec), at(h, j), prec), prec), I.fromRational(at(l.bias, i), prec)));
      continue;
    }
    const k = h.length;
    let denom = I.fromRational(l.eps.mul(rat(k)), prec);
    for (const v of h) denom = I.add(denom, I.square(v, prec), prec);
    const scale = I.sqrt(I.div(I.fromRational(rat(k), prec), denom, prec), prec);
    h = h.map((v) => I.mul(v, scale, prec));
  }
  if (h.length !== 1) throw new TypeError(`an ${RMS_FORMAT} net must have one output, got ${h.length}`);
  return at(h, 0);
}

/** Certified iff at some precision up to maxBits the enclosure is strictly on the label's side of 0. */
export function certifyRmsSample(net: RmsNet, x: readonly Rational[], label: Label, maxBits = 1024): boolean {
  for (let prec = 64; prec <= maxBits; prec *= 2) {
    let y: I.Interval;
    try {
      y = evaluateRmsInterval(net, x, prec);
    } catch (e) {
      if (e instanceof I.IntervalDomainError) continue;
      throw e;
    }
    const s = I.signOf(y);
    if (s !== "undecided") return s === (label === 1 ? 1 : -1);
  }
  return false;
}

export const certifyRmsNet = (net: RmsNet, points: readonly (readonly Rational[])[], labels: readonly Label[], maxBits = 1024): boolean =>
  points.length === labels.length && points.every((x, i) => certifyRmsSample(net, x, at(labels, i), maxBits));

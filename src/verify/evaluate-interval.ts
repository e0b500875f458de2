/**
 * Rigorous evaluation of an LN-Net on one input: every operation is an outward-rounded interval
 * operation from numbers/interval.ts, so the returned interval contains the true output
 * (enclosure theorem, stated there). Rational parameters are enclosed by `fromRational`.
 */
import * as I from "../numbers/interval.js";
import type { Interval } from "../numbers/interval.js";
import type { Rational } from "../numbers/rational.js";
import type { Net } from "../net/model.js";

interface PreparedLinear {
  readonly type: "linear";
  readonly weight: readonly (readonly Interval[])[];
  readonly bias: readonly Interval[];
}
interface PreparedLayerNorm {
  readonly type: "layernorm";
  readonly groups: number;
  /** k^3 * eps enclosed, k the group size (see layerNormInterval). */
  readonly k3eps: Interval;
}
export interface PreparedNet {
  readonly prec: number;
  readonly layers: readonly (PreparedLinear | PreparedLayerNorm)[];
}

/** Enclose every parameter at precision `prec` (exact when it is dyadic). */
export function prepareNet(net: Net, prec: number): PreparedNet {
  let width = net.inputDim;
  const layers = net.layers.map((l): PreparedLinear | PreparedLayerNorm => {
    if (l.type === "linear") {
      width = l.weight.length;
      return {
        type: "linear",
        weight: l.weight.map((row) => row.map((w) => I.fromRational(w, prec))),
        bias: l.bias.map((b) => I.fromRational(b, prec)),
      };
    }
    const k = BigInt(width / l.groups);
    return { type: "layernorm", groups: l.groups, k3eps: I.fromRational(l.eps.mul(k * k * k), prec) };
  });
  return { prec, layers };
}

/** W h + b, as sums of interval products. */
function linearInterval(l: PreparedLinear, h: readonly Interval[], prec: number): Interval[] {
  return l.weight.map((row, i) => {
    let acc = l.bias[i] as Interval;
    row.forEach((w, j) => {
      acc = I.add(acc, I.mul(w, h[j] as Interval, prec), prec);
    });
    return acc;
  });
}

/**
 * LayerNorm of one group of size k, written to avoid the inexact 1/k:
 *   c'_i = (k-1) h_i - sum_{j != i} h_j      ( = k (h_i - mean) )
 *   out_i = c'_i * sqrt( k / (sum_j c'_j^2 + k^3 eps) )
 * which equals (h_i - mean) / sqrt(var + eps) with var = (1/k) sum (h_j - mean)^2 (algebra in
 * docs/GUARANTEES.md). The division fails explicitly (IntervalDomainError) when the denominator
 * interval touches 0, i.e. when a zero variance with eps = 0 cannot be excluded at this precision.
 */
export function layerNormGroupInterval(h: readonly Interval[], k3eps: Interval, prec: number): Interval[] {
  const k = h.length;
  const centred = h.map((hi, i) => {
    let acc = I.scaleInt(hi, BigInt(k - 1), prec);
    h.forEach((hj, j) => {
      if (j !== i) acc = I.sub(acc, hj, prec);
    });
    return acc;
  });
  let ss = k3eps;
  for (const c of centred) ss = I.add(ss, I.square(c, prec), prec);
  const kI = I.point({ m: BigInt(k), e: 0 });
  const scale = I.sqrt(I.div(kI, ss, prec), prec);
  return centred.map((c) => I.mul(c, scale, prec));
}

function layerNormInterval(l: PreparedLayerNorm, h: readonly Interval[], prec: number): Interval[] {
  const k = h.length / l.groups;
  const out: Interval[] = [];
  for (let g = 0; g < l.groups; g++) out.push(...layerNormGroupInterval(h.slice(g * k, (g + 1) * k), l.k3eps, prec));
  return out;
}

/**
 * Output enclosure of the net, starting at layer `from` with the exact input `h` of that layer.
 * Throws IntervalDomainError when a LayerNorm denominator cannot be bounded away from 0.
 */
export function evaluateIntervalFrom(p: PreparedNet, from: number, h: readonly Rational[]): Interval {
  let v: Interval[] = h.map((r) => I.fromRational(r, p.prec));
  for (let i = from; i < p.layers.length; i++) {
    const l = p.layers[i] as PreparedLinear | PreparedLayerNorm;
    v = l.type === "linear" ? linearInterval(l, v, p.prec) : layerNormInterval(l, v, p.prec);
  }
  return v[0] as Interval;
}

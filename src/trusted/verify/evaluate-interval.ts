/**
 * Rigorous evaluation of an LN-Net on one input, written once over an interval arithmetic `A`:
 * every operation is an outward-rounded interval operation (here BigInt dyadics at a precision, from
 * numbers/interval.ts; the float64 accelerator in fast/ supplies another arithmetic), so the returned
 * interval contains the true output (enclosure theorem, GUARANTEES.md).
 */
import * as I from "../numbers/interval.js";
import type { Rational } from "../numbers/rational.js";
import type { Net } from "../net/model.js";

/** The operations the evaluator needs; each implementation documents why it encloses. */
export interface IntervalArith<T> {
  /** Precision in bits (53 for float64). */
  readonly bits: number;
  fromRational(r: Rational): T;
  fromInt(k: number): T;
  add(x: T, y: T): T;
  sub(x: T, y: T): T;
  mul(x: T, y: T): T;
  square(x: T): T;
  div(x: T, y: T): T;
  sqrt(x: T): T;
  sign(x: T): 1 | -1 | "undecided";
}

/** BigInt dyadic intervals rounded outward to `prec` bits. */
export function dyadicArith(prec: number): IntervalArith<I.Interval> {
  return {
    bits: prec,
    fromRational: (r) => I.fromRational(r, prec),
    fromInt: (k) => I.point({ m: BigInt(k), e: 0 }),
    add: (x, y) => I.add(x, y, prec),
    sub: (x, y) => I.sub(x, y, prec),
    mul: (x, y) => I.mul(x, y, prec),
    square: (x) => I.square(x, prec),
    div: (x, y) => I.div(x, y, prec),
    sqrt: (x) => I.sqrt(x, prec),
    sign: I.signOf,
  };
}

interface PreparedLinear<T> {
  readonly type: "linear";
  readonly weight: readonly (readonly T[])[];
  readonly bias: readonly T[];
}
interface PreparedLayerNorm<T> {
  readonly type: "layernorm";
  readonly groups: number;
  /** k^3 * eps enclosed, k the group size (see layerNormGroup). */
  readonly k3eps: T;
}
export interface PreparedNet<T> {
  readonly arith: IntervalArith<T>;
  readonly layers: readonly (PreparedLinear<T> | PreparedLayerNorm<T>)[];
}

/** Enclose every parameter once per arithmetic (exact when it is representable). */
export function prepareNet<T>(net: Net, arith: IntervalArith<T>): PreparedNet<T> {
  let width = net.inputDim;
  const layers = net.layers.map((l): PreparedLinear<T> | PreparedLayerNorm<T> => {
    if (l.type === "linear") {
      width = l.weight.length;
      return { type: "linear", weight: l.weight.map((row) => row.map(arith.fromRational)), bias: l.bias.map(arith.fromRational) };
    }
    const k = BigInt(width / l.groups);
    return { type: "layernorm", groups: l.groups, k3eps: arith.fromRational(l.eps.mul(k * k * k)) };
  });
  return { arith, layers };
}

/**
 * W h + b, as sums of interval products. Shapes (`!`): the parsers (net/format.ts, checkers/rms.ts) give
 * one bias per row and one weight per input, and the input h has the layer's input width.
 */
export function linear<T>(A: IntervalArith<T>, l: PreparedLinear<T>, h: readonly T[]): T[] {
  return l.weight.map((row, i) => {
    let acc: T = l.bias[i]!;
    row.forEach((w, j) => {
      acc = A.add(acc, A.mul(w, h[j]!));
    });
    return acc;
  });
}

/**
 * c_i * sqrt(k / (sum_j c_j^2 + extra)) for the k entries of c: the scaling step shared by LayerNorm
 * (c centred, below) and RMS normalisation (checkers/rms.ts). The squares use `square` (never negative);
 * the division fails explicitly (IntervalDomainError) when the denominator interval touches 0.
 */
export function scaleGroup<T>(A: IntervalArith<T>, c: readonly T[], extra: T): T[] {
  let ss = extra;
  for (const v of c) ss = A.add(ss, A.square(v));
  const scale = A.sqrt(A.div(A.fromInt(c.length), ss));
  return c.map((v) => A.mul(v, scale));
}

/**
 * LayerNorm of one group of size k, written to avoid the inexact 1/k:
 *   c'_i = (k-1) h_i - sum_{j != i} h_j      ( = k (h_i - mean) )
 *   out_i = c'_i * sqrt( k / (sum_j c'_j^2 + k^3 eps) )
 * which equals (h_i - mean) / sqrt(var + eps) with var = (1/k) sum (h_j - mean)^2 (GUARANTEES.md).
 */
export function layerNormGroup<T>(A: IntervalArith<T>, h: readonly T[], k3eps: T): T[] {
  const km1 = A.fromInt(h.length - 1);
  const centred = h.map((hi, i) => {
    let acc = A.mul(km1, hi);
    h.forEach((hj, j) => {
      if (j !== i) acc = A.sub(acc, hj);
    });
    return acc;
  });
  return scaleGroup(A, centred, k3eps);
}

/** A layer of a prepared net applied to an enclosure `v` of its input. */
function evaluateLayer<T>(A: IntervalArith<T>, l: PreparedLinear<T> | PreparedLayerNorm<T>, v: readonly T[]): T[] {
  if (l.type === "linear") return linear(A, l, v);
  const k = v.length / l.groups;
  const out: T[] = [];
  for (let g = 0; g < l.groups; g++) out.push(...layerNormGroup(A, v.slice(g * k, (g + 1) * k), l.k3eps));
  return out;
}

/**
 * Output enclosure of the net, starting at layer `from` with the exact input `h` of that layer.
 * Throws IntervalDomainError when a LayerNorm denominator cannot be bounded away from 0, and
 * FloatRangeError when the float64 arithmetic leaves its safe range.
 */
export function evaluateIntervalFrom<T>(p: PreparedNet<T>, from: number, h: readonly Rational[]): T {
  let v: T[] = h.map(p.arith.fromRational);
  for (const l of p.layers.slice(from)) v = evaluateLayer(p.arith, l, v);
  const [y] = v;
  if (y === undefined || v.length !== 1) throw new RangeError(`internal: the net has ${v.length} outputs, not 1`);
  return y;
}

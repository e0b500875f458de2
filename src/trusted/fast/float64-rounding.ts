/**
 * float64 safety: an enclosure of every value a width-3 LN-Net's output can take when it is
 * evaluated in IEEE binary64, so that a sample whose enclosure lies on its label's side is proven
 * to be classified right in float64 (`lnnet construct --float64-proof`, docs/construction.md).
 *
 * WHAT IS COVERED. The formulas of lnnet's float64 evaluator (src/workshop/evaluate-float.ts,
 * `lnnet eval --mode float`): nn.Linear z = W x + b, then LayerNorm without affine: mean, centred
 * values c = z - mean, var = mean of c^2, y = c / sqrt(var + eps). Every parameter and input is
 * converted with relative error at most gamma_3 (round to nearest is one rounding; fraction.js's
 * valueOf, Number(n) / Number(d), is three: numerator and denominator must stay below 2^1000, else
 * not in scope); every +, -, x, /, sqrt is correctly rounded (round to nearest); sums in ANY order,
 * with or without fused multiply-add; the mean and variance by division by 3 or multiplication by
 * fl(1/3); y by division or by multiplication with fl(1/s). Kernels that compute the moments by
 * streaming (Welford) updates or apply y = x rstd - mean rstd round differently and are NOT covered;
 * nor are approximate reciprocal square roots, float32 or TF32.
 *
 * METHOD. The first-order set (S) of evaluate-first-order.ts, { c + alpha t + delta }, now holds the
 * float64 values of a layer for every admissible rounding (and the exact value: no rounding is one
 * of them). Each step is that file's step (an enclosure of the exact map on the set) with the fresh
 * rounding errors below added to the box delta; u = 2^-53, gamma_k = k u / (1 - k u) (Higham,
 * "Accuracy and Stability of Numerical Algorithms", Lemma 3.1: prod (1 + d_i)^(+-1) over k factors
 * with |d_i| <= u is 1 + theta, |theta| <= gamma_k; and (1 + theta_j)/(1 + theta_k) = 1 + theta_(j+k)).
 * Underflow adds at most 2^-1075 per product, quotient or conversion (sums of doubles underflow
 * exactly).
 *
 * Linear row (n inputs x~ with |x~_j| <= X_j). With W~ = W (1 + theta_3), b~ = b (1 + theta_3) and
 * any order of the n + 1 terms (each meets at most n additions, and one product),
 * fl(sum W~_j x~_j + b~) = sum W_j x~_j (1 + theta_(n+4)) + b (1 + theta_(n+3)), so
 *     |z~ - (W x~ + b)| <= gamma_(n+4) (sum |W_j| X_j + |b|) + (n + 2)(1 + sum X) 2^-1070.
 * The first layer's inputs are converted too: |x~ - x| <= gamma_3 |x| + 2^-1074, times sum |W_j|.
 *
 * LayerNorm (input z~ in the set Z, |z~_j| <= Zm). m~ = mean(z~) (1 + theta_4) termwise, so
 * |m~ - mean| <= gamma_4 Zm; c~_j = (z~_j - m~)(1 + d): c~ = C z~ + k with |k_j| <= kappa := gamma_7 Zm.
 * Write c~ = C w + beta 1 with w = z~ + k (in Z widened by kappa) and |beta| = |mean(k)| <= kappa.
 * The variance is a sum of nonnegative terms: var~ + eps~ = T (1 + theta_7), T = |c~|^2 / 3 + eps
 * (here theta_7 is a weighted mean of products of roundings, still |theta_7| <= gamma_7);
 * s~ = sqrt(T)(1 + theta'), (1 + theta') = sqrt(1 + theta_7)(1 + d), and y~_j = g(c~)_j (1 + theta'')
 * with g(c) = c / sqrt(|c|^2/3 + eps) (division, or reciprocal then product) and |g(c~)_j| <= sqrt 3.
 * theta' and theta'' are not products of (1 + d)^(+-1) factors, so Lemma 3.1's quotient rule is not
 * used for them; directly, |1 + theta''| <= (1 - gamma_7)^(-1/2) (1 - u)^(-1) (1 + u)^2, which is
 * 1 + 6.5 u to first order and below 1 + gamma_10.
 * For c in 1-perp, g(c + beta 1) - g(c) has entries at most |beta|/sqrt(Tc) + sqrt(3) beta^2/(2 Tc)
 * (Tc = |c|^2/3 + eps; |c + beta 1|^2 = |c|^2 + 3 beta^2), and g(C w) = LN(w). Hence
 *     y~ in LN(Z + box kappa) + box( gamma_12 sqrt 3 + rho (1 + rho) ),   rho = kappa / sqrt(Tc),
 * with sqrt(3 Tc) >= |C w| >= |C c_z| - sqrt 3 (|t| a + r + kappa) over the widened set (|C v| <= |v|).
 * gamma_12 leaves two roundings of slack. The guards keep every value below 2^500 and |C w| above
 * 2^-400, so nothing overflows and an underflow's absolute error (2^-1075) is far below the slack
 * u Zm >= 2^-454 (Zm >= |C w| / sqrt 3) that the gamma indices leave. A lower bound that is not positive, or a value out of
 * range, gives undefined: not proven (never a wrong "safe").
 *
 * WHEN IT PROVES NOTHING. The set (S) is a linearisation: when the float64 errors, amplified along
 * the net, become comparable to a layer's own scale (|t| a or r near |C c_z|), the LayerNorm guard
 * fails and the sample is "not proven" although its float64 value may well be right.
 */
import * as F from "./float-interval.js";
import * as I from "../numbers/interval.js";
import { magAdd, magMax, magMul, magOf, magOfDyadic, magScale, magToDyadic, MAG_ZERO, type Mag } from "./mag.js";
import { bitLength, type Rational } from "../numbers/rational.js";
import type { Net } from "../net/model.js";
import type { Dataset } from "../net/dataset.js";
import { dyadicArith, prepareNet, type PreparedNet } from "../verify/evaluate-interval.js";
import { layerNormStep, linearStep, prepareFirstOrder, type FirstOrderNet, type State } from "./evaluate-first-order.js";

/** The dyadic working precision: its roundings (2^-128 relative) are far below float64's. */
const PREC = 128;
const U = F.pow2(-53);

/** gamma_k = k u / (1 - k u), rounded up (k u and 1 - k u are exact for k < 2^20). */
const gamma = (k: number): number => F.up((k * U) / F.down(1 - k * U));

/** A double upper bound on the magnitude m 2^-K (FloatRangeError beyond the doubles' range). */
function magUp(m: Mag, K: number): number {
  if (m.f === 0) return 0;
  const e = m.e - K;
  if (e > 900) throw new F.FloatRangeError();
  return e < -1000 ? F.pow2(-1000) : F.up(m.f * F.pow2(e));
}

/** Number(n) / Number(d) is finite and within gamma_3 (header); also keeps |value| < 2^1000. */
const convertible = (v: Rational): boolean => bitLength(v.n) < 1000 && bitLength(v.d) < 1000;

const absHi = (x: F.FInterval): number => Math.max(-x.lo, x.hi);
const absMag = (x: I.Interval): Mag => magMax(magOfDyadic(x.lo), magOfDyadic(x.hi));

/** Upper bounds on |entry j| of the set (S): |c_j| + |t_j| a + r. */
const entryBounds = (s: State): Mag[] => s.c.map((c, j) => magAdd(magAdd(magOfDyadic(c), magScale(s.a, Math.abs(s.t[j]!))), s.r));

/** The fresh error of one float64 linear row (header), from |W_j| (doubles, upper bounds), |b| and X_j. */
function rowError(wAbs: readonly number[], bAbs: Mag, X: readonly Mag[]): Mag {
  const n = wAbs.length;
  let dot = bAbs;
  let xMax = magOf(1);
  wAbs.forEach((w, j) => {
    dot = magAdd(dot, magScale(X[j]!, w)); // X has one bound per input column
    xMax = magAdd(xMax, X[j]!);
  });
  if (dot.e > 900 || xMax.e > 900) throw new F.FloatRangeError(); // overflow possible: not proven
  return magAdd(magScale(dot, gamma(n + 4)), magMul(magOf(n + 2, -1070), xMax));
}

/** The linear layer i on the float set: the exact step, plus the rounding of every row. */
function floatLinear(p: PreparedNet<I.Interval>, fo: FirstOrderNet, i: number, s: State): State {
  const fl = fo.linear.get(i)!; // i is a linear layer of the first-order net
  const l = p.layers[i] as { bias: readonly I.Interval[] };
  const X = entryBounds(s);
  const z = linearStep(p, fl, i, s);
  const extra = magMax(...fl.weight.map((row, k) => rowError(row.map(absHi), absMag(l.bias[k]!), X)));
  return { ...z, r: magAdd(z.r, extra) };
}

/** The LayerNorm i on the float set (header). */
function floatLayerNorm(p: PreparedNet<I.Interval>, fo: FirstOrderNet, i: number, z: State): State {
  // Normalise by 2^K (K ~ the top bit of the centre) so that the doubles below stay in range.
  const k = Math.max(...z.c.map((d) => (d.m === 0n ? -Infinity : bitLength(d.m < 0n ? -d.m : d.m) + d.e)));
  const K = Number.isFinite(k) ? k : 0;
  const zm = Math.max(...entryBounds(z).map((m) => magUp(m, K)));
  // Far from under- and overflow, so that the roundings are relative (header): else not proven.
  // Math.log2 is only a guard here: its error is far below the slack to 2^1024 and 2^-1022.
  if (!(K + Math.log2(zm) < 500)) throw new F.FloatRangeError();
  const kappa = F.up(gamma(7) * zm);
  // |C c_z| from the exact dyadics: 3 C c = 3 c - (sum c) 1.
  const sum = z.c.reduce((a, b) => I.dAdd(a, b), I.DYADIC_ZERO);
  const three = { m: 3n, e: 0 };
  const q = z.c.reduce((acc, c) => {
    const v = I.dSub(I.dMul(three, c), sum);
    return I.dAdd(acc, I.dMul(v, v));
  }, I.DYADIC_ZERO); // |3 C c|^2 = 9 |C c|^2, exactly
  const qn = F.dyadicBound({ m: q.m, e: q.e - 2 * K }, -1);
  const normCc = qn > 0 ? F.down(F.sqrt({ lo: qn, hi: qn }).lo / 3) : 0;
  // every operation rounded up on its own (each of the three could round down to nearest)
  const spread = F.up(F.up(F.up(Math.max(...z.t.map(Math.abs)) * magUp(z.a, K)) + magUp(z.r, K)) + kappa);
  const lowerCw = F.down(normCc - F.up(1.75 * spread)); // 1.75 > sqrt 3
  if (!(lowerCw > 0) || Math.log2(lowerCw) + K < -400) throw new F.FloatRangeError(); // not proven
  // sqrt(Tc) >= |C w| / sqrt 3 > lowerCw / 1.75.
  const rho = F.up(kappa / F.down(lowerCw / 1.75));
  const fresh = F.up(F.up(gamma(12) * 1.75) + F.up(rho * F.up(1 + rho)));
  const widened = { ...z, r: magAdd(z.r, magOf(kappa, K)) };
  const y = layerNormStep(p, fo.eps9.get(i)!, i, widened); // i is a LayerNorm of the first-order net
  return { ...y, r: magAdd(y.r, magOf(fresh)) };
}

export interface Float64Prepared {
  readonly p: PreparedNet<I.Interval>;
  readonly fo: FirstOrderNet;
  readonly first: { readonly weight: readonly (readonly Rational[])[]; readonly bias: readonly Rational[]; readonly wAbs: readonly (readonly number[])[] };
}

/** The net in scope (Linear, then width-3 one-group LayerNorms and linear layers), or undefined. */
export function prepareFloat64(net: Net): Float64Prepared | undefined {
  const l0 = net.layers[0];
  if (l0?.type !== "linear" || net.layers[1]?.type !== "layernorm") return undefined;
  const params = net.layers.flatMap((l) => (l.type === "linear" ? [...l.weight.flat(), ...l.bias] : [l.eps]));
  if (!params.every(convertible)) return undefined;
  const fo = prepareFirstOrder(net, 1);
  if (!fo) return undefined;
  try {
    const wAbs = l0.weight.map((row) => row.map((w) => absHi(F.fromRational(w))));
    return { p: prepareNet(net, dyadicArith(PREC)), fo, first: { weight: l0.weight, bias: l0.bias, wAbs } };
  } catch (e) {
    if (e instanceof F.FloatRangeError) return undefined;
    throw e;
  }
}

/** An enclosure of every float64 value of the output on input x (header), or undefined. */
export function float64OutputEnclosure(f: Float64Prepared, x: readonly Rational[]): I.Interval | undefined {
  const { p, fo, first } = f;
  try {
    // The first layer from the exact input: h exactly, then the rounding of x and of the row.
    if (!x.every(convertible)) return undefined; // not in scope (header)
    const X = x.map((v) => magAdd(magScale(absMag(I.fromRational(v, PREC)), F.up(1 + gamma(3))), magOf(1, -1074)));
    const errors: Mag[] = [];
    const c = first.weight.map((row, k) => {
      const h = row.reduce((acc, w, j) => acc.add(w.mul(x[j]!)), first.bias[k]!); // one weight per input
      const H = I.fromRational(h, PREC);
      const wAbs = first.wAbs[k]!;
      const inputRounding = wAbs.reduce((acc, w, j) => magAdd(acc, magScale(magAdd(magScale(absMag(I.fromRational(x[j]!, PREC)), gamma(3)), magOf(1, -1074)), w)), MAG_ZERO);
      const e = magAdd(magAdd(magOfDyadic(I.width(H)), inputRounding), rowError(wAbs, absMag(I.fromRational(first.bias[k]!, PREC)), X));
      errors.push(e);
      return H.lo;
    });
    let s: State = { c, t: [1, 0, 0], a: MAG_ZERO, r: magMax(...errors) };
    for (let i = 1; i < p.layers.length; i++) s = fo.linear.has(i) ? floatLinear(p, fo, i, s) : floatLayerNorm(p, fo, i, s);
    const rad = magToDyadic(magAdd(magScale(s.a, Math.abs(s.t[0]!)), s.r));
    return { lo: I.dSub(s.c[0]!, rad), hi: I.dAdd(s.c[0]!, rad) };
  } catch (e) {
    if (e instanceof F.FloatRangeError || e instanceof I.IntervalDomainError) return undefined; // not proven
    throw e;
  }
}

/** Per sample: is its float64 output proven to carry its label's sign? (undefined: net out of scope) */
export function float64Safety(net: Net, data: Dataset, onProgress?: (done: number, total: number) => void): boolean[] | undefined {
  const f = prepareFloat64(net);
  if (!f) return undefined;
  return data.samples.map((s, i) => {
    const y = float64OutputEnclosure(f, s.x);
    onProgress?.(i + 1, data.samples.length);
    return y !== undefined && (s.label === 1 ? I.isPositive(y) : I.isNegative(y));
  });
}

/**
 * First-order rigorous evaluation of width-3 LN-Nets: the enclosure keeps the direction in which
 * errors actually travel, instead of a box that re-grows at every layer.
 *
 * WHY. A width-3 LayerNorm (eps = 0) maps R^3 onto a circle, and its Jacobian has rank 1: every small
 * perturbation of its input comes out along the tangent of the circle. A box enclosure forgets this
 * and pays the full gradient norm in every direction at every layer (measured: ~7-9 bits per layer on
 * constructed nets, against ~2 bits of true sensitivity). Here the state after a LayerNorm is
 *
 *     y  in  { yc + alpha t + delta :  |alpha| <= a,  |delta_i| <= r }                    (S)
 *
 * with yc an exact dyadic vector (precision `prec`), t a double vector (any vector: soundness never
 * depends on it), and a, r upper bounds (numbers/mag.ts, unbounded exponents). The generator absorbs
 * first-order errors; the box only holds rounding and second-order terms, which stay tiny.
 *
 * STEP PROOFS (every bound rounded up; dyadic enclosures from numbers/interval.ts, double enclosures
 * from numbers/float-interval.ts, both outward-rounded and proven there).
 *
 * Linear z = W y + b on (S). Zc = [W] yc + [b] (dyadic intervals) contains W yc + b, so with
 * zc = lo(Zc), W yc + b = zc + d0 with 0 <= d0_i <= width(Zc_i). The double interval vector G = [W] t
 * contains W t; with g any double vector, |(W t - g)_i| <= dev_i := max(hi(G_i) - g_i, g_i - lo(G_i))
 * rounded up. |(W delta)_i| <= sum_j |W_ij| r <= rowAbs_i r. Hence
 *     z in { zc + alpha g + delta' : |alpha| <= a, |delta'_i| <= width(Zc_i) + dev_i a + rowAbs_i r }.
 *
 * LayerNorm y = f(z) on that set Z. f(zc) is enclosed by the dyadic interval LayerNorm on the point
 * zc: yc' = lo, error <= width. For z in Z, z - zc = alpha g + delta' and every point of the segment
 * [zc, z] lies in the box hull H = zc +- (|g| a + r'). Mean value theorem, row by row: f_i(z) - f_i(zc)
 * = grad f_i(xi_i) . (z - zc) with xi_i in H, so f(z) - f(zc) = M (z - zc) with M in [Df](H), the
 * Jacobian formula evaluated in double intervals over H (f is smooth there: the interval for the
 * variance is proven > 0). Write [Df](H) = t' w^T + [E] (t', w any doubles, [E] := [Df](H) - t' w^T
 * in double intervals). Then
 *     f(z) - f(zc) = t' (w . (z - zc)) + E (z - zc),
 *     |w . (z - zc)| <= |w . g| a + |w|_1 r',     |E (z - zc)|_i <= sum_j |E_ij| (|g_j| a + r').
 * The first is the new generator's bound a'; the second and the width of f(zc) form the new box r'.
 * The Jacobian is computed at zc 2^-k (|zc| ~ 1, so doubles neither overflow nor lose the hull):
 * f(z; eps) = f(z 2^-k; eps 2^-2k), so Df(z) = 2^-k Df_n(z 2^-k) with eps scaled the same way.
 * With c' = 3 C z (C the centring) and rho'^2 = |c'|^2/3 + 9 eps, f(z) = c' / rho' and
 *     d f_i / d z_j = (3 delta_ij - 1) / rho' - c'_i c'_j / rho'^3      (using sum c' = 0).
 *
 * Scope: every LayerNorm from the first irrational one on has width 3 and one group (the nets of
 * the constructions and VC modules); anything else, and any double leaving its safe range, is
 * reported as `undefined` and the caller uses the box evaluator (evaluate-interval.ts).
 */
import * as F from "./float-interval.js";
import * as I from "../numbers/interval.js";
import { magAdd, magLess, magMul, magOfDyadic, magScale, magToDyadic, MAG_ZERO, type Mag } from "./mag.js";
import { bitLength, mul as rmul, rat, type Rational } from "../numbers/rational.js";
import type { Net } from "../net/model.js";
import { layerNormGroup, type PreparedNet } from "../verify/evaluate-interval.js";

/** Double enclosures of the parameters (independent of the precision). */
interface FloatLinear {
  readonly weight: readonly (readonly F.FInterval[])[];
  /** Upper bounds on sum_j |W_ij|. */
  readonly rowAbs: readonly number[];
}
export interface FirstOrderNet {
  readonly from: number;
  readonly linear: ReadonlyMap<number, FloatLinear>;
  /** 9 eps per LayerNorm layer index. */
  readonly eps9: ReadonlyMap<number, Rational>;
}

const upSum = (xs: readonly number[]): number => xs.reduce((s, x) => F.up(s + x), 0);
const absHi = (x: F.FInterval): number => Math.max(-x.lo, x.hi);

/** Double parameters for evaluation from layer `from` (a LayerNorm); undefined when out of scope. */
export function prepareFirstOrder(net: Net, from: number): FirstOrderNet | undefined {
  const linear = new Map<number, FloatLinear>();
  const eps9 = new Map<number, Rational>();
  for (let i = from; i < net.layers.length; i++) {
    const l = net.layers[i]!; // i < net.layers.length
    if (l.type === "layernorm") {
      const prev = net.layers[i - 1];
      if (l.groups !== 1 || (prev?.type === "linear" ? prev.weight.length : 0) !== 3) return undefined;
      eps9.set(i, rmul(l.eps, rat(9)));
      continue;
    }
    try {
      const weight = l.weight.map((row) => row.map(F.fromRational));
      linear.set(i, { weight, rowAbs: weight.map((row) => upSum(row.map(absHi))) });
    } catch (e) {
      if (e instanceof F.FloatRangeError) return undefined;
      throw e;
    }
  }
  return { from, linear, eps9 };
}

/** The set (S) of the header: { c + alpha t + delta : |alpha| <= a, |delta_i| <= r }. */
export interface State {
  readonly c: readonly I.Dyadic[];
  readonly t: readonly number[];
  readonly a: Mag;
  readonly r: Mag;
}

/** The linear layer on (S): centre, generator and box of z (proof in the header). */
export function linearStep(p: PreparedNet<I.Interval>, fl: FloatLinear, i: number, s: State): State {
  const A = p.arith;
  const l = p.layers[i] as { weight: readonly (readonly I.Interval[])[]; bias: readonly I.Interval[] };
  const c: I.Dyadic[] = [];
  const g: number[] = [];
  let r = MAG_ZERO;
  // The layer has one bias, float row and rowAbs per weight row k, and one weight per state entry j.
  l.weight.forEach((row, k) => {
    let acc = l.bias[k]!;
    row.forEach((w, j) => (acc = A.add(acc, A.mul(w, I.point(s.c[j]!)))));
    const G = fl.weight[k]!.reduce((sum, w, j) => F.add(sum, F.mul(w, F.point(s.t[j]!))), F.point(0));
    const gk = G.lo / 2 + G.hi / 2;
    const dev = Math.max(F.up(G.hi - gk), F.up(gk - G.lo), 0);
    c.push(acc.lo);
    g.push(gk);
    const rk = magAdd(magAdd(magOfDyadic(I.width(acc)), magScale(s.a, dev)), magScale(s.r, fl.rowAbs[k]!));
    if (magLess(r, rk)) r = rk;
  });
  return { c, t: g, a: s.a, r };
}

/** A double upper bound on the magnitude m 2^-k, or a FloatRangeError when it is too large. */
function magToDoubleUp(m: Mag, k: number): number {
  if (m.f === 0) return 0;
  const e = m.e - k;
  if (e > 900) throw new F.FloatRangeError();
  return e < -1000 ? F.pow2(-1000) : F.up(m.f * F.pow2(e)); // e in [-1000, 900]: exact powers
}

/** About the bit length of |m| (from the nearest double; exact beyond 2^1000). */
function lengthGuess(m: bigint): number {
  const x = Math.abs(Number(m));
  return x < 2 ** 1000 ? Math.ceil(Math.log2(x)) : bitLength(m);
}

/** The LayerNorm on the z-state (proof in the header). */
export function layerNormStep(p: PreparedNet<I.Interval>, eps9: Rational, i: number, z: State): State {
  const A = p.arith;
  const ln = p.layers[i] as { k3eps: I.Interval };
  const Y = layerNormGroup(A, z.c.map(I.point), ln.k3eps);
  const c = Y.map((y) => y.lo);
  const rY = Y.reduce((m, y) => { const w = magOfDyadic(I.width(y)); return magLess(m, w) ? w : m; }, MAG_ZERO);

  // Normalise: z = zn 2^K with |zn| about 1. Any K is sound (doubles out of range throw); the
  // log2 of the nearest double only picks it.
  const k = Math.max(...z.c.map((d) => (d.m === 0n ? -Infinity : lengthGuess(d.m) + d.e)));
  const K = Number.isFinite(k) ? k : 0;
  const scale = (d: I.Dyadic): I.Dyadic => ({ m: d.m, e: d.e - K });
  const H = z.c.map((d, j) => {
    const h = magToDoubleUp(magAdd(magScale(z.a, Math.abs(z.t[j]!)), z.r), K);
    return { lo: F.down(F.dyadicBound(scale(d), -1) - h), hi: F.up(F.dyadicBound(scale(d), 1) + h) };
  });
  const epsN = K >= 0 ? eps9.div(rat(1n << BigInt(2 * K))) : eps9.mul(rat(1n << BigInt(-2 * K)));
  const epsI = I.fromRational(epsN, 64);
  const eps = { lo: Math.max(0, F.dyadicBound(epsI.lo, -1)), hi: F.dyadicBound(epsI.hi, 1) };

  // Jacobian of f_n over the hull, in double intervals.
  const two = F.point(2);
  const [h0, h1, h2] = H as [F.FInterval, F.FInterval, F.FInterval];
  const cp: F.FInterval[] = [F.sub(F.sub(F.mul(two, h0), h1), h2), F.sub(F.sub(F.mul(two, h1), h2), h0), F.sub(F.sub(F.mul(two, h2), h0), h1)];
  const rho2 = F.add(F.div(cp.reduce((s, x) => F.add(s, F.square(x)), F.point(0)), F.point(3)), eps);
  const inv = F.recip(F.sqrt(rho2));
  const inv3 = F.mul(F.mul(inv, inv), inv);
  const M = cp.map((ca, a) => cp.map((cb, b) => F.sub(F.mul(F.point(a === b ? 2 : -1), inv), F.mul(F.mul(ca, cb), inv3))));

  // Split M = t' w^T + E with t' the tangent at the centre (any doubles would do).
  const [m0, m1, m2] = cp.map((x) => x.lo / 2 + x.hi / 2) as [number, number, number];
  let t = [m1 - m2, m2 - m0, m0 - m1];
  const tmax = Math.max(...t.map(Math.abs));
  t = tmax > 0 ? t.map((x) => x / tmax) : [1, 0, 0];
  const tt = t.reduce((s, x) => s + x * x, 0);
  const mid = M.map((row) => row.map((x) => x.lo / 2 + x.hi / 2));
  // z, M (3 x 3), t, w and g are of the width-3 group, so a, b, j < 3 index them all.
  const w = [0, 1, 2].map((b) => t.reduce((s, ta, a) => s + ta * mid[a]![b]!, 0) / tt);
  const E = M.map((row, a) => row.map((m, b) => absHi(F.sub(m, F.mul(F.point(t[a]!), F.point(w[b]!))))));

  const g = z.t;
  const wg = absHi(g.reduce((s, gj, j) => F.add(s, F.mul(F.point(w[j]!), F.point(gj))), F.point(0)));
  const w1 = upSum(w.map(Math.abs));
  const a = magAdd(magScale(z.a, wg), magScale(z.r, w1));
  const Eg = Math.max(...E.map((row) => upSum(row.map((e, j) => F.up(e * Math.abs(g[j]!))))));
  const Es = Math.max(...E.map(upSum));
  const box = magAdd(magScale(z.a, Eg), magScale(z.r, Es));
  const unscale = (m: Mag): Mag => magMul(m, { f: 1, e: -K });
  return { c, t, a: unscale(a), r: magAdd(rY, unscale(box)) };
}

/**
 * An enclosure of the net's output from layer `from` (a LayerNorm with exact input `h`), or
 * undefined when the first-order form does not apply (out of scope or doubles out of range).
 * A variance that cannot be bounded away from 0 also gives undefined (the box evaluator then decides).
 */
export function evaluateFirstOrder(p: PreparedNet<I.Interval>, fo: FirstOrderNet, h: readonly Rational[]): I.Interval | undefined {
  const A = p.arith;
  const ln0 = p.layers[fo.from] as { k3eps: I.Interval };
  let s: State;
  try {
    // The first LayerNorm's input is exact: its output is enclosed by a box around the lower ends.
    const Y0 = layerNormGroup(A, h.map(A.fromRational), ln0.k3eps);
    s = { c: Y0.map((y) => y.lo), t: [1, 0, 0], a: MAG_ZERO, r: Y0.reduce((m, y) => magAdd(m, magOfDyadic(I.width(y))), MAG_ZERO) };
    for (let i = fo.from + 1; i < p.layers.length; i++) {
      const fl = fo.linear.get(i);
      s = fl ? linearStep(p, fl, i, s) : layerNormStep(p, fo.eps9.get(i) as Rational, i, s);
    }
  } catch (e) {
    // Doubles out of range, or a hull too wide to bound the variance: the box evaluator decides.
    if (e instanceof F.FloatRangeError || e instanceof I.IntervalDomainError) return undefined;
    throw e;
  }
  // Output: zc +- (|g| a + r), exactly (the last layer has one row, so the state has entry 0).
  const rad = magToDyadic(magAdd(magScale(s.a, Math.abs(s.t[0]!)), s.r));
  const zc = s.c[0]!;
  return { lo: I.dSub(zc, rad), hi: I.dAdd(zc, rad) };
}

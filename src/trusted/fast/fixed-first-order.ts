/**
 * The first-order enclosure of evaluate-first-order.ts, rebuilt for speed: the centre is a fixed-point
 * BigInt vector (one shared scale per layer, no interval of BigInts, no rounding of every operation),
 * the square root is checked a posteriori by one exact residual, and the generator, the Jacobian and
 * every radius are plain doubles with an a-priori error bound per operation (no objects, no bit
 * manipulation in the hot path). Width-3, one-group LayerNorms only; anything else declines.
 *
 * STATE. After a LayerNorm the output lies in
 *
 *     S = { Y 2^-Py + alpha T + delta :  |alpha| <= a,  |delta_i| <= r }                      (S)
 *
 * with Y a BigInt 3-vector (the centre, exact), T a double 3-vector (any: soundness never depends on
 * it), a, r doubles (upper bounds). After a linear layer the same with U 2^-Pz, a generator g and a box
 * r' (per row). Py = bits + GUARD; Pz is fixed per layer when the net is prepared (below).
 *
 * ROUNDING LEMMA (doubles). ECMAScript specifies Number + - * / as IEEE 754 binary64 with round to
 * nearest: for an exact real result v of one operation on doubles (no overflow), fl(v) = v(1 + d) + n
 * with |d| <= u = 2^-53, |n| <= 2^-1075 (n = 0 for + and -). Let TINY = 2^-1000 and
 *     UP(x) = fl(fl(x (1 + 2^-48)) + TINY),       DOWN(x) = fl(fl(x (1 - 2^-48)) - TINY).
 * (U1) If x = fl(v), v >= 0, then v <= UP(x): v <= (x + 2^-1075)/(1 - u), and UP(x) >=
 *      (x (1 + 2^-48)(1 - u) - 2^-1075 + TINY)(1 - u) >= x (1 + 2^-50) + 2^-1001, which exceeds it.
 * (D1) If x = fl(v), v >= 0, then DOWN(x) <= v: if fl(x (1 - 2^-48)) < TINY the result is <= 0;
 *      otherwise x >= 2^-1001 and DOWN(x) <= x (1 - 2^-48)(1 + u)^2 <= x (1 - 2^-49) <= (x - 2^-1075)/(1 + u) <= v.
 * Since + and * of nonnegative numbers, and x / y in x, are increasing (and x / y decreasing in y),
 * applying UP (DOWN) after every operation on upper (lower) bounds gives an upper (lower) bound of the
 * exact expression; such chains are written `up(...)` below. UP is only ever applied to x >= 0 (x = fl(v),
 * v >= 0): every `up` argument is a sum or product of nonnegative bounds, or a quotient of one by a
 * positive lower bound. UP(x) exceeds v by at least 2^-1001 - 2^-1074 > 2^-1002, which absorbs the
 * absolute underflow terms k 2^-1074 (k <= 3) of (E1), (E3) below: the code never adds them. Likewise
 * DOWN(x) <= v still holds when x carries two roundings (a BigInt -> Number, then a scaling that may
 * fall below 2^-1022, as in nlo below): its slack is 2^-49 x + 2^-1000. For a signed result p = fl(v):
 * |v - p| <= 2^-52 |p| + 2^-1074 (E1). A three-term dot product computed left to right has error at
 * most gamma_3 sum |x_j y_j| + 3 2^-1074 with gamma_3 = 3u/(1 - 3u) < 2^-51 (Higham, Thm 3.1 with
 * underflow terms) (E3). BigInt -> Number rounds to nearest (ECMAScript), so for |X| < 2^1023:
 * Number(X) = X (1 + d), |d| <= u (N1). Multiplying by 2^k (built from the exponent bits, pow2) is
 * exact while the result stays normal; such a result is checked to lie in [2^-1000, 2^1000] or the step
 * declines (st), is normal by construction (yt_i: 0 or >= 2^-Py >= 2^-416), or only feeds a DOWN (nlo,
 * above). JavaScript never fuses a * b + c. Math.sqrt is used only for a starting guess
 * (checked exactly below).
 *
 * LINEAR STEP v = W y + b on (S), W and b exact rationals. Before a LayerNorm the prepared map is the
 * centred W' = 3C W, b' = 3C b (C = I - 11^T/3, exact), so v = u := 3C z for the layer's true output z.
 * Prepared: Wq_ij = floor(W_ij 2^Pz), Bq_i = floor(b_i 2^Pz) (exact BigInt floor of rationals).
 * Centre V_i = floor((sum_j Wq_ij Y_j) 2^-Py) + Bq_i. Then
 *     (W c + b)_i 2^Pz - V_i = sum_j (W_ij 2^Pz - Wq_ij) c_j + frac(.) + (b_i 2^Pz - Bq_i)
 * with c = Y 2^-Py, each bracket in [0, 1), so |.| <= |c|_1 + 2 < 8 (|c_j| < 1.5, see the LayerNorm
 * step): the centre error is errC = 8 2^-Pz. Before a LayerNorm only rows 0 and 1 are computed in
 * BigInt: U_0 = V_0, U_1 = V_1, U_2 := -U_0 - U_1; since 1^T 3C = 0 the true u sums to 0, so
 * |u_2 - U_2 2^-Pz| <= |u_0 - U_0 2^-Pz| + |u_1 - U_1 2^-Pz| and row 2's centre error is 2 errC.
 * Generator: g_i = fl(sum_j Wd_ij T_j) with doubles Wd_ij <= W_ij <= Wh_ij (ndBounds: the floor and
 * ceiling of W_ij 2^k in BigInt, moved outward to doubles by float-interval.ts's dyadicBound) and
 * om_ij >= Wh_ij - Wd_ij >= |W_ij - Wd_ij|; by (E3)
 *     |(W T)_i - g_i| <= sum_j (om_ij + 2^-51 |Wd_ij|) |T_j| + 3 2^-1074  =: dev_i   (computed with up).
 * |(W delta)_i| <= rowAbs_i r. Hence v in { V 2^-Pz + alpha g + delta' : |delta'_i| <= r'_i } with
 *     r'_i = up(errC_i + dev_i a + rowAbs_i r)      (errC_2 = 2 errC before a LayerNorm).
 *
 * LAYERNORM STEP, width 3, e = 27 eps >= 0 (prepareFixed declines a negative eps, which the model forbids). With N(u) = sqrt(|u|^2 + e) and F(u) = sqrt3 u / N(u), the
 * LayerNorm is f(z) = F(3C z) (GUARANTEES.md's LayerNorm identity with c' = 3C z). The true input z
 * has u = 3C z in P = { U 2^-Pz + alpha g + delta' : |alpha| <= a, |delta'_i| <= r' } (r' = max_i r'_i)
 * with sum U = 0. Since 3C(u/3) = C u = u (u sums to 0), f(z) = F(u) = f(u/3), so it suffices to
 * enclose f over Z = P/3 = { z_c + (alpha g + delta')/3 }, z_c = U 2^-Pz / 3, u_c := 3C z_c = U 2^-Pz.
 * (a) Centre. Tex = |U|^2 + e 2^(2 Pz) (real), T = |U|^2 + Eq with Eq = floor(e 2^(2 Pz)), so
 *     T <= Tex < T + 1 (Tex = T when e 2^(2Pz) is an integer). Choose m with T < 2^(2m) (checked
 *     exactly), qb = Py + QGUARD. f(z_c)_i = U_i Q* 2^-(qb+m), Q* = 2^(qb+m) sqrt(3/Tex).
 *     Q is any integer (a double guess refined by Newton steps, not trusted). With K = 2(qb+m) and the
 *     exact residual rho = 3 2^K - Q^2 T: |3 2^K - Q^2 Tex| <= |rho| + Q^2 [Tex != T], and since
 *     Q*^2 Tex = 3 2^K, Q* = Q sqrt(1 + x) with x = (3 2^K - Q^2 Tex)/(Q^2 Tex) >= -1, so
 *     |Q* - Q| = Q |sqrt(1+x) - 1| <= Q |x| <= (|rho| + Q^2 [Tex != T]) / (Q T).
 *     The step checks exactly (BigInt) that |rho| + Q^2 [Tex != T] <= 2^QSLACK Q T, so |Q* - Q| <= 2^QSLACK = 16.
 *     Y_i = floor(U_i Q 2^-(m+QGUARD)). Then |f(z_c)_i 2^Py - Y_i| <= 1 + |U_i| 2^-m |Q* - Q| 2^-QGUARD <= 2
 *     (|U_i| <= sqrt(T) < 2^m), so errY := 2^(1-Py) bounds the centre's error. Also |f_i| <= sqrt2 (sum f = 0,
 *     |f|^2 <= 3), so |Y_i 2^-Py| < 1.5.
 * (b) Jacobian at the centre. DF(u) = sqrt3 (I/N - u u^T/N^3), so with y = f(z_c) and s = sqrt3/N(u_c)
 *         D := Df(z_c) = DF(u_c) 3C = s (3C - y y^T)          (u_c^T C = u_c^T, u_c u_c^T = y y^T N^2/3),
 *     and the step uses D/3 = s3 A, s3 = s/3, A = 3C - y y^T. s = Q* 2^(Pz-qb-m); st = fl(Number(Q) 2^(Pz-qb-m) / 3)
 *     has |s3 - st| <= st 2^-50.4 (N1 and the division's rounding; |Q* - Q| <= 16 <= Q 2^(4-qb), Q >= 2^qb
 *     since Q* > sqrt3 2^qb as Tex < 2^(2m); qb >= 88). yt_i = Number(Y_i) 2^-Py: |yt_i - y_i| <= ey :=
 *     2^(1-Py) + 2^-52.4 <= 2^-51 (Py >= 80). |A_ij| <= 2.5 (y_i^2 <= 2); At = fl(3C - fl(yt yt)):
 *     |At - A| <= 3 ey + 2^-53 (2.3 + 4.3) + tiny <= 2^-48.5; Dt = fl(st At). Hence
 *         |D_ij/3 - Dt_ij| <= 2.5 st 2^-50.4 + st 2^-48.5 + 2^-53 2.6 st + 2^-1075 <= st 2^-47 + tiny <= errD := up(st 2^-46).
 * (c) Second order. For h = u - u_c: F(u_c + h) = F(u_c) + DF(u_c) h + R, R the integral remainder.
 *     With phi(u) = u/N: D2phi[h,h] = -(2 h (u.h) + u |h|^2)/N^3 + 3 u (u.h)^2/N^5, of norm
 *     <= 3|u||h|^2/N^3 + 3|u|^3|h|^2/N^5 <= 6 |h|^2/N^2 (|u| <= N). On the segment N >= |u| >= |u_c| - |h|, so
 *     |R|_2 <= sqrt3 * (1/2) * 6 |h|^2 / (|u_c| - |h|)^2 <= 6 H^2/(nlo - H)^2 when |h|_2 <= H < nlo <= |u_c|.
 *     For z in Z, h = 3C(z - z_c) = C(alpha g + delta'), ||C||_2 = 1: |h|_2 <= sqrt3 (a max|g_j| + r'),
 *     so H = up(2 (a max|g_j| + r')); nlo = down(max_i |Number(U_i)| 2^-Pz) (N1) <= |u_c|.
 *     The step declines unless nlo > 2 H and gap := down(nlo - H) > 0; then 0 < gap <= |u_c| - H and
 *     |R|_2 <= 6 (H/gap)^2 <= R2 := up(6 up(hq hq)), hq = up(H / gap) (a quotient of a nonnegative
 *     upper bound by a positive lower bound, increasing in H and decreasing in gap). gap is the only
 *     DOWN result ever divided by or multiplied into an `up` chain: DOWN(x) <= 0 whenever x < 2^-1000,
 *     so a DOWN(gap^2) in the denominator would be negative for gap < 2^-500 (|u_c| just below 2^-500
 *     is in range: the first LayerNorm answers for inputs down to 2^-500) and R2 a negative "bound".
 * (d) Split. f(z) - f(z_c) = D (z - z_c) + R = (D/3)(alpha g + delta') + R. With any doubles T (the
 *     tangent 1 x yt, scaled) and w (least squares, Dt^T T / |T|^2), D/3 = T w^T + E:
 *         (D/3)(alpha g + delta') = T (w . (alpha g + delta')) + E (alpha g + delta'),
 *         |w . (alpha g + delta')| <= a |w . g| + |w|_1 r'                  (the new generator bound a'),
 *         |E_ij| <= errD + |fl(Dt_ij - p_ij)| (1 + 2^-52) + 2^-52 |p_ij| + 2^-1074, p_ij = fl(T_i w_j)   (E1),
 *         |(E (alpha g + delta'))_i| <= sum_j |E_ij| (a |g_j| + r').
 *     |w . g| <= |fl(w . g)| + 2^-51 sum |w_j g_j| + tiny (E3). Hence y = f(z) lies in
 *         { Y 2^-Py + alpha T + delta : |alpha| <= a', |delta_i| <= errY + |R|_2 + max_i sum_j |E_ij| (a |g_j| + r') }.
 *
 * FIRST LAYERNORM. Its input h is exact, so u = 3C h is (numerators over one denominator, exact); with
 * 2^(e0-1) <= max |u_i| < 2^e0 from exact bit lengths, Pz0 = bits + GUARD - e0, declining unless |e0| <= 500
 * (so |u_c| >= 2^-501 here: the regime of (c) where gap^2 underflows).
 * U_0, U_1 = floor(u_0 2^Pz0), floor(u_1 2^Pz0),
 * U_2 = -U_0 - U_1 (errors < 1, 1, 2 units), a = 0, r' = 2^(1-Pz0). OUTPUT. After the last linear
 * layer (one row, not centred): [V_0 2^-Pz - rad, V_0 2^-Pz + rad], rad = up(a |g_0| + r'_0), exact dyadics.
 *
 * PRECISION. Pz of a linear layer is bits + GUARD - ceil(log2 max_i (1.5 sum_j |W_ij| + |b_i|)) for the
 * prepared (possibly centred) W, b: a heuristic from doubles; any Pz is sound, it only sets how many
 * bits the centre keeps. The accelerator
 * answers at rungs 64..MAX_BITS so that every BigInt it converts lies far inside double range.
 */
import * as F from "./float-interval.js";
import type { Dyadic, Interval } from "../numbers/interval.js";
import { bitLength, sign, type Rational } from "../numbers/rational.js";
import type { LinearLayer, Net } from "../net/model.js";

/** Guard bits of the fixed-point centre beyond the rung's precision. */
export const GUARD = 16;
/** Highest rung answered (keeps |U|^2 < 2^(2m) with 2m well below 1000, see PRECISION). */
export const MAX_BITS = 400;
export const MIN_BITS = 64;

const TINY = F.pow2(-1000);
const UPF = 1 + F.pow2(-48);
const DNF = 1 - F.pow2(-48);
const P46 = F.pow2(-46);
const P51 = F.pow2(-51);
const P52 = F.pow2(-52);
const BIG = F.pow2(1000);
const P50 = F.pow2(50);
/** Extra bits of the square-root factor Q over Y (so |Q* - Q| <= 2^QSLACK costs Y at most 2^(QSLACK-QGUARD) units). */
const QGUARD = 8;
/** |Q* - Q| <= 2^QSLACK is what the residual check proves (QSLACK <= QGUARD keeps errY = 2^(1-Py)). */
const QSLACK = 4n;

/** (U1): an upper bound of v >= 0 from x = fl(v). */
const up = (x: number): number => x * UPF + TINY;
/** (D1): a lower bound of v >= 0 from x = fl(v). */
const down = (x: number): number => x * DNF - TINY;

/** Double parameters of a linear layer (independent of the rung). */
interface DoubleLinear {
  readonly rows: number;
  /** Wd_ij (row-major, 3 columns), a double below W_ij. */
  readonly wd: Float64Array;
  /** up(om_ij + 2^-51 |Wd_ij|), om_ij >= |W_ij - Wd_ij|. */
  readonly om: Float64Array;
  /** up(sum_j |W_ij|). */
  readonly rowAbs: Float64Array;
  /** heuristic ceil(log2 max_i (1.5 sum_j |W_ij| + |b_i|)). */
  readonly scale: number;
  /** The layer's map, centred (3C W, 3C b) when a LayerNorm follows: entries n/d, row-major W then b. */
  readonly num: readonly bigint[];
  readonly den: readonly bigint[];
}

/** The rung-independent preparation: the net's structure, checked to be in scope. */
export interface FixedNet {
  readonly from: number;
  /** layers from + 1 ...: linear, layernorm, linear, ..., linear (the model's alternation). */
  readonly linear: readonly DoubleLinear[];
  /** eps of the LayerNorm after linear[k] (k < linear.length - 1), and of the first at `from`. */
  readonly eps: readonly Rational[];
  readonly eps0: Rational;
  readonly plans: Map<number, Plan>;
}

interface LinearPlan {
  readonly wq: readonly bigint[];
  readonly bq: readonly bigint[];
  readonly pz: number;
  /** errC = 8 2^-Pz. */
  readonly errC: number;
  /** Eq = floor(27 eps 2^(2 Pz)) of the next LayerNorm and whether it is exact. */
  readonly eq: bigint;
  readonly eqExact: boolean;
}
interface Plan {
  readonly py: number;
  readonly layers: readonly LinearPlan[];
}

const absBig = (x: bigint): bigint => (x < 0n ? -x : x);

/** floor(r 2^p) for a rational r and any integer p, and whether it is exact. */
const floorScaled = (r: Rational, p: number): { q: bigint; exact: boolean } => floorScaledNd(r.s * r.n, r.d, p);

/** floor((n / d) 2^p) for integers n, d > 0 and any integer p, and whether it is exact. */
function floorScaledNd(n: bigint, d: bigint, p: number): { q: bigint; exact: boolean } {
  if (p >= 0) n <<= BigInt(p);
  else d <<= BigInt(-p);
  const q = n / d;
  const rem = n - q * d;
  // BigInt / truncates toward 0: step down for a negative inexact quotient.
  return { q: rem !== 0n && n < 0n ? q - 1n : q, exact: rem === 0n };
}

/** A heuristic ceil(log2 x) for x > 0 (only chooses a scale; any value is sound). */
const log2Ceil = (x: number): number => (x > 0 && Number.isFinite(x) ? Math.ceil(Math.log2(x)) : 0);

/**
 * 3C v = (2 v_i - v_j - v_k)_i for three rationals, as numerators over the common denominator
 * d = d_0 d_1 d_2 (exact BigInt; not reduced, which fraction.js would do by gcd at some cost).
 */
function centre3(v: readonly Rational[]): { n: bigint[]; d: bigint } {
  const [a, b, c] = v as [Rational, Rational, Rational];
  const x0 = a.s * a.n * b.d * c.d, x1 = b.s * b.n * a.d * c.d, x2 = c.s * c.n * a.d * b.d;
  return { n: [2n * x0 - x1 - x2, 2n * x1 - x0 - x2, 2n * x2 - x0 - x1], d: a.d * b.d * c.d };
}

/** The entries (row-major W, then b) of y -> W y + b, or of y -> 3C (W y + b) when `centre`, as n/d. */
function entries(l: LinearLayer, centre: boolean): { num: bigint[]; den: bigint[] } {
  const rows = l.weight.length;
  const num: bigint[] = new Array<bigint>(rows * 4);
  const den: bigint[] = new Array<bigint>(rows * 4);
  for (let j = 0; j < 4; j++) {
    // rows have 3 entries (prepareFixed checks) and one bias each; num, den get 4 entries per row
    const col = l.weight.map((row, i) => (j < 3 ? row[j]! : l.bias[i]!));
    const at = (i: number): number => (j < 3 ? 3 * i + j : 3 * rows + i);
    if (centre) {
      const c = centre3(col);
      c.n.forEach((n, i) => ((num[at(i)] = n), (den[at(i)] = c.d)));
    } else col.forEach((r, i) => ((num[at(i)] = r.s * r.n), (den[at(i)] = r.d)));
  }
  return { num, den };
}

/** Doubles lo <= n/d <= hi (d > 0): directed 64-bit quotient, then outward to doubles (float-interval.ts). */
function ndBounds(n: bigint, d: bigint): F.FInterval {
  if (n === 0n) return { lo: 0, hi: 0 };
  const k = 64 - (bitLength(n) - bitLength(d));
  const q = floorScaledNd(n, d, k);
  return { lo: F.dyadicBound({ m: q.q, e: -k }, -1), hi: F.dyadicBound({ m: q.exact ? q.q : q.q + 1n, e: -k }, 1) };
}

/** Rung-independent preparation for evaluation from LayerNorm `from`; undefined when out of scope. */
export function prepareFixed(net: Net, from: number): FixedNet | undefined {
  const first = net.layers[from];
  const before = net.layers[from - 1];
  if (!first || first.type !== "layernorm" || first.groups !== 1 || sign(first.eps) < 0 || !before || before.type !== "linear" || before.weight.length !== 3) return undefined;
  const linear: DoubleLinear[] = [];
  const eps: Rational[] = [];
  for (let i = from + 1; i < net.layers.length; i += 2) {
    const l = net.layers[i]!; // i < net.layers.length
    const next = net.layers[i + 1];
    if (l.type !== "linear" || l.weight.some((row) => row.length !== 3)) return undefined;
    if (next && (next.type !== "layernorm" || next.groups !== 1 || l.weight.length !== 3 || sign(next.eps) < 0)) return undefined;
    if (next) eps.push(next.eps);
    // Before a LayerNorm the layer computes u = 3C z directly: W' = 3C W, b' = 3C b (exact).
    const rows = l.weight.length;
    const { num, den } = entries(l, next !== undefined);
    const wd = new Float64Array(rows * 3);
    const om = new Float64Array(rows * 3);
    const rowAbs = new Float64Array(rows);
    let big = 0;
    try {
      for (let k = 0; k < rows; k++) {
        let s = 0;
        for (let j = 0; j < 3; j++) {
          const w = ndBounds(num[3 * k + j]!, den[3 * k + j]!); // entries(): rows x 3 weights, then rows biases
          wd[3 * k + j] = w.lo;
          om[3 * k + j] = up(up(w.hi - w.lo) + up(P51 * Math.abs(w.lo)));
          s = up(s + Math.max(-w.lo, w.hi));
        }
        rowAbs[k] = s;
        const b = ndBounds(num[3 * rows + k]!, den[3 * rows + k]!);
        big = Math.max(big, 1.5 * s + Math.max(-b.lo, b.hi));
      }
    } catch (e) {
      if (e instanceof F.FloatRangeError) return undefined; // a parameter beyond double range
      throw e;
    }
    const scale = log2Ceil(big);
    if (!(rowAbs.every(Number.isFinite) && big < BIG && Math.abs(scale) <= 500)) return undefined;
    linear.push({ rows, wd, om, rowAbs, scale, num, den });
  }
  if (linear.length === 0 || linear[linear.length - 1]!.rows !== 1) return undefined;
  return { from, linear, eps, eps0: first.eps, plans: new Map() };
}

/** 27 eps 2^(2 pz), floored, and whether exact. */
function epsScaled(eps: Rational, pz: number): { q: bigint; exact: boolean } {
  return floorScaled(eps.mul(27), 2 * pz);
}

function planFor(fx: FixedNet, bits: number): Plan {
  let p = fx.plans.get(bits);
  if (p) return p;
  const py = bits + GUARD;
  const layers = fx.linear.map((dl, k): LinearPlan => {
    const pz = bits + GUARD - dl.scale;
    const q = dl.num.map((n, i) => floorScaledNd(n, dl.den[i]!, pz).q); // num, den index-aligned
    const wq = q.slice(0, 3 * dl.rows);
    const bq = q.slice(3 * dl.rows);
    const e = k < fx.eps.length ? epsScaled(fx.eps[k]!, pz) : { q: 0n, exact: true };
    return { wq, bq, pz, errC: up(8 * F.pow2(-pz)), eq: e.q, eqExact: e.exact };
  });
  p = { py, layers };
  fx.plans.set(bits, p);
  return p;
}

/** Why the last evaluation declined (for tests and diagnostics; never read by the kernel). */
export let lastDecline = "";
const decline = (why: string): false => {
  lastDecline = why;
  return false;
};

/** The state (S) between layers (module scratch: the evaluator allocates no state objects). */
let Y0 = 0n, Y1 = 0n, Y2 = 0n;
let T0 = 0, T1 = 0, T2 = 0, A = 0, R = 0;

/** A lower bound on |x| 2^-p as a double (N1, exact scaling), for |x| < 2^1000. */
const magDown = (x: bigint, p: number): number => down(Math.abs(Number(x)) * F.pow2(-p));

/**
 * The LayerNorm step (proof (a)-(d) in the header) on z in { Z 2^-Pz + alpha g + delta' },
 * |alpha| <= a, |delta'_i| <= rz. Writes the state (S); false when it declines.
 */
function layerNormStep(U0: bigint, U1: bigint, pz: number, eq: bigint, eqExact: boolean, py: number, g0: number, g1: number, g2: number, a: number, ru: number): boolean {
  // (a) centre; U sums to 0
  const U2 = -U0 - U1;
  const T = U0 * U0 + U1 * U1 + U2 * U2 + eq;
  if (T === 0n) return decline("T = 0");
  const tn = Number(T);
  if (!(tn < BIG)) return decline("T out of range"); // beyond the range this accelerator answers in
  let m = (log2Ceil(tn) + 2) >> 1; // heuristic; T < 2^(2m) is checked exactly below
  if (m < 40) m = 40;
  const two2m = 1n << BigInt(2 * m);
  if (T >= two2m) return decline("T >= 2^(2m)");
  const qb = py + QGUARD; // Q carries QGUARD bits more than Y
  const K = 2 * (qb + m);
  const threeK = 3n << BigInt(K);
  const xd = tn * F.pow2(-2 * m); // ~ T / 2^(2m), only a guess
  const qd = Math.sqrt(3 / xd); // untrusted guess
  if (!(qd > 0 && qd < 64)) return decline("bad guess");
  // Newton for sqrt(3/x), x = T 2^-2m, not trusted (the residual below is): Q ~ sqrt(3/x) 2^L with L
  // doubling from a double's 50 bits; while 2L < qb on T's top 2L bits, then once on all of T.
  let Q = BigInt(Math.floor(qd * P50));
  let L = 50;
  for (; 2 * L < qb; L *= 2) {
    const L2 = 2 * L;
    Q <<= BigInt(L);
    const X = 2 * m >= L2 ? T >> BigInt(2 * m - L2) : T << BigInt(L2 - 2 * m);
    const rho = (3n << BigInt(3 * L2)) - Q * Q * X;
    Q += ((Q * rho) >> BigInt(3 * L2 + 1)) / 3n;
  }
  Q <<= BigInt(qb - L);
  Q += ((Q * (threeK - Q * Q * T)) >> BigInt(K + 1)) / 3n;
  const QQ = Q * Q;
  const rho = threeK - QQ * T;
  if (absBig(rho) + (eqExact ? 0n : QQ) > (Q * T) << QSLACK) return decline("residual"); // |Q* - Q| <= 2^QSLACK not proven
  const mb = BigInt(m + QGUARD);
  Y0 = (U0 * Q) >> mb;
  Y1 = (U1 * Q) >> mb;
  Y2 = (U2 * Q) >> mb;
  const errY = F.pow2(1 - py);

  // (b) D/3 = (s/3) (3C - y y^T) in doubles
  const sp = F.pow2(-py);
  const y0 = Number(Y0) * sp, y1 = Number(Y1) * sp, y2 = Number(Y2) * sp;
  const st = (Number(Q) * F.pow2(-qb) * F.pow2(pz - m)) / 3;
  if (!(st > TINY && st < BIG)) return decline("s out of range");
  const errD = up(st * P46);
  const d00 = st * (2 - y0 * y0), d01 = st * (-1 - y0 * y1), d02 = st * (-1 - y0 * y2);
  const d11 = st * (2 - y1 * y1), d12 = st * (-1 - y1 * y2), d22 = st * (2 - y2 * y2);

  // (c) second order
  const gm = Math.max(Math.abs(g0), Math.abs(g1), Math.abs(g2));
  const H = up(2 * up(up(a * gm) + ru));
  const nlo = Math.max(magDown(U0, pz), magDown(U1, pz), magDown(U2, pz));
  if (!(nlo > 2 * H)) return decline("hull near 0");
  const gap = down(nlo - H);
  if (!(gap > 0)) return decline("hull near 0");
  // (H / gap)^2, never H^2 / down(gap^2): below 2^-1000 DOWN is negative (header (c))
  const hq = up(H / gap);
  const R2 = up(6 * up(hq * hq));

  // (d) split D = T w^T + E, T the tangent 1 x y (scaled to max 1), w by least squares
  let t0 = y2 - y1, t1 = y0 - y2, t2 = y1 - y0;
  const tm = Math.max(Math.abs(t0), Math.abs(t1), Math.abs(t2));
  if (tm > 0) {
    t0 /= tm;
    t1 /= tm;
    t2 /= tm;
  } else {
    t0 = 1;
    t1 = 0;
    t2 = 0;
  }
  const tt = t0 * t0 + t1 * t1 + t2 * t2;
  // D is symmetric: w_j = sum_i T_i D_ij / |T|^2
  const w0 = (t0 * d00 + t1 * d01 + t2 * d02) / tt;
  const w1 = (t0 * d01 + t1 * d11 + t2 * d12) / tt;
  const w2 = (t0 * d02 + t1 * d12 + t2 * d22) / tt;
  const q0 = up(up(a * Math.abs(g0)) + ru), q1 = up(up(a * Math.abs(g1)) + ru), q2 = up(up(a * Math.abs(g2)) + ru);
  const eb = (d: number, ti: number, wj: number): number => {
    const p = ti * wj;
    return up(up(errD + up(Math.abs(d - p) * UPF)) + up(P52 * Math.abs(p)));
  };
  const row = (da: number, db: number, dc: number, ti: number): number =>
    up(up(up(eb(da, ti, w0) * q0) + up(eb(db, ti, w1) * q1)) + up(eb(dc, ti, w2) * q2));
  const box = Math.max(row(d00, d01, d02, t0), row(d01, d11, d12, t1), row(d02, d12, d22, t2));
  const wgAbs = up(up(up(Math.abs(w0) * Math.abs(g0)) + up(Math.abs(w1) * Math.abs(g1))) + up(Math.abs(w2) * Math.abs(g2)));
  const wg = up(Math.abs(w0 * g0 + w1 * g1 + w2 * g2) + up(P51 * wgAbs));
  const w1n = up(up(Math.abs(w0) + Math.abs(w1)) + Math.abs(w2));
  const an = up(up(a * wg) + up(w1n * ru));
  const rn = up(up(errY + R2) + box);
  if (!(an < BIG && rn < BIG)) return decline("bounds out of range");
  T0 = t0;
  T1 = t1;
  T2 = t2;
  A = an;
  R = rn;
  return true;
}

/**
 * An enclosure of the net's output from LayerNorm `fx.from` with exact input `h`, at rung `bits`;
 * undefined when this accelerator declines (out of range, or a hull it cannot keep away from 0).
 */
export function evaluateFixed(fx: FixedNet, h: readonly Rational[], bits: number): Interval | undefined {
  if (bits < MIN_BITS || bits > MAX_BITS || h.length !== 3) return undefined;
  try {
    return run(fx, planFor(fx, bits), h, bits);
  } catch (e) {
    if (e instanceof F.FloatRangeError) return undefined; // a power of two out of range: decline
    throw e;
  }
}

function run(fx: FixedNet, plan: Plan, h: readonly Rational[], bits: number): Interval | undefined {
  const py = plan.py;
  const pyb = BigInt(py);
  // First LayerNorm: exact input, floored to Pz0 bits.
  // u = 3C h exactly; |u_i| < 2^e0 (exact bit lengths, once per sample); any pz0 is sound, this one
  // keeps bits + GUARD bits. U_0, U_1 floored (error < 1 unit), U_2 = -U_0 - U_1 (error < 2 units).
  const { n: un, d } = centre3(h);
  const [n0, n1] = un as [bigint, bigint, bigint];
  let e0 = -Infinity;
  for (const n of un) if (n !== 0n) e0 = Math.max(e0, bitLength(n) - bitLength(d) + 1);
  if (!Number.isFinite(e0) || Math.abs(e0) > 500) return undefined;
  const pz0 = bits + GUARD - e0;
  const floorU = (n: bigint): bigint => floorScaledNd(n, d, pz0).q;
  const e = epsScaled(fx.eps0, pz0);
  const first = layerNormStep(floorU(n0), floorU(n1), pz0, e.q, e.exact, py, 0, 0, 0, 0, F.pow2(1 - pz0));
  if (!first) return undefined;
  const n = plan.layers.length;
  for (let k = 0; k < n; k++) {
    const lp = plan.layers[k]!; // plan.layers is fx.linear mapped (planFor): both have n entries
    const dl = fx.linear[k]!;
    // wq, wd, om hold 3 entries per row and bq, rowAbs one, for rows = 3 (1 in the last layer), as
    // prepareFixed and planFor built them: every '!' index below is in range.
    const wq = lp.wq, bq = lp.bq, wd = dl.wd, om = dl.om;
    const a = A, r = R, t0 = T0, t1 = T1, t2 = T2;
    const at0 = Math.abs(t0), at1 = Math.abs(t1), at2 = Math.abs(t2);
    if (k === n - 1) {
      // output row 0
      const Z = (wq[0]! * Y0 + wq[1]! * Y1 + wq[2]! * Y2 >> pyb) + bq[0]!;
      const g = wd[0]! * t0 + wd[1]! * t1 + wd[2]! * t2;
      const dev = up(up(up(om[0]! * at0) + up(om[1]! * at1)) + up(om[2]! * at2));
      const rz = up(up(lp.errC + up(dev * a)) + up(dl.rowAbs[0]! * r));
      const rad = up(up(a * Math.abs(g)) + rz);
      if (!(rad < BIG)) return undefined;
      const c: Dyadic = { m: Z, e: -lp.pz };
      const d = F.doubleToDyadic(rad);
      return { lo: dyadicSub(c, d), hi: dyadicAdd(c, d) };
    }
    // Centred rows (u = 3C z sums to 0): rows 0 and 1 in BigInt, row 2 is -U_0 - U_1 (in layerNormStep).
    const U0 = (wq[0]! * Y0 + wq[1]! * Y1 + wq[2]! * Y2 >> pyb) + bq[0]!;
    const U1 = (wq[3]! * Y0 + wq[4]! * Y1 + wq[5]! * Y2 >> pyb) + bq[1]!;
    const g0 = wd[0]! * t0 + wd[1]! * t1 + wd[2]! * t2;
    const g1 = wd[3]! * t0 + wd[4]! * t1 + wd[5]! * t2;
    const g2 = wd[6]! * t0 + wd[7]! * t1 + wd[8]! * t2;
    const dev0 = up(up(up(om[0]! * at0) + up(om[1]! * at1)) + up(om[2]! * at2));
    const dev1 = up(up(up(om[3]! * at0) + up(om[4]! * at1)) + up(om[5]! * at2));
    const dev2 = up(up(up(om[6]! * at0) + up(om[7]! * at1)) + up(om[8]! * at2));
    const ra = dl.rowAbs;
    const ru = Math.max(
      up(up(lp.errC + up(dev0 * a)) + up(ra[0]! * r)),
      up(up(lp.errC + up(dev1 * a)) + up(ra[1]! * r)),
      up(up(up(2 * lp.errC) + up(dev2 * a)) + up(ra[2]! * r)),
    );
    if (!layerNormStep(U0, U1, lp.pz, lp.eq, lp.eqExact, py, g0, g1, g2, a, ru)) return undefined;
  }
  return undefined; // not reached: the last linear layer returns
}

/**
 * One LayerNorm step on its own (for tests): for the set { (U_0, U_1, -U_0 - U_1) 2^-pz + alpha g + delta },
 * |alpha| <= a, |delta_i| <= r, the state (S) proven to contain f(p / 3) for every point p of it, or undefined.
 */
export function layerNormStepFixed(
  u: readonly bigint[],
  pz: number,
  eps: Rational,
  g: readonly number[],
  a: number,
  r: number,
  bits: number,
): { y: bigint[]; py: number; t: number[]; a: number; r: number } | undefined {
  const e = epsScaled(eps, pz);
  const py = bits + GUARD;
  if (u.length < 2 || g.length !== 3) throw new RangeError("layerNormStepFixed: u needs U_0, U_1 and g three entries");
  if (!layerNormStep(u[0]!, u[1]!, pz, e.q, e.exact, py, g[0]!, g[1]!, g[2]!, a, r)) return undefined;
  return { y: [Y0, Y1, Y2], py, t: [T0, T1, T2], a: A, r: R };
}

function dyadicAdd(a: Dyadic, b: Dyadic): Dyadic {
  const e = Math.min(a.e, b.e);
  return { m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e };
}
const dyadicSub = (a: Dyadic, b: Dyadic): Dyadic => dyadicAdd(a, { m: -b.m, e: b.e });

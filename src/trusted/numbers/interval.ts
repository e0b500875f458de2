/**
 * Rigorous interval arithmetic over dyadic numbers m * 2^e (m a BigInt, e an integer).
 *
 * ENCLOSURE THEOREM. For every operation f below and intervals X, Y (lo <= hi, endpoints exact
 * dyadics): if x is in X and y is in Y then f(x, y) is in f(X, Y). The proof is the same for
 * every operation: the endpoint formula is computed *exactly* in BigInt (sums, products, shifts
 * left), and only the final rounding to `prec` significant bits loses information; that rounding
 * goes down (floor, via BigInt `>>`, which rounds toward minus infinity) for lower endpoints and
 * up (ceiling, -((-m) >> s)) for upper endpoints. Operations that need a division or a square root
 * compute the floor / ceiling of the exact quotient or root in integers. No floating point is used
 * anywhere in this file, so there is no hidden rounding mode to trust.
 *
 * `prec` only controls how tight the result is, never whether it is correct.
 */
import { bitLength, isqrt as isqrtInt, type Rational } from "./rational.js";

/** The exact number m * 2^e. */
export interface Dyadic {
  readonly m: bigint;
  readonly e: number;
}

/** A closed interval [lo, hi] with lo <= hi. */
export interface Interval {
  readonly lo: Dyadic;
  readonly hi: Dyadic;
}

/** Raised when an operation's precondition cannot be established (divisor or sqrt argument touches 0). */
export class IntervalDomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntervalDomainError";
  }
}

const dy = (m: bigint, e: number): Dyadic => ({ m, e });
export const DYADIC_ZERO: Dyadic = dy(0n, 0);

// ---------------------------------------------------------------------------------------------
// Exact dyadic operations (no rounding at all).

export function dAdd(a: Dyadic, b: Dyadic): Dyadic {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  return dy((a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e);
}
export const dNeg = (a: Dyadic): Dyadic => dy(-a.m, a.e);
export const dSub = (a: Dyadic, b: Dyadic): Dyadic => dAdd(a, dNeg(b));
export const dMul = (a: Dyadic, b: Dyadic): Dyadic => dy(a.m * b.m, a.e + b.e);
/** The sign of a - b, exactly. */
export function dCmp(a: Dyadic, b: Dyadic): -1 | 0 | 1 {
  const m = dSub(a, b).m;
  return m > 0n ? 1 : m < 0n ? -1 : 0;
}
const dMin = (a: Dyadic, b: Dyadic): Dyadic => (dCmp(a, b) <= 0 ? a : b);
const dMax = (a: Dyadic, b: Dyadic): Dyadic => (dCmp(a, b) >= 0 ? a : b);

// ---------------------------------------------------------------------------------------------
// Directed rounding to `prec` significant bits.

/**
 * Bit length of |m|, possibly off by one near powers of two (via the nearest double). Used only to
 * choose how far to shift: any shift keeps floor/ceiling rounding sound, it only changes tightness.
 */
function approxBits(m: bigint): number {
  let shift = 0;
  let x = Number(m);
  while (x === Infinity || x === -Infinity) {
    shift += 960; // beyond 2^1024 a double overflows: look at the top bits only
    x = Number(m >> BigInt(shift));
  }
  const ax = x < 0 ? -x : x;
  return ax === 0 ? 0 : Math.floor(Math.log2(ax)) + 1 + shift;
}

/**
 * a with about `prec` significant bits, rounded down (dir = -1: the largest such dyadic <= a) or up
 * (dir = +1: the smallest >= a). BigInt >> is floor division by 2^s, also for m < 0, and
 * ceil(m / 2^s) = -floor(-m / 2^s).
 */
function round(a: Dyadic, prec: number, dir: -1 | 1): Dyadic {
  const s = approxBits(a.m) - prec;
  if (s <= 0) return a;
  return dy(dir < 0 ? a.m >> BigInt(s) : -(-a.m >> BigInt(s)), a.e + s);
}
export const roundDown = (a: Dyadic, prec: number): Dyadic => round(a, prec, -1);
export const roundUp = (a: Dyadic, prec: number): Dyadic => round(a, prec, 1);

/** floor(a / b) for b > 0 (BigInt `/` truncates toward zero, so fix negative inexact quotients). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}
/** ceil(a / b) = -floor(-a / b) for b > 0. */
export const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

/**
 * a / b rounded down (dir = -1) or up (dir = +1) to about `prec` bits, b != 0.
 * Exact: (a.m * 2^k) / b.m is computed as an integer floor or ceiling, then scaled by 2^(a.e-b.e-k).
 */
function dDivDirected(a: Dyadic, b: Dyadic, prec: number, dir: -1 | 1): Dyadic {
  if (b.m === 0n) throw new IntervalDomainError("division by zero");
  let am = a.m;
  let bm = b.m;
  if (bm < 0n) {
    am = -am;
    bm = -bm;
  }
  const k = Math.max(0, prec + bitLength(bm) - bitLength(am) + 1);
  const n = am << BigInt(k);
  const q = dir < 0 ? floorDiv(n, bm) : ceilDiv(n, bm);
  return round(dy(q, a.e - b.e - k), prec, dir);
}

/** sqrt(a) rounded down or up, a >= 0. Integer square root of an exactly shifted mantissa. */
function dSqrtDirected(a: Dyadic, prec: number, dir: -1 | 1): Dyadic {
  if (a.m < 0n) throw new IntervalDomainError("square root of a negative number");
  if (a.m === 0n) return DYADIC_ZERO;
  let s = Math.max(0, 2 * prec + 2 - bitLength(a.m));
  if ((a.e - s) % 2 !== 0) s += 1; // make the exponent even so that sqrt(2^(e-s)) is exact
  const n = a.m << BigInt(s);
  let r = isqrtInt(n); // floor(sqrt(n)), exact
  if (dir > 0 && r * r < n) r += 1n; // ceil(sqrt(n))
  return round(dy(r, (a.e - s) / 2), prec, dir);
}

// ---------------------------------------------------------------------------------------------
// Conversions.

/** The exact point interval [a, a]. */
export const point = (a: Dyadic): Interval => ({ lo: a, hi: a });

/** An enclosure of the rational p/q: floor and ceiling of p * 2^k / q. Exact when q is a power of 2. */
export function fromRational(r: Rational, prec: number): Interval {
  const n = r.s * r.n;
  const d = r.d;
  if ((d & (d - 1n)) === 0n) return point(dy(n, -(bitLength(d) - 1))); // d = 2^t: exact
  const a = dy(n, 0);
  const b = dy(d, 0);
  return { lo: dDivDirected(a, b, prec, -1), hi: dDivDirected(a, b, prec, 1) };
}

// ---------------------------------------------------------------------------------------------
// Interval operations. Each states the endpoint formula; rounding is outward as argued above.

/** [a,b] + [c,d] = [a+c, b+d]. */
export function add(x: Interval, y: Interval, prec: number): Interval {
  return { lo: roundDown(dAdd(x.lo, y.lo), prec), hi: roundUp(dAdd(x.hi, y.hi), prec) };
}

/** [a,b] - [c,d] = [a-d, b-c]. */
export function sub(x: Interval, y: Interval, prec: number): Interval {
  return { lo: roundDown(dSub(x.lo, y.hi), prec), hi: roundUp(dSub(x.hi, y.lo), prec) };
}

/**
 * [a,b] * [c,d]: the least and the greatest of the endpoint products (bilinearity: the extremes sit
 * at corners), each product exact and compared exactly (dCmp), then rounded outward. A point factor
 * (lo === hi) contributes its one endpoint, so point times point is one exact product rounded both ways.
 */
export function mul(x: Interval, y: Interval, prec: number): Interval {
  const ends = (i: Interval): Dyadic[] => (i.lo === i.hi ? [i.lo] : [i.lo, i.hi]);
  const ps = ends(x).flatMap((u) => ends(y).map((v) => dMul(u, v)));
  return { lo: roundDown(ps.reduce(dMin), prec), hi: roundUp(ps.reduce(dMax), prec) };
}

/** x^2 as a separate operation, so that [-1, 2]^2 = [0, 4] (not [-2, 4]). */
export function square(x: Interval, prec: number): Interval {
  const a = dMul(x.lo, x.lo);
  const b = dMul(x.hi, x.hi);
  if (x.lo.m >= 0n) return { lo: roundDown(a, prec), hi: roundUp(b, prec) };
  if (x.hi.m <= 0n) return { lo: roundDown(b, prec), hi: roundUp(a, prec) };
  return { lo: DYADIC_ZERO, hi: roundUp(dMax(a, b), prec) };
}

/**
 * x / [c,d] = x * [1/d, 1/c] when 0 is not in [c,d] (1/y is decreasing on each side of 0); fails
 * explicitly when y may be 0.
 */
export function div(x: Interval, y: Interval, prec: number): Interval {
  if (!(y.lo.m > 0n || y.hi.m < 0n)) throw new IntervalDomainError("divisor interval contains 0");
  const one = dy(1n, 0);
  return mul(x, { lo: dDivDirected(one, y.hi, prec, -1), hi: dDivDirected(one, y.lo, prec, 1) }, prec);
}

/**
 * sqrt([a,b]) = [sqrt(a), sqrt(b)] (increasing); fails explicitly when a < 0.
 * For a tight interval (0 < a <= b <= 2a) one integer square root serves both ends: with a and b
 * scaled to integers A <= B on a common even exponent and r = floor(sqrt(A)) >= 1,
 *   r <= sqrt(A)   and   sqrt(B) <= r + (B - r^2) / (2r)   (the tangent of the concave sqrt at r^2).
 */
export function sqrt(x: Interval, prec: number): Interval {
  if (x.lo.m < 0n) throw new IntervalDomainError("square root argument may be negative");
  if (x.lo.m === 0n || dCmp(x.hi, dMul(x.lo, dy(2n, 0))) > 0) {
    return { lo: dSqrtDirected(x.lo, prec, -1), hi: dSqrtDirected(x.hi, prec, 1) };
  }
  const e0 = Math.min(x.lo.e, x.hi.e);
  const A0 = x.lo.m << BigInt(x.lo.e - e0);
  let s = Math.max(0, 2 * prec + 2 - bitLength(A0));
  if ((e0 - s) % 2 !== 0) s += 1;
  const A = A0 << BigInt(s);
  const B = (x.hi.m << BigInt(x.hi.e - e0)) << BigInt(s);
  const r = isqrtInt(A);
  const up = r + ceilDiv(B - r * r, 2n * r);
  const e = (e0 - s) / 2;
  return { lo: roundDown(dy(r, e), prec), hi: roundUp(dy(up, e), prec) };
}

// ---------------------------------------------------------------------------------------------
// One-sided predicates (GUARANTEES.md, "Rules the trusted code follows"): true means "for every point", false means "not proven".

export const isPositive = (x: Interval): boolean => x.lo.m > 0n;
export const isNegative = (x: Interval): boolean => x.hi.m < 0n;

/** Three-valued sign: 1 or -1 when proven for every point, "undecided" otherwise. */
export function signOf(x: Interval): 1 | -1 | "undecided" {
  return isPositive(x) ? 1 : isNegative(x) ? -1 : "undecided";
}

/** Width hi - lo, exact. */
export const width = (x: Interval): Dyadic => dSub(x.hi, x.lo);

// ---------------------------------------------------------------------------------------------
// Display (not used for decisions).

/**
 * A float64 fast path for rigorous intervals: [lo, hi] with lo, hi doubles.
 *
 * WHY IT IS RIGOROUS. ECMAScript specifies Number `+ - * /` as IEEE 754 binary64 operations with
 * roundTiesToEven, and BigInt -> Number conversion as round-to-nearest. A correctly rounded result r
 * of an exact value v satisfies |r - v| <= ulp/2 on both sides of r, hence nextDown(r) <= v <= nextUp(r).
 * Every endpoint below is therefore computed in round-to-nearest and then moved one ulp outward
 * (`down` / `up`, exact bit manipulation). `Math.sqrt` is NOT trusted (the specification allows an
 * approximation): its result is only a guess, moved outward until an exact test (`squareLe` /
 * `squareGe`, Dekker's error-free product) proves it is a lower / upper bound.
 *
 * Anything outside the comfortable range (overflow, huge or tiny magnitudes where the error-free
 * product could underflow) throws FloatRangeError, and the caller falls back to the BigInt intervals
 * of interval.ts. Only finite doubles ever leave this module.
 */
import { bitLength, type Rational } from "../numbers/rational.js";
import { fromRational as dyadicFromRational, IntervalDomainError, type Dyadic } from "../numbers/interval.js";

export interface FInterval {
  readonly lo: number;
  readonly hi: number;
}

export class FloatRangeError extends Error {
  constructor() {
    super("float64 interval out of range");
    this.name = "FloatRangeError";
  }
}
// Thrown often on hard inputs; one instance avoids building stack traces in the hot path.
const RANGE = new FloatRangeError();
const DIVISOR_ZERO = new IntervalDomainError("divisor interval contains 0");
const SQRT_NEGATIVE = new IntervalDomainError("square root argument may be negative");

const view = new DataView(new ArrayBuffer(8));

/** The next double above x (x finite). Exact: increments the IEEE bit pattern. */
export function up(x: number): number {
  if (x !== x || x === Infinity || x === -Infinity) throw RANGE;
  if (x === 0) return Number.MIN_VALUE;
  view.setFloat64(0, x);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if (x > 0) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi += 1;
  } else {
    if (lo === 0) hi -= 1;
    lo = (lo - 1) >>> 0;
  }
  view.setUint32(0, hi);
  view.setUint32(4, lo);
  const r = view.getFloat64(0);
  if (r === Infinity || r === -Infinity) throw RANGE;
  return r;
}

/** The next double below x. */
export const down = (x: number): number => -up(-x);

/**
 * 2^e exactly, for -1022 <= e <= 1023, built from the exponent bits (`2 ** e` is Math.pow, which
 * the specification lets implementations approximate).
 */
export function pow2(e: number): number {
  if (!Number.isInteger(e) || e < -1022 || e > 1023) throw RANGE; // elsewhere the exponent bits would wrap
  view.setUint32(0, (e + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

/** A double no larger / no smaller than the dyadic m 2^e (round to nearest, then one ulp out). */
function dyadicToDouble(d: Dyadic, dir: -1 | 1): number {
  if (d.m === 0n) return 0;
  const top = bitLength(d.m) + d.e; // |value| is in [2^(top-1), 2^top)
  if (top > 1000 || top < -1000) throw RANGE;
  let mm = d.m;
  let e = d.e;
  const extra = bitLength(mm) - 64;
  if (extra > 0) {
    // Keep 64 bits with a directed shift (floor for down, ceiling for up): still a bound.
    mm = dir < 0 ? mm >> BigInt(extra) : -(-mm >> BigInt(extra));
    e += extra;
  }
  const e1 = Math.trunc(e / 2);
  const v = Number(mm) * pow2(e1) * pow2(e - e1); // Number(mm) rounds to nearest; scalings exact in range
  return dir < 0 ? down(v) : up(v);
}

/**
 * A double below (dir = -1) or above (dir = +1) the dyadic d. Values of magnitude below 2^-1000
 * become -2^-1000 (down) or 2^-1000 (up): still bounds. Throws FloatRangeError above 2^1000.
 */
export function dyadicBound(d: Dyadic, dir: -1 | 1): number {
  if (d.m !== 0n && bitLength(d.m) + d.e < -1000) return dir * pow2(-1000); // |d| < 2^-1000
  return dyadicToDouble(d, dir);
}

/** An enclosure of a rational. */
export function fromRational(r: Rational): FInterval {
  const d = dyadicFromRational(r, 64);
  return { lo: dyadicToDouble(d.lo, -1), hi: dyadicToDouble(d.hi, 1) };
}

export const point = (x: number): FInterval => ({ lo: x, hi: x });

export function add(x: FInterval, y: FInterval): FInterval {
  return { lo: down(x.lo + y.lo), hi: up(x.hi + y.hi) };
}

export function sub(x: FInterval, y: FInterval): FInterval {
  return { lo: down(x.lo - y.hi), hi: up(x.hi - y.lo) };
}

/** Four endpoint products, each rounded to nearest, then the min moved down and the max moved up. */
export function mul(x: FInterval, y: FInterval): FInterval {
  const a = x.lo * y.lo;
  const b = x.lo * y.hi;
  const c = x.hi * y.lo;
  const d = x.hi * y.hi;
  return { lo: down(Math.min(a, b, c, d)), hi: up(Math.max(a, b, c, d)) };
}

export function square(x: FInterval): FInterval {
  const a = x.lo * x.lo;
  const b = x.hi * x.hi;
  if (x.lo >= 0) return { lo: down(a), hi: up(b) };
  if (x.hi <= 0) return { lo: down(b), hi: up(a) };
  return { lo: 0, hi: up(Math.max(a, b)) };
}

/** 1/[c,d] = [1/d, 1/c] when 0 is not in [c,d]. */
export function recip(y: FInterval): FInterval {
  if (!(y.lo > 0 || y.hi < 0)) throw DIVISOR_ZERO;
  return { lo: down(1 / y.hi), hi: up(1 / y.lo) };
}

export const div = (x: FInterval, y: FInterval): FInterval => mul(x, recip(y));

const SPLIT = 134217729; // 2^27 + 1 (Veltkamp)
const SAFE_LO = pow2(-900);
const SAFE_HI = pow2(900);

/**
 * Exact sign of s*s - x for doubles 0 < s, x in the safe range: p = fl(s*s) and the exact error e
 * (Dekker's TwoProduct, exact without overflow or underflow) give s*s = p + e with |e| <= ulp(p)/2.
 * Hence s*s < x iff p < x or (p == x and e < 0), and s*s > x iff p > x or (p == x and e > 0): when
 * p != x the doubles p and x differ by at least one ulp, more than |e|.
 */
function squareCmp(s: number, x: number): -1 | 0 | 1 {
  const p = s * s;
  const c = SPLIT * s;
  const sh = c - (c - s);
  const sl = s - sh;
  const e = sl * sl - (p - sh * sh - sl * sh - sh * sl); // Dekker: ((p - sh sh) - sl sh) - sh sl, exact
  if (p < x) return -1;
  if (p > x) return 1;
  return e < 0 ? -1 : e > 0 ? 1 : 0;
}

function sqrtDown(x: number): number {
  if (x === 0) return 0;
  if (x < SAFE_LO || x > SAFE_HI) throw RANGE;
  let s = down(Math.sqrt(x));
  while (squareCmp(s, x) > 0) s = down(s);
  return s;
}

function sqrtUp(x: number): number {
  if (x === 0) return 0;
  if (x < SAFE_LO || x > SAFE_HI) throw RANGE;
  let s = up(Math.sqrt(x));
  while (squareCmp(s, x) < 0) s = up(s);
  return s;
}

export function sqrt(x: FInterval): FInterval {
  if (x.lo < 0) throw SQRT_NEGATIVE;
  return { lo: Math.max(0, sqrtDown(x.lo)), hi: sqrtUp(x.hi) };
}

export const isPositive = (x: FInterval): boolean => x.lo > 0;
export const isNegative = (x: FInterval): boolean => x.hi < 0;

/** The exact dyadic value of a finite double (decoded from its bits). */
export function doubleToDyadic(x: number): Dyadic {
  if (x === 0) return { m: 0n, e: 0 };
  if (!Number.isFinite(x)) throw RANGE;
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

export function toDyadicInterval(x: FInterval): { lo: Dyadic; hi: Dyadic } {
  return { lo: doubleToDyadic(x.lo), hi: doubleToDyadic(x.hi) };
}

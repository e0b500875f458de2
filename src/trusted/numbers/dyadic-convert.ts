/**
 * Conversions of dyadic intervals for tests, producers and display (not used by the kernel).
 */
import { bitLength, type Rational } from "./rational.js";
import { dCmp, dMul, type Dyadic, type Interval } from "./interval.js";

const dy = (m: bigint, e: number): Dyadic => ({ m, e });

/** The exact rational value of a dyadic (for tests and exact comparisons). */
export function dyadicToRational(a: Dyadic, make: (n: bigint, d: bigint) => Rational): Rational {
  return a.e >= 0 ? make(a.m << BigInt(a.e), 1n) : make(a.m, 1n << BigInt(-a.e));
}

/** Does x contain the rational r? Exact comparison in BigInt. */
export function containsRational(x: Interval, r: Rational): boolean {
  const n = r.s * r.n;
  // lo <= n/d  <=>  lo.m * 2^lo.e * d <= n, compared exactly on a common exponent.
  const le = (a: Dyadic, sideIsLo: boolean): boolean => {
    const lhs = dMul(a, dy(r.d, 0));
    const c = dCmp(lhs, dy(n, 0));
    return sideIsLo ? c <= 0 : c >= 0;
  };
  return le(x.lo, true) && le(x.hi, false);
}

/** Approximate double value, for display only. */
export function dyadicToNumber(a: Dyadic): number {
  if (a.m === 0n) return 0;
  const bl = bitLength(a.m);
  const shift = Math.max(0, bl - 60);
  const top = Number(a.m >> BigInt(shift));
  return top * Math.pow(2, a.e + shift);
}


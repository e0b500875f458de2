/**
 * Dyadic conversions that no verdict needs, kept out of the trusted tree: the nearest double (for
 * display) and an exact membership test (the tests' oracle). `dyadicToRational` is re-exported from
 * the trusted tree so that `import * as C` callers find all three in one place.
 */
import { dCmp, dMul, type Dyadic, type Interval } from "../trusted/numbers/interval.js";
import { bitLength, type Rational } from "../trusted/numbers/rational.js";

export { dyadicToRational } from "../trusted/numbers/dyadic-convert.js";

const dy = (m: bigint, e: number): Dyadic => ({ m, e });

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

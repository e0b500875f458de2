/**
 * The exact rational value of a dyadic. (Display and test conversions, `dyadicToNumber` and
 * `containsRational`, are in src/workshop/dyadic.ts: no verdict needs them.)
 */
import type { Rational } from "./rational.js";
import type { Dyadic } from "./interval.js";

/** The exact rational value of a dyadic (for exact comparisons; `make` builds n/d). */
export function dyadicToRational(a: Dyadic, make: (n: bigint, d: bigint) => Rational): Rational {
  return a.e >= 0 ? make(a.m << BigInt(a.e), 1n) : make(a.m, 1n << BigInt(-a.e));
}

/**
 * Float -> exact rational, without `new Fraction(float)` (which approximates by continued fractions
 * of the decimal expansion). A finite double is itself a dyadic rational; we round it to a fixed
 * grid 2^e so parameters have short, predictable bit lengths (the kernel encloses them exactly
 * whenever its precision is at least that long).
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";

/** The multiple of 2^e nearest to x, as an exact rational. */
export function roundToGrid(x: number, e: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`roundToGrid: ${x} is not finite`);
  // x / 2^e is computed exactly (power-of-two scaling) unless it overflows, which callers avoid
  // by choosing e from the magnitude of x.
  const m = BigInt(Math.round(x * 2 ** -e));
  return e >= 0 ? rat(m * (1n << BigInt(e))) : rat(m, 1n << BigInt(-e));
}

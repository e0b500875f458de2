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

/** Grid exponent giving `bits` significant bits to a number of magnitude `scale`. */
export function gridFor(scale: number, bits: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) return -bits;
  return Math.floor(Math.log2(scale)) - bits;
}

/** Round every entry of a matrix and a vector on one common grid (relative to the largest entry). */
export function roundLayer(weight: readonly (readonly number[])[], bias: readonly number[], bits: number): { weight: Rational[][]; bias: Rational[] } {
  let scale = 0;
  for (const row of weight) for (const v of row) scale = Math.max(scale, Math.abs(v));
  for (const v of bias) scale = Math.max(scale, Math.abs(v));
  const e = gridFor(scale, bits);
  return { weight: weight.map((row) => row.map((v) => roundToGrid(v, e))), bias: bias.map((v) => roundToGrid(v, e)) };
}

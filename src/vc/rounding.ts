/**
 * Rounding float64 layer designs to exact dyadic rationals. LN is invariant under h -> a h (a > 0)
 * with eps = 0, so each layer is first scaled to max |entry| = 1 and then rounded to `bits` bits;
 * with eps > 0 an extra power-of-two gain keeps the variance far above eps (see scaleForEps).
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";

/** x rounded to a multiple of 2^-bits, times 2^gain, exactly (bits <= 52 keeps the integer safe). */
export function dyadic(x: number, bits: number, gain = 0): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`dyadic: ${x}`);
  const n = Math.round(x * 2 ** bits);
  const shift = bits - gain;
  return shift >= 0 ? rat(BigInt(n), 1n << BigInt(shift)) : rat(BigInt(n) << BigInt(-shift));
}

export function maxAbs(xs: readonly number[]): number {
  return xs.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

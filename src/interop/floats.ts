/**
 * Exact conversions between IEEE binary floats and rationals. A finite float is a dyadic rational
 * m * 2^e, so reading one is exact from its bits (never through decimal printing); writing a rational
 * as a float rounds it once, to nearest with ties to even, from exact BigInt arithmetic.
 */
import { rat, sign, type Rational } from "../trusted/numbers/rational.js";

const view = new DataView(new ArrayBuffer(8));

/** The exact value of a finite double (float32 values are doubles too). Undefined for NaN and infinities. */
export function floatToRational(x: number): Rational | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (x === 0) return rat(0n);
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // normal: 1.fraction * 2^(biased - 1023); subnormal: 0.fraction * 2^-1022
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const e = (biased === 0 ? -1022 : biased - 1023) - 52;
  const m = negative ? -mantissa : mantissa;
  return e >= 0 ? rat(m << BigInt(e)) : rat(m, 1n << BigInt(-e));
}

/** A binary format: significand bits (with the hidden bit) and the least normal exponent. */
export interface FloatFormat {
  readonly name: "float32" | "float64";
  readonly precision: number;
  readonly minExponent: number;
  readonly maxExponent: number;
}
export const FLOAT32: FloatFormat = { name: "float32", precision: 24, minExponent: -126, maxExponent: 127 };
export const FLOAT64: FloatFormat = { name: "float64", precision: 53, minExponent: -1022, maxExponent: 1023 };

const bitLength = (n: bigint): number => n.toString(2).length;

/** floor(log2(n/d)) for n, d > 0. */
function log2Floor(n: bigint, d: bigint): number {
  let e = bitLength(n) - bitLength(d);
  if ((e >= 0 ? n : n << BigInt(-e)) < (e >= 0 ? d << BigInt(e) : d)) e -= 1;
  return e;
}

/**
 * The rational rounded to the nearest value of the format (ties to even), as a JS number; Infinity
 * (with the sign) when it lies beyond the format's largest finite value after rounding.
 */
export function rationalToFloat(r: Rational, f: FloatFormat): number {
  const s = sign(r);
  if (s === 0) return 0;
  const n = r.n;
  const d = r.d;
  // quantum 2^q: the unit in the last place at the value's binade (subnormals share the least one)
  const q = Math.max(log2Floor(n, d), f.minExponent) - (f.precision - 1);
  const num = q >= 0 ? n : n << BigInt(-q);
  const den = q >= 0 ? d << BigInt(q) : d;
  let k = num / den;
  const twice = 2n * (num - k * den);
  if (twice > den || (twice === den && (k & 1n) === 1n)) k += 1n;
  // k <= 2^precision; k * 2^q is exact in a double for both formats (2^precision * 2^q is a power of two)
  const value = Number(k) * 2 ** q;
  const max = (2 - 2 ** (1 - f.precision)) * 2 ** f.maxExponent;
  if (value > max) return s * Infinity;
  return s * value;
}

/**
 * Exact rationals (fraction.js over BigInt) and their exact string codec.
 *
 * Exactness rules (GUARANTEES.md, "Rules the trusted code follows"): a Rational is never built from a JS float, never compared with `<`
 * (which would compare doubles); use `cmp`, `isPositive`, ... which compare BigInts exactly.
 */
import Fraction from "fraction.js";
import { InputError } from "../errors.js";

export type Rational = Fraction;

export const ZERO: Rational = new Fraction(0n, 1n);

/** n / d exactly (d != 0). */
export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  const nn = typeof n === "bigint" ? n : toIntegerBigInt(n);
  const dd = typeof d === "bigint" ? d : toIntegerBigInt(d);
  if (dd === 0n) throw new RangeError("rat: zero denominator");
  return new Fraction(nn, dd);
}

function toIntegerBigInt(v: number): bigint {
  if (!Number.isSafeInteger(v)) throw new RangeError(`rat: ${v} is not a safe integer`);
  return BigInt(v);
}

// Arithmetic is fraction.js's own, exact over BigInt: a.add(b), a.sub(b), a.mul(b), a.div(b) (which
// throws on a zero divisor), a.neg(). (`mul` remains as a function for an accelerator.)
export const mul = (a: Rational, b: Rational): Rational => a.mul(b);
/** Exact three-way comparison: -1, 0 or 1 (BigInt cross-multiplication inside fraction.js). */
export const cmp = (a: Rational, b: Rational): -1 | 0 | 1 => a.compare(b) as -1 | 0 | 1;
export const sign = (a: Rational): -1 | 0 | 1 => (a.n === 0n ? 0 : a.s < 0n ? -1 : 1);
export const isZero = (a: Rational): boolean => a.n === 0n;

export const sum = (xs: readonly Rational[]): Rational => xs.reduce((s, x) => s.add(x), ZERO);

/** Canonical string: "p" for integers, "p/q" otherwise (the lnnet/v1 codec); r.s * r.n is the signed numerator. */
export function toRationalString(r: Rational): string {
  const n = r.s * r.n;
  return r.d === 1n ? n.toString() : `${n}/${r.d}`;
}

/** Exact square root when r is the square of a rational, else undefined (r = n/d in lowest terms is a square iff n and d are). */
export function exactSqrt(r: Rational): Rational | undefined {
  if (sign(r) < 0) return undefined;
  const a = isqrt(r.n);
  const b = isqrt(r.d);
  return a * a === r.n && b * b === r.d ? rat(a, b) : undefined;
}

/** floor(sqrt(n)) for n >= 0 by integer Newton iteration from an overestimate (exact). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrt of a negative number");
  if (n < 2n) return n;
  // Integer Newton decreases monotonically to floor(sqrt(n)) from any x >= sqrt(n), stopping when the
  // iterate stops decreasing. A float guess saves iterations; it is used only if x*x >= n is checked
  // exactly, else the guaranteed overestimate 2^ceil(bits/2) is used.
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  const guess = floatSqrtGuess(n);
  if (guess !== undefined && guess * guess >= n) x = guess;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** About 50 correct leading bits of sqrt(n), rounded up a little; undefined when not applicable. */
function floatSqrtGuess(n: bigint): bigint | undefined {
  const extra = Math.max(0, bitLength(n) - 104);
  const s = extra + (extra % 2); // even shift: sqrt(2^s) = 2^(s/2)
  const top = Number(n >> BigInt(s));
  if (!Number.isFinite(top)) return undefined;
  const r = Math.ceil(Math.sqrt(top) * (1 + 2 ** -40)) + 1;
  return Number.isSafeInteger(r) || r < 2 ** 60 ? BigInt(r) << BigInt(s / 2) : undefined;
}

/** Number of bits of |n| (0 for 0). Exact. */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  // hex digits give the length to within 3 bits; fix up the leading digit exactly.
  const hex = n.toString(16);
  const lead = parseInt(hex.charAt(0), 16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(lead));
}

const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const FRACTION_RE = /^([+-]?\d+)\/([+-]?\d+)$/;
const MAX_EXPONENT = 100_000;

/**
 * Parse an exact rational from a string: an integer "12", a fraction "p/q", or a finite decimal
 * with optional exponent ("0.125" = 1/8, "1e-5" = 1/100000). Rejects NaN, Infinity, empty strings,
 * zero denominators, and anything else, with an InputError whose location the caller supplies.
 */
export function parseRational(text: string, where: { field?: string; file?: string; line?: number; column?: number } = {}): Rational {
  // Capture groups that are not optional in FRACTION_RE and NUMBER_RE are defined whenever the match is (the `!`s below).
  const s = text.trim();
  if (s === "") throw new InputError("bad-number", `empty string is not a number`, where);
  const f = FRACTION_RE.exec(s);
  if (f) {
    const n = BigInt(f[1]!);
    const d = BigInt(f[2]!);
    if (d === 0n) throw new InputError("bad-number", `"${text}": zero denominator`, where);
    return rat(n, d);
  }
  const m = NUMBER_RE.exec(s);
  if (!m || (m[2] === "" && !m[3])) {
    throw new InputError(
      "bad-number",
      `"${text}" is not an exact number (expected an integer, "p/q", or a finite decimal such as 0.125 or 1e-5)`,
      where,
    );
  }
  const negative = m[1] === "-";
  const intPart = m[2]!;
  const fracPart = m[3] ?? "";
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > MAX_EXPONENT) {
    throw new InputError("bad-number", `"${text}": exponent out of range (|e| <= ${MAX_EXPONENT})`, where);
  }
  let n = BigInt(intPart + fracPart);
  let d = 1n;
  const scale = exp - fracPart.length;
  if (scale >= 0) n *= 10n ** BigInt(scale);
  else d = 10n ** BigInt(-scale);
  if (negative) n = -n;
  return rat(n, d);
}

/** Parse a JSON value that must be a rational string (or a safe integer number). */
export function rationalFromJson(v: unknown, field: string): Rational {
  if (typeof v === "string") return parseRational(v, { field });
  if (typeof v === "number" && Number.isSafeInteger(v)) return rat(v);
  throw new InputError(
    "bad-number",
    `expected an exact number as a string ("p/q", integer or decimal), got ${JSON.stringify(v)}`,
    { field },
  );
}

/**
 * Fixed-point BigInt simulation of the rounded net (untrusted; the kernel certifies).
 *
 * A value v is held as the integer V = round(v 2^P) at a precision P chosen per layer from the
 * geometry (a fold at distance s needs positions known far below s; float64 gives 2^-53 only).
 * Linear layers with dyadic parameters are then exact integer sums; LayerNorm needs one integer
 * square root per point. Errors are ~2^-P per layer: enough to make design decisions, never a proof.
 */
import { type Rational } from "../trusted/numbers/rational.js";

/** Bit length of |n| (exact): a double's logarithm, corrected by one shift either way when rounding moved it. */
export function bits(n: bigint): number {
  if (n < 0n) n = -n;
  if (n === 0n) return 0;
  const f = Number(n);
  if (f === Infinity) {
    const s = n.toString(16);
    return 4 * (s.length - 1) + (32 - Math.clz32(parseInt(s[0]!, 16))); // n > 0 has a non-empty hex string
  }
  let b = Math.floor(Math.log2(f)) + 1;
  if (n >> BigInt(b - 1) === 0n) b--;
  else if (n >> BigInt(b) !== 0n) b++;
  return b;
}

/** floor(sqrt(n)), n >= 0: Newton from a float estimate with 50 correct bits (few iterations). */
export function isqrtFast(n: bigint): bigint {
  if (n < 0n) throw new RangeError("isqrtFast of a negative number");
  if (n < 1n << 52n) return BigInt(Math.floor(Math.sqrt(Number(n))));
  const b = bits(n);
  const sh = (b - 100) & ~1; // even shift: sqrt(n >> sh) << sh/2
  const top = Number(n >> BigInt(sh));
  let x = (BigInt(Math.floor(Math.sqrt(top))) + 1n) << BigInt(sh / 2); // overestimate
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x -= 1n;
  return x;
}

/** V 2^-P as the nearest double (relative error ~2^-53). */
export function toFloat(v: bigint, p: number): number {
  const sh = Math.max(0, bits(v) - 62);
  return Number(v >> BigInt(sh)) * 2 ** (sh - p);
}

/** floor(r 2^P) for an exact rational. */
export function fromRational(r: Rational, p: number): bigint {
  const n = r.s * r.n;
  return p >= 0 ? (n << BigInt(p)) / r.d : n / (r.d << BigInt(-p));
}

/**
 * LayerNorm (one group of 3) of z = Z 2^-K, output at precision P:
 * y_i = c_i / sqrt(|c|^2/3 + eps), c = z - mean z. With C_i = 3 Z_i - sum Z (exact),
 * y_i = C_i sqrt(3) / sqrt(|C|^2 + 27 eps 2^2K).
 */
export function layerNorm3(z: readonly bigint[], k: number, p: number, eps: Rational): bigint[] {
  const sum = z[0]! + z[1]! + z[2]!; // z is one group of 3
  const c = z.map((v) => 3n * v - sum);
  let n = c.reduce((s, v) => s + v * v, 0n);
  if (eps.n !== 0n) n += 2 * k >= 0 ? (27n * eps.n << BigInt(2 * k)) / eps.d : (27n * eps.n) / (eps.d << BigInt(-2 * k));
  if (n === 0n) throw new RangeError("layerNorm3: zero variance");
  // R = sqrt(n / 3) 2^t with at least P + 20 bits, so Y_i = C_i 2^(P + t) / R.
  const t = Math.max(0, p + 24 - Math.floor(bits(n) / 2));
  const r = isqrtFast((n << BigInt(2 * t)) / 3n);
  return c.map((ci) => (ci << BigInt(p + t)) / r);
}

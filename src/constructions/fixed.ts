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

/** V 2^-P as a double (relative error ~2^-53). */
export function toFloat(v: bigint, p: number): number {
  const f = Number(v); // rounded to nearest; no BigInt allocated
  if (Math.abs(f) < 2 ** 1000 && p <= 1000 && p >= -1000) return f * 2 ** -p;
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
  // rho = sqrt(3 / n) 2^T with p + 8 bits, so Y_i = C_i rho 2^(p - T) (|C_i| <= sqrt n).
  const bn = bits(n);
  const T = p + 8 + Math.ceil(bn / 2);
  // Seed from the top 53 bits of n, then Newton steps for 1/sqrt (multiplications only):
  // rho <- rho + rho (3 2^2T - n rho^2) / (6 2^2T), each doubling the correct bits from ~50.
  const sh = Math.max(0, bn - 106) & ~1;
  const r0 = Math.sqrt(3 / Number(n >> BigInt(sh))); // ~2^(-(bn - sh)/2)
  const e0 = T - sh / 2 - 113; // rho = r0 2^113 2^e0 (r0 2^113 ~ 2^60: an exact integer)
  let rho = BigInt(Math.round(r0 * 2 ** 113));
  rho = e0 >= 0 ? rho << BigInt(e0) : rho >> BigInt(-e0);
  const three = 3n << BigInt(2 * T);
  const div = BigInt(2 * T + 1);
  for (let good = 50; good < p + 10; good *= 2) rho += ((rho * (three - n * rho * rho)) / 3n) >> div;
  const s = BigInt(T - p);
  return c.map((ci) => (ci * rho) >> s);
}

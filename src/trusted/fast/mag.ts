/**
 * Magnitudes: upper bounds f * 2^e on nonnegative reals, with f a double in [1, 2) (or 0) and e an
 * unbounded integer. Error radii of deep nets reach 2^-4000, far below float64's range; a separate
 * exponent keeps them representable (the idea of Arb's `mag_t`).
 *
 * WHY EVERY RESULT IS AN UPPER BOUND. Each operation computes f in round-to-nearest and moves it one
 * ulp up (`up` from float-interval.ts, the same argument as there: the correctly rounded r of v has
 * v <= nextUp(r)); scaling by powers of two is exact in the normal range; a term too small to change
 * the sum is replaced by one ulp of the larger term (it is below half an ulp of it).
 */
import { bitLength } from "../numbers/rational.js";
import { doubleToDyadic, FloatRangeError, pow2, up } from "./float-interval.js";
import type { Dyadic } from "../numbers/interval.js";

export interface Mag {
  readonly f: number;
  readonly e: number;
}

export const MAG_ZERO: Mag = { f: 0, e: 0 };

const view = new DataView(new ArrayBuffer(8));
const TINY = pow2(-1000);
const LIFT = pow2(600);
const LIMIT = pow2(1000);

/** f * 2^e with f a finite double >= 0, renormalised to [1, 2) exactly (exponent bits). */
export function magOf(f: number, e = 0): Mag {
  // Not reachable from finite bounds; a FloatRangeError makes the caller fall back, never decide.
  if (!(f >= 0) || f === Infinity) throw new FloatRangeError();
  if (f === 0) return MAG_ZERO;
  let g = f;
  let k = e;
  if (g < TINY) {
    g *= LIFT; // exact (a power of two, result still finite)
    k -= 600;
  }
  view.setFloat64(0, g);
  const biased = (view.getUint32(0) >>> 20) & 0x7ff;
  const shift = biased - 1023; // g = m * 2^shift with m in [1, 2) (g is normal here)
  view.setUint32(0, (view.getUint32(0) & 0x800fffff) | (1023 << 20));
  return { f: view.getFloat64(0), e: k + shift };
}

/** An upper bound on |d|: its top 53 bits plus one, times the remaining power of two. */
export function magOfDyadic(d: Dyadic): Mag {
  const m = d.m < 0n ? -d.m : d.m;
  if (m === 0n) return MAG_ZERO;
  // BigInt -> Number rounds to nearest (ECMAScript), so one ulp up bounds it (exactly 0 only for 0).
  const x = Number(m);
  if (x < LIMIT) return magOf(up(x), d.e);
  const s = Math.max(0, bitLength(m) - 53);
  return magOf(up(Number(m >> BigInt(s)) + 1), d.e + s); // Number of < 2^53 is exact; + 1 bounds the cut bits
}

/** An upper bound on a * b. */
export function magMul(a: Mag, b: Mag): Mag {
  if (a.f === 0 || b.f === 0) return MAG_ZERO;
  return magOf(up(a.f * b.f), a.e + b.e); // f in [1, 4): no overflow
}

/** An upper bound on a * x for a double x >= 0 (x may be any finite magnitude). */
export const magScale = (a: Mag, x: number): Mag => magMul(a, magOf(x));

/** An upper bound on a + b. */
export function magAdd(a: Mag, b: Mag): Mag {
  if (a.f === 0) return b;
  if (b.f === 0) return a;
  const [big, small] = a.e >= b.e ? [a, b] : [b, a];
  const d = big.e - small.e;
  // small < 2^(small.e + 1) <= 2^(big.e - 60) when d > 60: below half an ulp of big.f (>= 1).
  if (d > 60) return magOf(up(big.f), big.e);
  return magOf(up(big.f + small.f * pow2(-d)), big.e); // 2^-d exact; the product is exact (normal range)
}

/** The largest of several bounds (exact comparison). */
export function magMax(...xs: Mag[]): Mag {
  let best = MAG_ZERO;
  for (const x of xs) if (magLess(best, x)) best = x;
  return best;
}

/** a < b, exactly (both normalised). */
export function magLess(a: Mag, b: Mag): boolean {
  if (a.f === 0) return b.f > 0;
  if (b.f === 0) return false;
  return a.e < b.e || (a.e === b.e && a.f < b.f);
}

/** The exact dyadic value f * 2^e. */
export function magToDyadic(a: Mag): Dyadic {
  const d = doubleToDyadic(a.f);
  return { m: d.m, e: d.e + a.e };
}

/** log2 of the bound (for reports). */
export const magLog2 = (a: Mag): number => (a.f === 0 ? -Infinity : Math.log2(a.f) + a.e);

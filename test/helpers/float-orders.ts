/**
 * A second float64 evaluation order for tests: reversed sums with the bias first, fused
 * multiply-adds (emulated exactly through dyadics, then rounded once), the mean and variance by
 * multiplication with fl(1/3), and division replaced by multiplication with fl(1/s). Any of these
 * is an admissible float64 evaluation of the same formulas (src/trusted/fast/float64-rounding.ts).
 */
import * as I from "../../src/trusted/numbers/interval.js";
import * as F from "../../src/trusted/fast/float-interval.js";
import { bitLength } from "../../src/trusted/numbers/rational.js";
import type { FloatNet } from "../../src/workshop/evaluate-float.js";

/** The double nearest the dyadic d (ties to even); d's magnitude must be a normal double's. */
function nearest(d: I.Dyadic): number {
  if (d.m === 0n) return 0;
  const neg = d.m < 0n;
  let m = neg ? -d.m : d.m;
  let e = d.e;
  const extra = bitLength(m) - 53;
  if (extra > 0) {
    const q = m >> BigInt(extra);
    const rem = m - (q << BigInt(extra));
    const half = 1n << BigInt(extra - 1);
    m = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
    e += extra;
  }
  const e1 = Math.trunc(e / 2);
  const v = Number(m) * F.pow2(e1) * F.pow2(e - e1); // m < 2^54 is exact; the scalings are exact in range
  return neg ? -v : v;
}
const fma = (a: number, b: number, c: number): number => nearest(I.dAdd(I.dMul(F.doubleToDyadic(a), F.doubleToDyadic(b)), F.doubleToDyadic(c)));

/** The net's output in that order. */
export function evaluateOtherOrder(net: FloatNet, x: readonly number[]): number {
  let h = [...x];
  const third = 1 / 3;
  for (const l of net) {
    if (l.type === "linear") {
      h = Array.from({ length: l.rows }, (_, i) => {
        let s = l.b[i]!;
        for (let j = l.cols - 1; j >= 0; j--) s = fma(l.w[i * l.cols + j]!, h[j]!, s);
        return s;
      });
    } else {
      let sum = 0;
      for (let j = h.length - 1; j >= 0; j--) sum += h[j]!;
      const mean = sum * third;
      const c = h.map((v) => v - mean);
      let v = c[c.length - 1]! * c[c.length - 1]!;
      for (let j = c.length - 2; j >= 0; j--) v = fma(c[j]!, c[j]!, v);
      const r = 1 / Math.sqrt(v * third + l.eps);
      h = c.map((cj) => cj * r);
    }
  }
  return h[0]!;
}


/** Exact membership tests for the first-order enclosure's sets (shared by the first-order tests). */
import * as I from "../../src/trusted/numbers/interval.js";
import * as C from "../../src/workshop/dyadic.js";
import * as F from "../../src/trusted/fast/float-interval.js";
import { rat, type Rational } from "../../src/trusted/numbers/rational.js";
import { magToDyadic, type Mag } from "../../src/trusted/fast/mag.js";
import type { State } from "../../src/trusted/fast/evaluate-first-order.js";

export const dyadicQ = (d: I.Dyadic): Rational => C.dyadicToRational(d, (n, m) => rat(n, m));
export const magQ = (m: Mag): Rational => dyadicQ(magToDyadic(m));

/** Is every point of the narrow box y in { c + alpha t + delta : |alpha| <= a, |delta_i| <= r }? (exact) */
export function inFirstOrderSet(y: readonly I.Interval[], s: State): boolean {
  const a = magQ(s.a);
  const r = magQ(s.r);
  let lo = a.neg();
  let hi = a;
  for (let i = 0; i < 3; i++) {
    const c = dyadicQ(s.c[i]!);
    const ylo = dyadicQ(y[i]!.lo).sub(c);
    const yhi = dyadicQ(y[i]!.hi).sub(c);
    const t = s.t[i]!;
    if (t === 0) {
      if (ylo.compare(r.neg()) < 0 || yhi.compare(r) > 0) return false;
      continue;
    }
    const tq = dyadicQ(F.doubleToDyadic(t));
    // need yhi - r <= alpha t <= ylo + r
    const [l, h] = t > 0 ? [yhi.sub(r).div(tq), ylo.add(r).div(tq)] : [ylo.add(r).div(tq), yhi.sub(r).div(tq)];
    if (l.compare(lo) > 0) lo = l;
    if (h.compare(hi) < 0) hi = h;
  }
  return lo.compare(hi) <= 0;
}

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { expectedFrobSq, lnGroupHessian, lnGroupHessianDecimal, lngHessianFrobSq } from "../src/nonlinearity/hessian.js";
import { makeRng } from "../src/workshop/rng.js";

const D = Decimal.clone({ precision: 70 });

/** LN of one group (eps = 0) in decimal.js. */
function lnDec(x: Decimal[]): Decimal[] {
  const k = x.length;
  const m = x.reduce((s, v) => s.plus(v), new D(0)).div(k);
  const c = x.map((v) => v.minus(m));
  const sd = c.reduce((s, v) => s.plus(v.times(v)), new D(0)).div(k).sqrt();
  return c.map((v) => v.div(sd));
}

const point = fc.integer({ min: 3, max: 6 }).chain((k) => fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 9 })), { minLength: k, maxLength: k }));

describe("Hessian of LN: closed form vs finite differences", () => {
  it("matches 70-digit central second differences at random rational points", () => {
    fc.assert(
      fc.property(point, (pts) => {
        const x = pts.map(([n, d]) => new D(n).div(d));
        const c = x.map((v) => v.minus(x.reduce((s, u) => s.plus(u), new D(0)).div(x.length)));
        if (c.reduce((s, v) => s.plus(v.abs()), new D(0)).lt("1e-3")) return; // LN undefined at constant inputs
        const k = x.length;
        const H = lnGroupHessianDecimal(x, D);
        const h = new D("1e-20");
        const shift = (j: number, sj: number, l: number, sl: number): Decimal[] => x.map((v, i) => v.plus(h.times((i === j ? sj : 0) + (i === l ? sl : 0))));
        for (let j = 0; j < k; j++) {
          for (let l = 0; l < k; l++) {
            const pp = lnDec(shift(j, 1, l, 1));
            const pm = lnDec(shift(j, 1, l, -1));
            const mp = lnDec(shift(j, -1, l, 1));
            const mm = lnDec(shift(j, -1, l, -1));
            for (let i = 0; i < k; i++) {
              const fd = pp[i]!.minus(pm[i]!).minus(mp[i]!).plus(mm[i]!).div(h.times(h).times(4));
              expect(fd.minus(H[i]![j]![l]!).abs().lt("1e-25")).toBe(true);
            }
          }
        }
        // The Frobenius closed form k (3k - 6) / r^4 equals the sum of squares of the tensor.
        const ss = H.flat(2).reduce((s, v) => s.plus(v.times(v)), new D(0));
        const r2 = c.reduce((s, v) => s.plus(v.times(v)), new D(0));
        const closed = new D(k * (3 * k - 6)).div(r2.times(r2));
        expect(ss.minus(closed).abs().div(closed).lt("1e-50")).toBe(true);
        // float64 tensor and norm agree with the decimal ones.
        const Hf = lnGroupHessian(x.map((v) => v.toNumber()));
        Hf.flat(2).forEach((v, idx) => expect(Math.abs(v - H.flat(2)[idx]!.toNumber())).toBeLessThan(1e-9 * (1 + Math.abs(v))));
        expect(lngHessianFrobSq(x.map((v) => v.toNumber()), 1) / closed.toNumber()).toBeCloseTo(1, 9);
      }),
      { seed: 2024, numRuns: 25 },
    );
  });

  it("LN on two neurons has zero Hessian (locally constant)", () => {
    expect(lngHessianFrobSq([0.3, -1.2], 1)).toBe(0);
    expect(expectedFrobSq(24, 12)).toBe(0);
  });

  it("closed-form E||H||_F^2 agrees with Monte Carlo (k >= 12, finite variance)", () => {
    const rng = makeRng(5);
    for (const [n, g] of [[12, 1], [24, 2]] as const) {
      let s = 0;
      const N = 30000;
      const x = new Float64Array(n);
      for (let t = 0; t < N; t++) {
        for (let i = 0; i < n; i++) x[i] = rng.normal();
        s += lngHessianFrobSq(x, g);
      }
      expect(Math.abs(s / N / expectedFrobSq(n, g) - 1)).toBeLessThan(0.03);
    }
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dd, ddAdd, ddMul, ddSqrtRatio } from "../src/constructions/dd.js";

/** x as an exact fraction n / 2^1100 (every double here is a multiple of 2^-1100). */
const exact = (x: number): bigint => {
  if (x === 0) return 0n;
  const e = Math.floor(Math.log2(Math.abs(x)));
  return BigInt(x * 2 ** (60 - e)) * 2n ** BigInt(1100 - 60 + e);
};
const SCALE = 2n ** 1100n;
const double = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-6);

describe("double-double arithmetic of the builder's settled points", () => {
  it("a product of two doubles is exact: hi + lo = a b", () => {
    fc.assert(
      fc.property(double, double, (a, b) => {
        ddMul(a, 0, b, 0);
        expect((exact(dd.h) + exact(dd.l)) * SCALE).toBe(exact(a) * exact(b));
      }),
    );
  });

  it("a sum of two doubles is exact: hi + lo = a + b, |lo| <= ulp(hi)", () => {
    fc.assert(
      fc.property(double, double, (a, b) => {
        ddAdd(a, 0, b, 0);
        expect(exact(dd.h) + exact(dd.l)).toBe(exact(a) + exact(b));
        expect(Math.abs(dd.l)).toBeLessThanOrEqual(Math.abs(dd.h) * 2 ** -52);
      }),
    );
  });

  it("sqrt(c / n) to ~2^-100 relative: (hi + lo)^2 n = c (1 + delta)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (nh, t) => {
        const nl = Math.abs(t) < 1e-3 ? 0 : nh * 2 ** -60 * t; // a double-double n = nh + nl
        ddSqrtRatio(3, nh, nl);
        const r = exact(dd.h) + exact(dd.l);
        const n = exact(nh) + exact(nl);
        const lhs = r * r * n; // scale 2^3300
        const rhs = 3n * SCALE ** 3n;
        const rel = Number(((lhs - rhs) * 2n ** 100n) / rhs);
        expect(Math.abs(rel)).toBeLessThan(8); // |delta| < 2^-97
      }),
    );
  });
});

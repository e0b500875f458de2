import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { containsRational } from "../src/workshop/dyadic.js";
import { parseRational, rat, type Rational } from "../src/trusted/numbers/rational.js";
import { evaluateRmsInterval, rmsNetFromJson, type RmsNet } from "../src/trusted/checkers/rms.js";
import { evaluateRmsFloat } from "../src/workshop/evaluate-rms-float.js";
import { rmsNetToJson } from "../src/workshop/write.js";
import { smallRationalArb } from "./helpers/arbitraries.js";

// Independent oracle: decimal.js at 120 digits (shares no code with rms.ts).
const D = Decimal.clone({ precision: 120 });
const dec = (r: Rational): Decimal => new D((r.s * r.n).toString()).div(r.d.toString());
function oracle(net: RmsNet, x: readonly Rational[]): Rational {
  let h = x.map(dec);
  for (const l of net.layers) {
    if (l.type === "linear") h = l.weight.map((row, i) => row.reduce((s, w, j) => s.plus(dec(w).times(h[j]!)), dec(l.bias[i]!)));
    else {
      const r = h.reduce((s, v) => s.plus(v.pow(2)), new D(0)).div(h.length).plus(dec(l.eps)).sqrt();
      h = h.map((v) => v.div(r));
    }
  }
  return parseRational(h[0]!.toFixed(100));
}

const rmsNetArb = fc
  .record({ d: fc.integer({ min: 1, max: 3 }), w: fc.integer({ min: 2, max: 3 }), depth: fc.integer({ min: 1, max: 3 }), eps: fc.constantFrom(rat(0), rat(1, 1000)) })
  .chain(({ d, w, depth, eps }) => {
    const mat = (r: number, c: number) => fc.array(fc.array(smallRationalArb, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
    const vec = (n: number) => fc.array(smallRationalArb, { minLength: n, maxLength: n });
    return fc.tuple(
      fc.array(fc.tuple(mat(w, w), vec(w)), { minLength: depth - 1, maxLength: depth - 1 }),
      mat(w, d),
      vec(w),
      mat(1, w),
      vec(1),
      vec(d),
    ).map(([mid, W0, b0, Wl, bl, x]) => {
      const layers: RmsNet["layers"][number][] = [{ type: "linear", weight: W0, bias: b0 }, { type: "rms", eps }];
      for (const [W, b] of mid) layers.push({ type: "linear", weight: W, bias: b }, { type: "rms", eps });
      layers.push({ type: "linear", weight: Wl, bias: bl });
      return { net: { inputDim: d, layers } as RmsNet, x };
    });
  });

describe("RMS rigorous evaluator (search-only)", () => {
  it("encloses the high-precision value at random precisions (or refuses when a denominator may be 0)", () => {
    fc.assert(
      fc.property(rmsNetArb, fc.integer({ min: 16, max: 300 }), ({ net, x }, prec) => {
        let y;
        try {
          y = evaluateRmsInterval(net, x, prec);
        } catch (e) {
          expect((e as Error).name).toBe("IntervalDomainError");
          return;
        }
        expect(containsRational(y, oracle(net, x))).toBe(true);
      }),
      { seed: 5, numRuns: 200 },
    );
  });
  it("float evaluation agrees roughly; JSON round-trips", () => {
    const net: RmsNet = {
      inputDim: 1,
      layers: [
        { type: "linear", weight: [[rat(1)], [rat(0)]], bias: [rat(0), rat(1)] },
        { type: "rms", eps: rat(0) },
        { type: "linear", weight: [[rat(1), rat(0)]], bias: [rat(0)] },
      ],
    };
    // x -> (x, 1) / sqrt((x^2 + 1)/2): at x = 1 the first coordinate is exactly 1
    expect(evaluateRmsFloat(net, [1])).toBeCloseTo(1, 12);
    expect(containsRational(evaluateRmsInterval(net, [rat(1)], 64), rat(1))).toBe(true);
    expect(rmsNetFromJson(JSON.parse(JSON.stringify(rmsNetToJson(net))))).toEqual(net);
  });
});

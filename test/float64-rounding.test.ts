/**
 * The float64 rounding enclosure (src/trusted/fast/float64-rounding.ts): it must contain the output
 * of every admissible float64 evaluation and the exact output, and "safe" must never be said of a
 * sample that some admissible evaluation gets wrong.
 *
 * Two independent float64 evaluators stand in for "every admissible evaluation": lnnet's own
 * (src/workshop/evaluate-float.ts: left-to-right sums, bias last, division) and a test-local one that
 * reverses every sum, adds the bias first, uses fused multiply-add (emulated exactly: exact dyadic
 * product and sum, then round to nearest even), multiplies by fl(1/3) and by fl(1/s).
 * LNNET_PROPERTY_RUNS=N scales the random cases (default 100).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as I from "../src/trusted/numbers/interval.js";
import * as F from "../src/trusted/fast/float-interval.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Net } from "../src/trusted/net/model.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { evaluateFloat, toFloatNet } from "../src/workshop/evaluate-float.js";
import { toNumber } from "../src/workshop/rational.js";
import { constructNet } from "../src/constructions/index.js";
import { randomLabels } from "../src/claims/datasets.js";
import { float64OutputEnclosure, float64Safety, prepareFloat64 } from "../src/trusted/fast/float64-rounding.js";
import { evaluateDecimal } from "./helpers/decimal-oracle.js";
import { dyadicQ } from "./helpers/first-order.js";
import { netArb, smallRationalArb } from "./helpers/arbitraries.js";
import { evaluateOtherOrder } from "./helpers/float-orders.js";

const runs = Math.max(1, Math.round((Number(process.env.LNNET_PROPERTY_RUNS ?? 100) / 100) * 100));

const contains = (y: I.Interval, q: Rational): boolean => dyadicQ(y.lo).compare(q) <= 0 && q.compare(dyadicQ(y.hi)) <= 0;
const exactDouble = (v: number): Rational => dyadicQ(F.doubleToDyadic(v));

/** Checks one input; returns whether the enclosure was defined. */
function checkContainment(net: Net, x: readonly Rational[]): boolean {
  const prepared = prepareFloat64(net);
  const y = prepared && float64OutputEnclosure(prepared, x);
  if (!y) return false;
  const f = toFloatNet(net);
  const xs = x.map(toNumber);
  const a = evaluateFloat(f, xs);
  const b = evaluateOtherOrder(f, xs);
  expect(contains(y, exactDouble(a)), `lnnet order ${a}`).toBe(true);
  expect(contains(y, exactDouble(b)), `other order ${b}`).toBe(true);
  const exact = evaluateDecimal(net, x);
  expect(exact && contains(y, exact), "exact value").toBe(true);
  return true;
}

describe("float64 rounding enclosure", () => {
  it("contains both evaluators' float64 outputs and the exact output (random width-3 nets, depth <= 6, eps 0 / 1e-5 / 1/3)", () => {
    let defined = 0;
    fc.assert(
      fc.property(
        netArb({ widths: [3], groupSize: [3], maxDepth: 6 }).chain((net) => fc.tuple(fc.constant(net), fc.array(smallRationalArb, { minLength: net.inputDim, maxLength: net.inputDim }))),
        ([net, x]) => {
          if (checkContainment(net, x)) defined++;
        },
      ),
      { numRuns: runs, seed: 11 },
    );
    // Not vacuous: most random nets are in scope and far from float64's limits.
    expect(defined).toBeGreaterThan(runs / 2);
  });

  it("contains the outputs when a row's own rounding dominates (output bias 10^6 + 1/3 over LayerNorm outputs of size ~1)", () => {
    fc.assert(
      fc.property(
        netArb({ widths: [3], groupSize: [3], maxDepth: 3 }).chain((net) => fc.tuple(fc.constant(net), fc.array(smallRationalArb, { minLength: net.inputDim, maxLength: net.inputDim }))),
        ([net, x]) => {
          const last = net.layers[net.layers.length - 1]!;
          if (last.type !== "linear") return;
          const shifted: Net = { ...net, layers: [...net.layers.slice(0, -1), { ...last, bias: [rat(3_000_001, 3)] }] };
          checkContainment(shifted, x);
        },
      ),
      { numRuns: runs, seed: 12 },
    );
  });

  it("on constructed nets: contains every sample's outputs, and a sample proven safe is right in both orders", () => {
    for (const [m, d, seed] of [[30, 10, 1], [60, 4, 2], [100, 10, 100]] as const) {
      const data = randomLabels(m, d, seed);
      const { net } = constructNet(data, { seed: 1 });
      const safe = float64Safety(net, data)!;
      const f = toFloatNet(net);
      let proven = 0;
      data.samples.forEach((s, i) => {
        checkContainment(net, s.x);
        if (!safe[i]) return;
        proven++;
        const xs = s.x.map(toNumber);
        for (const y of [evaluateFloat(f, xs), evaluateOtherOrder(f, xs)]) expect(s.label === 1 ? y > 0 : y < 0).toBe(true);
      });
      expect(proven, `m = ${m}`).toBeGreaterThan(0);
    }
  });

  it("says safe when the margin is far above float64's error, and not safe when the exact output is within it", () => {
    // Linear(1 -> 3), LN, output w . y + b with b chosen so that the exact output is delta (to 1e-60).
    const w = [rat(1), rat(1, 3), rat(-1, 7)];
    const base = (b: Rational): Net => ({
      inputDim: 1,
      layers: [
        { type: "linear", weight: [[rat(1)], [rat(2, 3)], [rat(-5, 7)]], bias: [rat(0), rat(1, 10), rat(0)] },
        { type: "layernorm", groups: 1, eps: rat(1, 1000) },
        { type: "linear", weight: [w], bias: [b] },
      ],
    });
    const x = [rat(3, 2)];
    const y0 = evaluateDecimal(base(rat(0)), x)!;
    const oracleError = rat(1, 10n ** 60n);
    for (const [delta, expectSafe] of [[rat(1, 10n ** 6n), true], [rat(1, 10n ** 25n), false], [rat(-1, 10n ** 25n), false]] as const) {
      const net = base(y0.neg().add(delta));
      const y = float64OutputEnclosure(prepareFloat64(net)!, x)!;
      // The exact output is delta up to the oracle's error; both ends lie inside (the enclosure is far wider).
      expect(contains(y, delta.add(oracleError)) && contains(y, delta.sub(oracleError))).toBe(true);
      const label = delta.compare(0) > 0 ? 1 : 0;
      expect(float64Safety(net, makeDataset([x], [label]))![0]).toBe(expectSafe);
    }
  });

  it("declines nets out of scope: LayerNorm wider than 3, a parameter beyond the doubles' range", () => {
    const wide: Net = {
      inputDim: 1,
      layers: [
        { type: "linear", weight: [[rat(1)], [rat(2)], [rat(3)], [rat(5)]], bias: [rat(0), rat(0), rat(0), rat(0)] },
        { type: "layernorm", groups: 1, eps: rat(0) },
        { type: "linear", weight: [[rat(1), rat(0), rat(0), rat(0)]], bias: [rat(0)] },
      ],
    };
    const data = makeDataset([[rat(1)]], [1]);
    expect(float64Safety(wide, data)).toBeUndefined();
    const huge: Net = {
      inputDim: 1,
      layers: [
        { type: "linear", weight: [[rat(1n << 1100n)], [rat(0)], [rat(-1)]], bias: [rat(0), rat(0), rat(0)] },
        { type: "layernorm", groups: 1, eps: rat(0) },
        { type: "linear", weight: [[rat(1), rat(0), rat(0)]], bias: [rat(0)] },
      ],
    };
    expect(float64Safety(huge, data)).toBeUndefined();
  });
});

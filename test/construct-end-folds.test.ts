/**
 * The end-fold builder (src/constructions/end-folds.ts, `lnnet construct --robust`): every net it
 * writes is certified by the kernel within its depth bound, and is right in float64 in three
 * evaluation orders (lnnet's PyTorch order, a second order with reversed sums and FMA, and
 * onnxruntime's) on every sample.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as ort from "onnxruntime-node";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Dataset, Label } from "../src/trusted/net/dataset.js";
import { depthOf, widthOf, type Net } from "../src/trusted/net/model.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { toFloatNet } from "../src/workshop/evaluate-float.js";
import { toNumber } from "../src/workshop/rational.js";
import { ConstructionFailed } from "../src/workshop/errors.js";
import { randomLabels } from "../src/claims/datasets.js";
import { constructAndVerify, constructNet, float64Check } from "../src/constructions/index.js";
import { longestCore } from "../src/constructions/end-folds.js";
import { netToOnnx } from "../src/interop/index.js";
import { evaluateOtherOrder } from "./helpers/float-orders.js";

const runs = Math.max(1, Math.round((Number(process.env.LNNET_PROPERTY_RUNS ?? 100) / 100) * 60));

/** Samples whose sign is wrong (or zero) in the second float64 order. */
function otherOrderMislabels(net: Net, data: Dataset): number {
  const f = toFloatNet(net);
  return data.samples.filter((s) => {
    const y = evaluateOtherOrder(f, s.x.map(toNumber));
    return !((s.label === 1 ? y : -y) > 0);
  }).length;
}

/** Certified by the kernel, within the bound, width 3, right in float64 in both of lnnet's orders. */
function expectRobust(data: Dataset, eps = "0"): { depth: number; net: Net } {
  const { construction: c, report } = constructAndVerify(data, { builder: "end-folds", eps, maxBits: 1 << 12 });
  expect(report.summary.allCorrect).toBe(true);
  expect(c.stats.builder).toBe("end-folds");
  expect(c.depth).toBe(depthOf(c.net));
  expect(c.depth).toBeLessThanOrEqual(Math.max(2, 2 * data.samples.length - 4));
  expect(widthOf(c.net)).toBe(3);
  expect(float64Check(c.net, data).mislabels).toBe(0);
  expect(otherOrderMislabels(c.net, data)).toBe(0);
  return { depth: c.depth, net: c.net };
}

/** Brute force: the longest block of consecutive letters with at most two circular runs. */
function longestCoreBrute(word: readonly Label[]): number {
  let best = 0;
  for (let i = 0; i < word.length; i++) {
    for (let j = i; j < word.length; j++) {
      const block = word.slice(i, j + 1);
      const runs = block.filter((l, k) => k === 0 || l !== block[k - 1]).length;
      if (runs <= 2 || (runs === 3 && block[0] === block.at(-1))) best = Math.max(best, j - i + 1);
    }
  }
  return best;
}

describe("end-fold builder", () => {
  it("longestCore is the longest block of at most two circular runs (brute force)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Label>(0, 1), { minLength: 1, maxLength: 24 }), (word) => {
        const { lo, hi } = longestCore(word);
        expect(hi - lo + 1).toBe(longestCoreBrute(word));
      }),
      { numRuns: 500 },
    );
  });

  it("every labeling of 7 points on a line: certified, right in float64", () => {
    const points = Array.from({ length: 7 }, (_, i) => [rat(i * i + 3 * i, 7)]);
    for (let mask = 1; mask < 2 ** 7 - 1; mask++) {
      expectRobust(makeDataset(points, points.map((_, i) => ((mask >> i) & 1) as Label)));
    }
  }, 60_000);

  it("random datasets (d 1..3, m 2..40, eps 0 or 1e-5): certified within the bound, right in float64", () => {
    const coord = fc.integer({ min: -2000, max: 2000 }).map((k) => rat(k, 7));
    const dataArb = fc.integer({ min: 1, max: 3 }).chain((d) =>
      fc.uniqueArray(fc.array(coord, { minLength: d, maxLength: d }), { minLength: 2, maxLength: 40, selector: (x) => x.map((r) => r.toFraction()).join(",") }).chain((pts) =>
        fc.tuple(fc.constant(pts), fc.array(fc.constantFrom<Label>(0, 1), { minLength: pts.length, maxLength: pts.length }), fc.constantFrom("0", "1/100000")),
      ),
    );
    fc.assert(
      fc.property(dataArb, ([pts, labels, eps]) => {
        if (new Set(labels).size < 2) return; // one class: no folds (covered by constructNet's own tests)
        expectRobust(makeDataset(pts as Rational[][], labels), eps);
      }),
      { numRuns: runs },
    );
  }, 120_000);

  it("m = 300 random labels in R^10: right in float64 in lnnet's orders and in onnxruntime", async () => {
    const data = randomLabels(300, 10, 20261204);
    const { depth, net } = expectRobust(data);
    expect(depth).toBeGreaterThan(150); // depth ~1.3 m here, against floor(m/2) for the default builder
    const session = await ort.InferenceSession.create(netToOnnx(net).bytes, { intraOpNumThreads: 1 });
    const x = Float64Array.from(data.samples.flatMap((s) => s.x.map(toNumber)));
    const y = (await session.run({ x: new ort.Tensor("float64", x, [data.samples.length, data.dim]) })).y!.data as Float64Array;
    expect(data.samples.filter((s, i) => !((s.label === 1 ? y[i]! : -y[i]!) > 0)).length).toBe(0);
  }, 60_000);

  it("gaps below float64's resolution: it fails and says so (never a wrong net)", () => {
    const tiny = rat(1n, 10n ** 30n);
    const data = makeDataset([[rat(0)], [tiny], [rat(1)], [rat(2)]], [0, 1, 0, 1]);
    expect(() => constructNet(data, { builder: "end-folds" })).toThrow(ConstructionFailed);
    expect(() => constructNet(data, { builder: "end-folds" })).toThrow(/the samples at row [12] \(label [01]\) and row [12] \(label [01]\) are .* below float64's resolution/);
  });

  it("letters of one label closer than float64 resolves (1 and 1 + 1e-17) need no separating: certified, right in float64", () => {
    const near = rat(10n ** 17n + 1n, 10n ** 17n);
    expectRobust(makeDataset([[rat(0)], [rat(1)], [near], [rat(2)], [rat(3)]], [1, 0, 0, 1, 0]));
  });

  it("asks for line views: the angular view is an input error", () => {
    const data = makeDataset(
      [
        [rat(0), rat(1)],
        [rat(1), rat(0)],
        [rat(2), rat(2)],
      ],
      [0, 1, 0],
    );
    expect(() => constructNet(data, { builder: "end-folds", view: "angular" })).toThrow(/line views only/);
  });
});

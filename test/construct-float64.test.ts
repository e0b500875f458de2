import { describe, expect, it } from "vitest";
import { rat } from "../src/trusted/numbers/rational.js";
import { makeDataset } from "../src/workshop/dataset.js";
import type { Net } from "../src/trusted/net/model.js";
import { float64Check } from "../src/constructions/float64-check.js";
import { constructAndVerify } from "../src/constructions/certify.js";
import { linearFloat } from "../src/workshop/evaluate-float.js";
import { randomLabels } from "../src/claims/datasets.js";

/** Linear(1 -> 3) x -> (x, 0, -x), LN (eps 0), y = first coordinate: y(x) = sign(x) sqrt(3/2). */
const signNet: Net = {
  inputDim: 1,
  layers: [
    { type: "linear", weight: [[rat(1)], [rat(0)], [rat(-1)]], bias: [rat(0), rat(0), rat(0)] },
    { type: "layernorm", groups: 1, eps: rat(0) },
    { type: "linear", weight: [[rat(1), rat(0), rat(0)]], bias: [rat(0)] },
  ],
};

describe("float64 check (PyTorch order)", () => {
  it("counts wrong signs and reports the smallest label-signed output", () => {
    const right = float64Check(signNet, makeDataset([[rat(1)], [rat(-3)]], [1, 0]));
    expect(right.mislabels).toBe(0);
    expect(right.minSignedOutput).toBeCloseTo(Math.sqrt(1.5), 14);
    const wrong = float64Check(signNet, makeDataset([[rat(1)], [rat(-3)], [rat(2)]], [1, 0, 0]));
    expect(wrong.mislabels).toBe(1);
    expect(wrong.worstSample).toBe(2);
    expect(wrong.minSignedOutput).toBeCloseTo(-Math.sqrt(1.5), 14);
  });

  it("a linear layer is the dot product first, then the bias (as nn.Linear)", () => {
    // 1e16 + 1 rounds to 1e16, then the bias cancels it: 0 (the bias first would give 1).
    const out = linearFloat({ type: "linear", w: Float64Array.from([1, 1]), b: Float64Array.from([-1e16]), rows: 1, cols: 2 }, Float64Array.from([1e16, 1]));
    expect(out[0]).toBe(0);
  });

  it("constructed nets report it beside the kernel's bound: a certified net on small data is right in float64 too", () => {
    const data = randomLabels(40, 3, 7);
    const { report, float64 } = constructAndVerify(data);
    expect(report.summary.allCorrect).toBe(true);
    expect(float64.mislabels).toBe(0);
    expect(float64.minSignedOutput).toBeGreaterThan(0);
  });
});

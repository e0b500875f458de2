/** Beyond 2L+1 on the line (src/vc/alternating.ts): the alternating net and certified shattering of 2L+2 points. */
import { describe, expect, it } from "vitest";
import { checkShatter } from "../src/trusted/checkers/shatter.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { cmp } from "../src/trusted/numbers/rational.js";
import { alternatingParams, alternatingPoints, geoOutput, runPeaks } from "../src/vc/alternating.js";
import { defaultPointSet } from "../src/vc/point-sets.js";
import { shatter } from "../src/vc/shatter.js";

describe("the alternating net", () => {
  it("depth 2: 4 sign changes (the theorem's maximum), one peak per run, alternating signs", () => {
    const p = alternatingParams(2, 5);
    expect(p).toBeDefined();
    const peaks = runPeaks(p!, 2);
    expect(peaks).toHaveLength(5);
    const signs = peaks.map((x) => Math.sign(geoOutput(p!, 2, x.valueOf())));
    expect(signs.every((s, i) => s !== 0 && (i === 0 || s === -signs[i - 1]!))).toBe(true);
    expect(peaks.every((x, i) => i === 0 || cmp(peaks[i - 1]!, x) < 0)).toBe(true);
  });

  it("asks for no more than 2^L changes (the sign-change theorem): 6 points at depth 2 have no alternating net", () => {
    expect(alternatingParams(2, 6)).toBeUndefined();
    expect(alternatingPoints(2, 6)).toBeUndefined();
  });
});

describe("certified: 2L+2 points on the line at depth L = 3 (beyond 2L+1)", () => {
  it("all 256 labelings of 8 points, re-checked by the kernel-only checker", async () => {
    const points = defaultPointSet(3, 1, 8);
    expect(points).toEqual(alternatingPoints(3, 8));
    const run = await shatter({ depth: 3, points });
    expect(run.failed).toEqual([]);
    const check = checkShatter(run.certificate, { accelerators: ACCELERATORS });
    expect(check.failures).toEqual([]);
    expect(check.covered).toBe(256);
  });
});

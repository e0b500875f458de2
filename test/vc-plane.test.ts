/** Certified shattering in the plane (docs/vc.md, "Inputs in the plane"): views, the plane producer, certificates. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkShatter } from "../src/trusted/checkers/shatter.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { cmp } from "../src/trusted/numbers/rational.js";
import { minDeletions } from "../src/constructions/word.js";
import { apexOrder, planeViews } from "../src/vc/plane-views.js";
import { circlePoints, defaultPointSet, randomPoints } from "../src/vc/point-sets.js";
import { shatter } from "../src/vc/shatter.js";
import { labelsOf } from "../src/vc/labelings.js";
import type { Label } from "../src/trusted/net/dataset.js";

describe("point sets", () => {
  it("circle points lie exactly on the unit circle, distinct; even sets are closed under x -> -x", () => {
    for (const m of [5, 6, 7, 8]) {
      const pts = circlePoints(m);
      expect(pts).toHaveLength(m);
      for (const [x, y] of pts) expect(x!.mul(x!).add(y!.mul(y!)).toFraction()).toBe("1");
      expect(new Set(pts.map((p) => p.map((v) => v.toFraction()).join(","))).size).toBe(m);
      if (m % 2 === 0) for (const p of pts) expect(pts.some((q) => q.every((v, k) => cmp(v, p[k]!.neg()) === 0))).toBe(true);
    }
  });

  it("default sets: 2L+1 on the line, 2L+3 on the circle, 3L+3 random (seeded, reproducible)", () => {
    expect(defaultPointSet(3, 1)).toHaveLength(7);
    expect(defaultPointSet(3, 2)).toHaveLength(9);
    expect(defaultPointSet(3, 2, undefined, 5)).toEqual(randomPoints(12, 2, 5));
    expect(defaultPointSet(2, 3)[0]).toHaveLength(3);
  });
});

describe("views", () => {
  it("an apex order lists the points counter-clockwise; its margin is the smallest circular gap", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), { minLength: 3, maxLength: 8 }), fc.tuple(fc.double({ min: -9, max: 9, noNaN: true }), fc.double({ min: -9, max: 9, noNaN: true })), (pts, apex) => {
        const { order, margin } = apexOrder(pts, apex);
        const ang = order.map((i) => Math.atan2(pts[i]![1] - apex[1], pts[i]![0] - apex[0]));
        const gaps = ang.map((a, k) => (k === 0 ? 2 * Math.PI + a - ang[ang.length - 1]! : a - ang[k - 1]!));
        return ang.every((a, k) => k === 0 || a >= ang[k - 1]!) && Math.abs(margin - Math.min(...gaps)) < 1e-12;
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it("the views of 5 circle points give every labeling a word with at most two runs (depth 1, no fold)", () => {
    const views = planeViews(circlePoints(5).map(([x, y]) => [Number(x!.valueOf()), Number(y!.valueOf())]));
    for (let mask = 1; mask < 31; mask++) {
      const labels = labelsOf(mask, 5) as Label[];
      expect(views.some((v) => minDeletions(v.order.map((i) => labels[i]!)) === 0)).toBe(true);
    }
  });
});

describe("certified shattering in the plane (kernel, then the kernel-only checker)", () => {
  const cases: [string, number, ReturnType<typeof circlePoints>][] = [
    ["5 circle points at depth 1", 1, circlePoints(5)],
    ["6 random points at depth 1", 1, randomPoints(6, 2, 1)],
    ["7 circle points at depth 2", 2, circlePoints(7)],
    ["9 random points at depth 2", 2, randomPoints(9, 2, 1)],
  ];
  for (const [name, depth, points] of cases) {
    it(name, async () => {
      const run = await shatter({ depth, points });
      expect(run.failed).toEqual([]);
      const check = checkShatter(run.certificate, { accelerators: ACCELERATORS });
      expect(check.failures).toEqual([]);
      expect(check.covered).toBe(2 ** points.length);
    });
  }

  it("a rejected net is caught: negating one stored net's output layer makes the checker refuse", async () => {
    const run = await shatter({ depth: 1, points: circlePoints(5) });
    const cert = JSON.parse(JSON.stringify(run.certificate)) as typeof run.certificate;
    const net = cert.entries[3]!.net;
    const last = net.layers[net.layers.length - 1] as { weight: string[][]; bias: string[] };
    const flip = (s: string): string => (s.startsWith("-") ? s.slice(1) : s === "0" ? s : `-${s}`);
    last.weight = last.weight.map((r) => r.map(flip));
    last.bias = last.bias.map(flip);
    const check = checkShatter(cert, { accelerators: ACCELERATORS });
    expect(check.ok).toBe(false);
    expect(check.failures.some((f) => f.code === "not-certified" && f.entry === 3)).toBe(true);
  });

  it("6 circle points at depth 1: the producer fails exactly on the alternating labelings (not a refutation)", async () => {
    const run = await shatter({ depth: 1, points: circlePoints(6) });
    expect(run.failed).toEqual(["101010"]);
  });
});

/**
 * Empirical checks of the two theorems behind the refutations (proofs in docs/search.md), for every
 * eps tried: whatever labeling the kernel certifies a random net to produce must be strictly linearly
 * separable (W2, width 2) / change at most twice along the line (L1, depth 1, one group, any width).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Label } from "../src/trusted/net/dataset.js";
import type { Net } from "../src/trusted/net/model.js";
import { decideSample, PreparedNets } from "../src/trusted/verify/decide.js";
import { lineProfile } from "../src/search/line-depth1.js";
import { separate } from "../src/search/separability.js";
import { netArb, smallRationalArb } from "./helpers/arbitraries.js";

/** The labels the kernel proves the net assigns (points whose sign is not proven are dropped). */
function provenLabels(net: Net, points: Rational[][]): { points: Rational[][]; labels: Label[] } {
  const nets = new PreparedNets(net);
  const out = { points: [] as Rational[][], labels: [] as Label[] };
  for (const x of points) {
    const v = decideSample(nets, x, 1, { startBits: 53, maxBits: 256 }).verdict;
    if (v === "correct" || v === "wrong") {
      out.points.push(x);
      out.labels.push(v === "correct" ? 1 : 0);
    }
  }
  return out;
}

const epsArb = fc.constantFrom(rat(0), rat(1, 1000), rat(1, 3), rat(2));
const withEps = (net: Net, eps: Rational): Net => ({ ...net, layers: net.layers.map((l) => (l.type === "layernorm" ? { ...l, groups: 1, eps } : l)) });

describe("theorem W2: width-2 LN-Nets (any eps, any depth) only realise strictly separable labelings", () => {
  it("random nets, random points in the plane", () => {
    const pts = fc.array(fc.tuple(smallRationalArb, smallRationalArb).map(([a, b]) => [a, b]), { minLength: 4, maxLength: 7 });
    fc.assert(
      fc.property(netArb({ inputDim: 2, maxDepth: 3, widths: [2] }), epsArb, pts, (net, eps, points) => {
        const got = provenLabels(withEps(net, eps), points);
        if (got.points.length === 0) return;
        expect(separate(got.points, got.labels).kind).toBe("separable");
      }),
      { seed: 21, numRuns: 150 },
    );
  });
});

describe("theorem L1: depth-1 LN-Nets on the line (one group, any width, any eps) change label at most twice", () => {
  it("random nets, random points on the line", () => {
    const pts = fc.array(smallRationalArb.map((a) => [a]), { minLength: 4, maxLength: 9 });
    fc.assert(
      fc.property(netArb({ inputDim: 1, maxDepth: 1, widths: [3, 4, 5, 6] }), epsArb, pts, (net, eps, points) => {
        const got = provenLabels(withEps(net, eps), points);
        expect(lineProfile(got.points.map((p) => p[0]!), got.labels).changes).toBeLessThanOrEqual(2);
      }),
      { seed: 22, numRuns: 150 },
    );
  });
});

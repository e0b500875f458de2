import { describe, expect, it } from "vitest";
import { initParams, lossAndGrad, train, type NetShape } from "../src/nonlinearity/trainer.js";
import { makeRng } from "../src/workshop/rng.js";
import { runC5 } from "../src/claims/c5.js";

describe("trainer", () => {
  it("backprop gradients match central finite differences (every parameter, several group counts)", () => {
    const rng = makeRng(17);
    for (const groups of [1, 2, 3, 6]) {
      const s: NetShape = { inputDim: 3, width: 6, depth: 2, groups, eps: 1e-3 };
      const p = initParams(s, 4 + groups);
      const xs = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => rng.normal()));
      const ys = [0, 1, 1, 0, 1];
      const g = new Float64Array(p.length);
      lossAndGrad(s, p, xs, ys, g);
      const h = 1e-6;
      for (let i = 0; i < p.length; i++) {
        const q = Float64Array.from(p);
        q[i] = p[i]! + h;
        const up = lossAndGrad(s, q, xs, ys, undefined).loss;
        q[i] = p[i]! - h;
        const dn = lossAndGrad(s, q, xs, ys, undefined).loss;
        const fd = (up - dn) / (2 * h);
        expect(Math.abs(fd - g[i]!)).toBeLessThan(1e-6 + 1e-4 * Math.abs(fd));
      }
    }
  });

  it("a linearly separable toy reaches 100% train accuracy", () => {
    const rng = makeRng(8);
    const xs = Array.from({ length: 60 }, () => [rng.normal(), rng.normal()]);
    const ys = xs.map(([a, b]) => ((a as number) + 0.5 * (b as number) > 0 ? 1 : 0));
    const r = train({ inputDim: 2, width: 6, depth: 1, groups: 1, eps: 1e-5 }, xs, ys, { epochs: 2000, lr: 0.02, seed: 1 });
    expect(r.accuracy).toBe(1);
  });

  it("is deterministic for a fixed seed", () => {
    const xs = [[1, 0], [0, 1], [1, 1], [-1, 0]];
    const ys = [1, 0, 1, 0];
    const s: NetShape = { inputDim: 2, width: 6, depth: 2, groups: 2, eps: 1e-5 };
    const a = train(s, xs, ys, { epochs: 30, lr: 0.01, seed: 3 });
    const b = train(s, xs, ys, { epochs: 30, lr: 0.01, seed: 3 });
    expect(Array.from(a.params)).toEqual(Array.from(b.params));
  });

  it("C5 quick: LN-G (g > 1) fits random labels better than LN (g = 1)", () => {
    const r = runC5({ quick: true });
    expect(r.seconds).toBeLessThan(30);
    const g1 = r.evidence.rows.find((x) => x.g === 1)!;
    const g2 = r.evidence.rows.find((x) => x.g === 2)!;
    expect(g2.mean).toBeGreaterThan(g1.mean);
    expect(r.verdict).toBe(true);
    expect(r.svgs["c5-accuracy-vs-g.svg"]).toContain("</svg>");
  });
});

/**
 * The sign-change bound on the line (docs/vc.md, "Upper bound on the line"): a width-3 net with L
 * LayerNorm layers (eps = 0) changes sign at most 2^L times along the line. The proof is on paper;
 * this is a falsification attempt with the kernel: on a grid, only kernel-certified signs are counted,
 * so every change found is real, and more than 2^L would refute the theorem. Plus tightness at L = 1, 2:
 * certified nets with exactly 2^L changes.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Layer, Net } from "../src/trusted/net/model.js";
import { decideSample, PreparedNets } from "../src/trusted/verify/decide.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { shatter } from "../src/vc/shatter.js";
import { netFromJson } from "../src/trusted/net/format.js";

/** The kernel-certified output signs at the grid points (undecided, zero or undefined points skipped). */
function certifiedSigns(net: Net, xs: readonly Rational[]): number[] {
  const nets = new PreparedNets(net, ACCELERATORS);
  const out: number[] = [];
  for (const x of xs) {
    const d = decideSample(nets, [x], 1, { startBits: 53, maxBits: 256 });
    if (d.verdict === "correct") out.push(1);
    else if (d.verdict === "wrong") out.push(-1);
  }
  return out;
}

const changes = (s: readonly number[]): number => s.reduce((n, v, i) => n + (i > 0 && v !== s[i - 1] ? 1 : 0), 0);

const grid = Array.from({ length: 241 }, (_, i) => rat(i - 120, 8)); // -15 .. 15 in steps of 1/8

const small = fc.integer({ min: -6, max: 6 }).map((v) => rat(v));
const matrix = (rows: number, cols: number) => fc.array(fc.array(small, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
const vector = (n: number) => fc.array(small, { minLength: n, maxLength: n });

/** Random width-3 nets (small integers: few crossings, a weak test alone) with `depth` LayerNorm layers (eps = 0) on the line. */
const randomNets = (depth: number) =>
  fc.tuple(matrix(3, 1), vector(3), fc.array(fc.tuple(matrix(3, 3), vector(3)), { minLength: depth - 1, maxLength: depth - 1 }), matrix(1, 3), vector(1)).map(([w1, b1, hidden, wo, bo]): Net => {
    const layers: Layer[] = [{ type: "linear", weight: w1, bias: b1 }, ln];
    for (const [w, b] of hidden) layers.push({ type: "linear", weight: w, bias: b }, ln);
    layers.push({ type: "linear", weight: wo, bias: bo });
    return { inputDim: 1, layers };
  });

const dy = (v: number): Rational => rat(BigInt(Math.round(v * 2 ** 20)), 1n << 20n);
const ln: Layer = { type: "layernorm", groups: 1, eps: rat(0) };
const fine = Array.from({ length: 257 }, (_, i) => rat(i - 128, 32)); // -4 .. 4 in steps of 1/32

/**
 * Depth-2 nets built to cross the output's zero set as often as the geometry allows: the first layer
 * maps x to the half circle centred at v = (1, 1, -2) (y1 = dir(x u + v), u = (1, -1, 0)); the second
 * is the fold seen from q = t |y1| dir(v), just outside the circle (t > 1); the output is positive
 * when dir(y1 - q) is within delta of -v, delta just inside the half-width asin(1/t) of the cone from q.
 */
const foldNets = fc.tuple(fc.double({ min: 1.01, max: 1.6, noNaN: true }), fc.double({ min: 0.5, max: 0.99, noNaN: true })).map(([t, f]): Net => {
  const delta = f * Math.asin(1 / t);
  const v = [rat(1), rat(1), rat(-2)];
  const s = dy(t / Math.SQRT2); // q = (t sqrt3 / sqrt6) v
  const c = dy(Math.sqrt(18) * Math.cos(delta));
  const id = [0, 1, 2].map((i) => [0, 1, 2].map((j) => rat(i === j ? 1 : 0)));
  return {
    inputDim: 1,
    layers: [
      { type: "linear", weight: [[rat(1)], [rat(-1)], [rat(0)]], bias: v },
      ln,
      { type: "linear", weight: id, bias: v.map((w) => w.mul(s).neg()) },
      ln,
      { type: "linear", weight: [v.map((w) => w.neg())], bias: [c.neg()] },
    ],
  };
});

describe("sign changes along the line are at most 2^L (falsification with certified signs)", () => {
  it("depth 2, nets built for many crossings: never more than 4, and 4 is reached", () => {
    let reached = 0;
    fc.assert(
      fc.property(foldNets, (net) => {
        const n = changes(certifiedSigns(net, fine));
        if (n === 4) reached++;
        return n <= 4;
      }),
      { numRuns: 40, seed: 14 },
    );
    expect(reached).toBeGreaterThan(0);
  });

  for (const depth of [1, 2, 3]) {
    it(`depth ${depth}: at most ${2 ** depth} changes`, () => {
      fc.assert(
        fc.property(randomNets(depth), (net) => changes(certifiedSigns(net, grid)) <= 2 ** depth),
        { numRuns: 40, seed: 14 + depth },
      );
    });
  }

  it("tight at depth 1 and 2: certified nets with 2 and 4 changes (the 2L+1 alternating labelings)", async () => {
    for (const depth of [1, 2]) {
      const run = await shatter({ depth });
      const alternating = Array.from({ length: 2 * depth + 1 }, (_, i) => String((i + 1) % 2)).join("");
      const entry = run.certificate.entries.find((e) => e.labeling === alternating) ?? run.certificate.entries.find((e) => e.labeling === alternating.replace(/./g, (c) => (c === "1" ? "0" : "1")));
      expect(entry).toBeDefined();
      const signs = certifiedSigns(netFromJson(entry!.net), run.certificate.points.x.map((x) => rat(BigInt(x[0]!))));
      expect(signs).toHaveLength(2 * depth + 1);
      expect(changes(signs)).toBe(2 ** depth);
    }
  });
});

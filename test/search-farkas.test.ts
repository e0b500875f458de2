import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rat, toRationalString, type Rational } from "../src/trusted/numbers/rational.js";
import type { Label } from "../src/trusted/net/dataset.js";
import { checkFarkas } from "../src/trusted/checkers/farkas.js";
import { checkFarkasJson } from "../src/search/farkas-json.js";
import { isStrictSeparator, separate } from "../src/search/separability.js";

const pts = (xs: number[][]): Rational[][] => xs.map((p) => p.map((v) => rat(v)));
const XOR = pts([
  [0, 0],
  [1, 1],
  [0, 1],
  [1, 0],
]);

describe("Farkas certificates of non-separability", () => {
  it("XOR is inseparable, with a certificate the checker accepts", () => {
    const r = separate(XOR, [1, 1, 0, 0]);
    expect(r.kind).toBe("inseparable");
    if (r.kind !== "inseparable") return;
    expect(checkFarkas(XOR, [1, 1, 0, 0], r.lambda)).toEqual({ ok: true });
  });

  it("separable labelings come with an exact strict separator", () => {
    const r = separate(XOR, [1, 0, 0, 0]);
    expect(r.kind).toBe("separable");
    if (r.kind === "separable") expect(isStrictSeparator(XOR, [1, 0, 0, 0], r.w, r.b)).toBe(true);
  });

  it("rejects every tampered entry of a valid certificate", () => {
    const labels: Label[] = [1, 1, 0, 0];
    const lambda = [rat(1), rat(1), rat(1), rat(1)];
    expect(checkFarkas(XOR, labels, lambda).ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      const bumped = lambda.map((l, j) => (j === i ? l.add(rat(1, 7)) : l));
      expect(checkFarkas(XOR, labels, bumped).ok, `lambda[${i}] bumped`).toBe(false);
      const flipped = labels.map((l, j) => (j === i ? 1 - l : l));
      expect(checkFarkas(XOR, flipped, lambda).ok, `label ${i} flipped`).toBe(false);
      for (let c = 0; c < 2; c++) {
        const moved = XOR.map((p, j) => (j === i ? p.map((v, k) => (k === c ? v.add(rat(1, 3)) : v)) : p));
        expect(checkFarkas(moved, labels, lambda).ok, `point ${i} coord ${c} moved`).toBe(false);
      }
    }
    expect(checkFarkas(XOR, labels, [rat(0), rat(0), rat(0), rat(0)])).toMatchObject({ ok: false, code: "all-zero" });
    expect(checkFarkas(XOR, labels, [rat(2), rat(0), rat(1), rat(1)].map((v, i) => (i === 1 ? v.sub(rat(0)) : v)))).toMatchObject({ ok: false });
    expect(checkFarkas(XOR, labels, [rat(-1), rat(-1), rat(-1), rat(-1)])).toMatchObject({ ok: false, code: "negative-multiplier" });
    expect(checkFarkasJson({ points: "x", labels: [], lambda: [] })).toMatchObject({ ok: false, code: "bad-shape" });
    expect(checkFarkasJson({ points: [["0"], ["NaN"]], labels: [1, 0], lambda: ["1", "1"] })).toMatchObject({ ok: false, code: "bad-shape" });
  });

  it("JSON form round-trips", () => {
    const r = separate(XOR, [1, 1, 0, 0]);
    if (r.kind !== "inseparable") throw new Error("expected inseparable");
    const json = { points: XOR.map((p) => p.map(toRationalString)), labels: [1, 1, 0, 0], lambda: r.lambda.map(toRationalString) };
    expect(checkFarkasJson(JSON.parse(JSON.stringify(json)))).toEqual({ ok: true });
  });

  it("property: exactly one of separator / certificate, both checked (random small point sets)", () => {
    const arb = fc.record({
      d: fc.integer({ min: 1, max: 3 }),
      n: fc.integer({ min: 1, max: 7 }),
      seed: fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 1, max: 3 })), { minLength: 21, maxLength: 21 }),
      labels: fc.array(fc.constantFrom<Label>(0, 1), { minLength: 7, maxLength: 7 }),
    });
    fc.assert(
      fc.property(arb, ({ d, n, seed, labels }) => {
        const P = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => rat(...(seed[i * 3 + j] as [number, number]))));
        const L = labels.slice(0, n);
        const r = separate(P, L);
        if (r.kind === "separable") expect(isStrictSeparator(P, L, r.w, r.b)).toBe(true);
        else expect(checkFarkas(P, L, r.lambda).ok).toBe(true);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

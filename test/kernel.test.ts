/** The trusted kernel: containment, invariances, soundness of verdicts. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as I from "../src/trusted/numbers/interval.js";
import * as C from "../src/workshop/dyadic.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { evaluateExact, layerNormExact } from "../src/trusted/net/evaluate-exact.js";
import { negateOutput, type Net } from "../src/trusted/net/model.js";
import { dyadicArith, evaluateIntervalFrom, layerNormGroup, prepareNet } from "../src/trusted/verify/evaluate-interval.js";
import { floatArith } from "../src/trusted/fast/float64-box.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { REFERENCE_ONLY } from "../src/trusted/verify/accelerator.js";
import * as F from "../src/trusted/fast/float-interval.js";
import { decideSample, PreparedNets } from "../src/trusted/verify/decide.js";
import { evaluateDecimal } from "./helpers/decimal-oracle.js";
import { netArb, smallRationalArb } from "./helpers/arbitraries.js";

const within = (inner: I.Interval, outer: I.Interval): boolean => I.dCmp(outer.lo, inner.lo) <= 0 && I.dCmp(inner.hi, outer.hi) <= 0;
const overlap = (a: I.Interval, b: I.Interval): boolean => I.dCmp(a.lo, b.hi) <= 0 && I.dCmp(b.lo, a.hi) <= 0;

/** Interval output at `prec`, or undefined when a variance could not be bounded away from 0. */
function enclose(net: Net, x: readonly Rational[], prec: number): I.Interval | undefined {
  try {
    return evaluateIntervalFrom(prepareNet(net, dyadicArith(prec)), 0, x);
  } catch (e) {
    if (e instanceof I.IntervalDomainError) return undefined;
    throw e;
  }
}

/** The float64 fast path's enclosure, as dyadics, or undefined when it gives up. */
function encloseFloat(net: Net, x: readonly Rational[]): I.Interval | undefined {
  try {
    return F.toDyadicInterval(evaluateIntervalFrom(prepareNet(net, floatArith), 0, x));
  } catch (e) {
    if (e instanceof I.IntervalDomainError || e instanceof F.FloatRangeError) return undefined;
    throw e;
  }
}

const inputArb = (d: number) => fc.array(smallRationalArb, { minLength: d, maxLength: d });
const netAndInput = (opts: Parameters<typeof netArb>[0] = {}) => netArb(opts).chain((net) => fc.tuple(fc.constant(net), inputArb(net.inputDim)));

describe("containment of the exact value", () => {
  it("groups of size 2 have rational LN outputs: every interval enclosure contains the exact output", () => {
    let checked = 0;
    fc.assert(
      fc.property(netAndInput({ widths: [2, 4, 6], groupSize: [2] }), fc.integer({ min: 16, max: 200 }), ([net, x], prec) => {
        // eps = 0 keeps the size-2 LN rational: +-(1, -1).
        const net0: Net = { ...net, layers: net.layers.map((l) => (l.type === "layernorm" ? { ...l, eps: rat(0) } : l)) };
        const exact = evaluateExact(net0, x);
        if (exact.kind !== "exact") return;
        const y = enclose(net0, x, prec);
        if (!y) return;
        checked++;
        expect(C.containsRational(y, exact.y)).toBe(true);
        const yf = encloseFloat(net0, x);
        if (yf) expect(C.containsRational(yf, exact.y)).toBe(true);
      }),
      { seed: 21, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it("a 150-digit decimal oracle lies inside every enclosure (width 3, LN-G, eps > 0)", () => {
    let checked = 0;
    fc.assert(
      fc.property(netAndInput({ widths: [3, 4, 6] }), fc.integer({ min: 24, max: 160 }), ([net, x], prec) => {
        const oracle = evaluateDecimal(net, x);
        const y = enclose(net, x, prec);
        if (!oracle || !y) return;
        checked++;
        expect(C.containsRational(y, oracle)).toBe(true);
        const yf = encloseFloat(net, x);
        if (yf) expect(C.containsRational(yf, oracle)).toBe(true);
      }),
      { seed: 22, numRuns: 150 },
    );
    expect(checked).toBeGreaterThan(50);
  });

  it("enclosures shrink as precision grows", () => {
    fc.assert(
      fc.property(netAndInput(), fc.integer({ min: 16, max: 120 }), fc.integer({ min: 1, max: 200 }), ([net, x], p1, extra) => {
        const coarse = enclose(net, x, p1);
        const fine = enclose(net, x, p1 + extra);
        if (!coarse) return; // a failure at low precision may succeed at high precision: nothing to compare
        expect(fine).toBeDefined();
        expect(within(fine as I.Interval, coarse)).toBe(true);
      }),
      { seed: 23, numRuns: 150 },
    );
  });
});

describe("LayerNorm invariances", () => {
  const vecArb = (k: number) => fc.array(smallRationalArb, { minLength: k, maxLength: k });
  const lnI = (h: Rational[], eps: Rational, prec = 200) =>
    layerNormGroup(
      dyadicArith(prec),
      h.map((r) => I.fromRational(r, prec)),
      I.fromRational(eps.mul(h.length ** 3), prec),
    );

  it("LN(a z + c 1) = LN(z) for a > 0 (eps = 0): the enclosures of both overlap and are tight", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }).chain(vecArb), smallRationalArb, smallRationalArb, (z, a0, c) => {
        const a = a0.abs().add(rat(1, 7));
        const k = z.length;
        if (layerNormExact({ type: "layernorm", groups: 1, eps: rat(0) }, z).kind === "undefined") return;
        const u = lnI(z, rat(0));
        const v = lnI(
          z.map((zi) => a.mul(zi).add(c)),
          rat(0),
        );
        for (let i = 0; i < k; i++) {
          expect(overlap(u[i]!, v[i]!)).toBe(true);
          expect(C.dyadicToNumber(I.width(u[i]!))).toBeLessThan(1e-40);
        }
      }),
      { seed: 31 },
    );
  });

  it("exact cases: perfect-square variances give exact rational LN outputs, and scaling leaves them unchanged", () => {
    // (7, 1, -1, -7) has mean 0 and variance 25: LN is (7, 1, -1, -7) / 5 exactly.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), smallRationalArb, fc.constantFrom([0, 1, 2, 3], [3, 1, 0, 2], [2, 0, 3, 1]), (a, c, perm) => {
        const base = [7, 1, -1, -7].map((v) => rat(v));
        const z = perm.map((p) => base[p]!.mul(a).add(c));
        const r = layerNormExact({ type: "layernorm", groups: 1, eps: rat(0) }, z);
        expect(r.kind).toBe("ok");
        if (r.kind !== "ok") return;
        perm.forEach((p, i) => expect(r.out[i]!.equals(base[p]!.div(5))).toBe(true));
        // and the interval evaluator contains the exact values
        lnI(z, rat(0), 64).forEach((iv, i) => expect(C.containsRational(iv, r.out[i]!)).toBe(true));
      }),
      { seed: 32 },
    );
  });

  it("LN-G is LN applied to each group", () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 3), fc.constantFrom(2, 3), smallRationalArb, (groups, k, eps0) => {
        const eps = eps0.abs();
        const h = Array.from({ length: groups * k }, (_, i) => rat((i * 7919) % 23, 1 + (i % 5)));
        const whole = prepareNet<I.Interval>(
          { inputDim: groups * k, layers: [{ type: "linear", weight: h.map((_, i) => h.map((_, j) => rat(i === j ? 1 : 0))), bias: h.map(() => rat(0)) }, { type: "layernorm", groups, eps }, { type: "linear", weight: [h.map((_, i) => rat(i + 1))], bias: [rat(0)] }] },
          dyadicArith(200),
        );
        const y = evaluateIntervalFrom(whole, 0, h);
        let acc = I.point(I.DYADIC_ZERO);
        for (let g = 0; g < groups; g++) {
          const part = lnI(h.slice(g * k, (g + 1) * k), eps);
          part.forEach((p, i) => (acc = I.add(acc, I.mul(p, I.fromRational(rat(g * k + i + 1), 200), 200), 200)));
        }
        expect(overlap(y, acc)).toBe(true);
      }),
      { seed: 33, numRuns: 30 },
    );
  });
});

describe("soundness of verdicts", () => {
  const oneLayer = (last: string[], eps = rat(0)): Net => ({
    inputDim: 1,
    layers: [
      { type: "linear", weight: [[rat(1)], [rat(0)], [rat(-1)]], bias: [rat(0), rat(1), rat(0)] },
      { type: "layernorm", groups: 1, eps },
      { type: "linear", weight: [last.map((v) => rat(BigInt(v)))], bias: [rat(0)] },
    ],
  });

  it("an output exactly 0 (irrational path) is never reported correct for either label", () => {
    // LN outputs sum to 0, so weights (1, 1, 1) give y = 0 exactly, through irrational intermediates.
    const nets = new PreparedNets(oneLayer(["1", "1", "1"]));
    for (const x of [rat(1), rat(-5, 3), rat(1, 1000)]) {
      for (const label of [0, 1] as const) {
        const d = decideSample(nets, [x], label, { startBits: 16, maxBits: 512 });
        expect(d.verdict).toBe("undecided");
      }
    }
  });

  it("an output exactly 0 on the exact path is reported as zero", () => {
    const net: Net = { inputDim: 1, layers: [{ type: "linear", weight: [[rat(1)], [rat(-1)]], bias: [rat(0), rat(0)] }, { type: "layernorm", groups: 1, eps: rat(0) }, { type: "linear", weight: [[rat(1), rat(1)]], bias: [rat(0)] }] };
    for (const label of [0, 1] as const) expect(decideSample(new PreparedNets(net), [rat(3)], label).verdict).toBe("zero");
  });

  it("a zero-variance group with eps = 0 is undefined, not a crash", () => {
    const d = decideSample(new PreparedNets(oneLayer(["1", "0", "-1"])), [rat(1, 2)], 1); // z = (1/2, 1, -1/2): fine
    expect(d.verdict).toBe("correct");
    const flat: Net = { inputDim: 1, layers: [{ type: "linear", weight: [[rat(1)], [rat(1)], [rat(1)]], bias: [rat(0), rat(0), rat(0)] }, { type: "layernorm", groups: 1, eps: rat(0) }, { type: "linear", weight: [[rat(1), rat(0), rat(0)]], bias: [rat(0)] }] };
    expect(decideSample(new PreparedNets(flat), [rat(2)], 1)).toMatchObject({ verdict: "undefined", layer: 1 });
  });

  it("parameters beyond float64's range: the float64 accelerator declines (BigInt rungs decide), never a crash", () => {
    // Found by the C1 nested-scales dataset: output weights ~2^1536 made the float rung throw.
    const huge = rat(1n << 1100n);
    const net = (w: Rational): Net => ({
      inputDim: 1,
      layers: [{ type: "linear", weight: [[rat(1)], [rat(0)], [rat(-1)]], bias: [rat(0), rat(1), rat(0)] }, { type: "layernorm", groups: 1, eps: rat(0) }, { type: "linear", weight: [[w, rat(0), rat(0)]], bias: [rat(0)] }],
    });
    // z = (x, 1, -x): y_0 = (x - 1/3) / sqrt(var) > 0 for x = 2 (irrational: interval path)
    for (const [w, label, verdict] of [[huge, 1, "correct"], [huge.neg(), 1, "wrong"], [huge.neg(), 0, "correct"]] as const) {
      for (const accelerators of [ACCELERATORS, REFERENCE_ONLY]) {
        const d = decideSample(new PreparedNets(net(w), accelerators), [rat(2)], label);
        expect(d.verdict).toBe(verdict);
        expect(d.by).not.toBe("float64-box");
      }
    }
  });

  it("flipping the sign of the last layer turns every certified-correct sample into certified-wrong", () => {
    let decided = 0;
    fc.assert(
      fc.property(netAndInput({ widths: [3, 4] }), fc.constantFrom(0, 1), ([net, x], label) => {
        const d = decideSample(new PreparedNets(net, ACCELERATORS), x, label as 0 | 1, { startBits: 32, maxBits: 256 });
        const flipped = decideSample(new PreparedNets(negateOutput(net), ACCELERATORS), x, label as 0 | 1, { startBits: 32, maxBits: 256 });
        if (d.verdict === "correct" || d.verdict === "wrong") decided++;
        if (d.verdict === "correct") expect(flipped.verdict).toBe("wrong");
        if (d.verdict === "wrong") expect(flipped.verdict).toBe("correct");
      }),
      { seed: 41, numRuns: 150 },
    );
    expect(decided).toBeGreaterThan(100);
  });
});

describe("precision ladder", () => {
  it("starts at 53 bits (the float64 accelerator's rung), then doubles BigInt precision, and always ends at the cap", async () => {
    const { precisionLadder } = await import("../src/trusted/verify/decide.js");
    expect(precisionLadder({ startBits: 53, maxBits: 4096 })).toEqual([53, 128, 256, 512, 1024, 2048, 4096]);
    expect(precisionLadder({ startBits: 8, maxBits: 300 })).toEqual([53, 128, 256, 300]);
    expect(precisionLadder({ startBits: 40, maxBits: 40 })).toEqual([40]);
    expect(precisionLadder({ startBits: 53, maxBits: 53 })).toEqual([53]);
    expect(precisionLadder({ startBits: 200, maxBits: 1000 })).toEqual([200, 400, 800, 1000]);
    expect(precisionLadder({ startBits: 16, maxBits: 32 })).toEqual([16, 32]);
  });
});

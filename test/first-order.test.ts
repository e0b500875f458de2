/** The first-order kernel evaluator (src/verify/evaluate-first-order.ts) and magnitudes (src/numbers/mag.ts). */
import { describe, expect, it } from "vitest";
import { dyadicQ, inFirstOrderSet, magQ } from "./helpers/first-order.js";
import fc from "fast-check";
import * as I from "../src/trusted/numbers/interval.js";
import * as C from "../src/workshop/dyadic.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { magAdd, magMul, magOf, magOfDyadic, magToDyadic, type Mag } from "../src/trusted/fast/mag.js";
import { evaluateExact } from "../src/trusted/net/evaluate-exact.js";
import { type Label } from "../src/trusted/net/dataset.js";
import { makeDataset } from "../src/workshop/dataset.js";
import type { Net } from "../src/trusted/net/model.js";
import { dyadicArith, evaluateIntervalFrom, layerNormGroup, prepareNet } from "../src/trusted/verify/evaluate-interval.js";
import * as F from "../src/trusted/fast/float-interval.js";
import { evaluateFirstOrder, layerNormStep, prepareFirstOrder, type State } from "../src/trusted/fast/evaluate-first-order.js";
import { constructNet } from "../src/constructions/index.js";
import { makeRng } from "../src/workshop/rng.js";
import { evaluateDecimal } from "./helpers/decimal-oracle.js";
import { netArb, smallRationalArb } from "./helpers/arbitraries.js";

const within = (inner: I.Interval, outer: I.Interval): boolean => I.dCmp(outer.lo, inner.lo) <= 0 && I.dCmp(inner.hi, outer.hi) <= 0;
const log2Width = (x: I.Interval): number => {
  const w = I.width(x);
  return w.m === 0n ? -Infinity : w.m.toString(2).length + w.e;
};

/** The first-order enclosure at `prec` from the first irrational LayerNorm, or undefined. */
function firstOrder(net: Net, x: readonly Rational[], prec: number): I.Interval | undefined {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return undefined;
  const fo = prepareFirstOrder(net, ex.layer);
  return fo && evaluateFirstOrder(prepareNet(net, dyadicArith(prec)), fo, ex.input);
}

/** The box enclosure at `prec` (the reference at high precision). */
function box(net: Net, x: readonly Rational[], prec: number): I.Interval | undefined {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return undefined;
  try {
    return evaluateIntervalFrom(prepareNet(net, dyadicArith(prec)), ex.layer, ex.input);
  } catch (e) {
    if (e instanceof I.IntervalDomainError) return undefined;
    throw e;
  }
}

const inputArb = (d: number) => fc.array(smallRationalArb, { minLength: d, maxLength: d });

describe("first-order enclosures contain the true output", () => {
  it("a 150-digit decimal oracle and the 2000-bit box enclosure lie inside (width 3, depth <= 10, eps 0 / 1e-5 / 1/3, 24 to 1600 bits)", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        netArb({ widths: [3], maxDepth: 10 }).chain((net) => fc.tuple(fc.constant(net), inputArb(net.inputDim))),
        // 1100 and 1600 bits: mantissas beyond a double's range take the exact bit-length paths
        fc.oneof(fc.integer({ min: 24, max: 200 }), fc.constantFrom(1100, 1600)),
        ([net, x], prec) => {
          const y = firstOrder(net, x, prec);
          const oracle = evaluateDecimal(net, x);
          const ref = box(net, x, 2000);
          if (!y || !oracle || !ref) return;
          checked++;
          if (prec <= 400) expect(C.containsRational(y, oracle)).toBe(true); // the oracle has ~498 bits
          expect(within(ref, y)).toBe(true);
        },
      ),
      { seed: 31, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(150);
  });

  it("nets with huge and tiny weights: contained whenever defined (doubles out of range give undefined)", () => {
    const scaled = fc.tuple(smallRationalArb, fc.integer({ min: -300, max: 300 })).map(([r, k]) => r.mul(k >= 0 ? rat(1n << BigInt(k)) : rat(1n, 1n << BigInt(-k))));
    let checked = 0;
    fc.assert(
      fc.property(
        fc.record({ depth: fc.integer({ min: 1, max: 6 }), ws: fc.array(scaled, { minLength: 80, maxLength: 80 }), x: fc.array(scaled, { minLength: 2, maxLength: 2 }), prec: fc.integer({ min: 32, max: 300 }) }),
        ({ depth, ws, x, prec }) => {
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const layers: Net["layers"][number][] = [];
          for (let l = 0; l < depth; l++) {
            layers.push({ type: "linear", weight: Array.from({ length: 3 }, () => Array.from({ length: l === 0 ? 2 : 3 }, next)), bias: [next(), next(), next()] });
            layers.push({ type: "layernorm", groups: 1, eps: rat(0) });
          }
          layers.push({ type: "linear", weight: [[next(), next(), next()]], bias: [next()] });
          const net: Net = { inputDim: 2, layers };
          const y = firstOrder(net, x, prec);
          const ref = box(net, x, 2500);
          if (!y || !ref) return;
          checked++;
          expect(within(ref, y)).toBe(true);
        },
      ),
      { seed: 32, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(60);
  });

  it("nets outside the scope (width 4, LN-G) are left to the box evaluator", () => {
    fc.assert(
      fc.property(netArb({ widths: [4, 6], maxDepth: 3 }), (net) => {
        const lnIndex = net.layers.findIndex((l) => l.type === "layernorm");
        expect(prepareFirstOrder(net, lnIndex)).toBeUndefined();
      }),
      { seed: 33, numRuns: 50 },
    );
  });
});

describe("conditioning on constructed deep nets", () => {
  it("m = 100 random labels in R^10 (depth 26): contained for every sample, and far fewer bits than the box", () => {
    const rng = makeRng(100);
    const pts = Array.from({ length: 100 }, () => Array.from({ length: 10 }, () => rat(Math.floor(rng.next() * 2_000_001) - 1_000_000, 1000)));
    const labels = pts.map(() => (rng.next() < 0.5 ? 1 : 0) as Label);
    const data = makeDataset(pts, labels);
    const { net, depth } = constructNet(data, { seed: 1 });
    expect(depth).toBeGreaterThan(20);
    const decides = (y: I.Interval | undefined, label: Label) => y !== undefined && (label === 1 ? y.lo.m > 0n : y.hi.m < 0n);
    for (const [i, s] of data.samples.entries()) {
      const ref = box(net, s.x, 1500) as I.Interval;
      const y = firstOrder(net, s.x, 128) as I.Interval;
      expect(within(ref, y)).toBe(true);
      expect(decides(y, s.label)).toBe(true); // certified at 128 bits ...
      if (i % 10 === 0) expect(decides(box(net, s.x, 128), s.label)).toBe(false); // ... where the box is not
    }
    // The enclosure loses few bits over 26 layers: width at 128 bits well below 2^-64.
    expect(log2Width(firstOrder(net, data.samples[0]!.x, 128) as I.Interval)).toBeLessThan(-64);
  });
});

describe("magnitudes are upper bounds", () => {
  const val = (m: Mag): Rational => C.dyadicToRational(magToDyadic(m), (n, d) => rat(n, d));
  const dyArb = fc.record({ m: fc.bigInt({ min: -(1n << 300n), max: 1n << 300n }), e: fc.integer({ min: -5000, max: 5000 }) });
  const magArb = fc.tuple(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.integer({ min: -5000, max: 5000 })).map(([f, e]) => magOf(f, e));
  const exact = (d: I.Dyadic): Rational => C.dyadicToRational(d, (n, q) => rat(n, q)).abs();
  it("magOfDyadic(d) >= |d| and is within 2^-50 of it", () => {
    fc.assert(
      fc.property(dyArb, (d) => {
        const b = val(magOfDyadic(d));
        const x = exact(d);
        expect(b.compare(x)).toBeGreaterThanOrEqual(0);
        expect(b.compare(x.mul(rat((1n << 50n) + 1n, 1n << 50n)))).toBeLessThanOrEqual(0);
      }),
      { seed: 34, numRuns: 300 },
    );
  });
  it("magAdd and magMul bound the exact sum and product", () => {
    fc.assert(
      fc.property(magArb, magArb, (a, b) => {
        expect(val(magAdd(a, b)).compare(val(a).add(val(b)))).toBeGreaterThanOrEqual(0);
        expect(val(magMul(a, b)).compare(val(a).mul(val(b)))).toBeGreaterThanOrEqual(0);
      }),
      { seed: 35, numRuns: 300 },
    );
  });
  it("magOf normalises exactly (f in [1, 2), value unchanged)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.integer({ min: -100, max: 100 }), (f, e) => {
        const m = magOf(f, e);
        if (f === 0) {
          expect(m.f).toBe(0);
          return;
        }
        expect(m.f >= 1 && m.f < 2).toBe(true);
        const d = magToDyadic(m);
        const orig = magToDyadic({ f, e });
        expect(I.dCmp(d, orig)).toBe(0);
      }),
      { seed: 36, numRuns: 300 },
    );
  });
});

describe("one LayerNorm step maps its input set into its output set (sampled, exact membership)", () => {
  // Wide input sets (relative size up to 1e-2) make the second-order and hull terms matter: a step
  // that dropped its box term [E] or the width of f(zc) fails here.
  const member = inFirstOrderSet;
  const q = dyadicQ;
  const netFor = (eps: Rational): Net => ({
    inputDim: 3,
    layers: [
      { type: "linear", weight: [[rat(1), rat(0), rat(0)], [rat(0), rat(1), rat(0)], [rat(0), rat(0), rat(1)]], bias: [rat(0), rat(0), rat(0)] },
      { type: "layernorm", groups: 1, eps },
      { type: "linear", weight: [[rat(1), rat(0), rat(0)]], bias: [rat(0)] },
    ],
  });
  it("corners and random points of the input set", () => {
    const dyArb = fc.record({ m: fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), e: fc.integer({ min: -80, max: 20 }) });
    fc.assert(
      fc.property(
        fc.array(dyArb, { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 7, max: 60 }),
        fc.integer({ min: 7, max: 60 }),
        fc.constantFrom(rat(0), rat(1, 100000)),
        fc.integer({ min: 60, max: 200 }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })), { minLength: 8, maxLength: 8 }),
        (c, t, aBits, rBits, eps, prec, pts) => {
          const size = Math.max(...c.map((d) => (d.m === 0n ? -Infinity : d.m.toString(2).replace("-", "").length + d.e)));
          if (!Number.isFinite(size)) return;
          const zs: State = { c, t, a: magOf(1, size - aBits), r: magOf(1, size - rBits) };
          const p = prepareNet(netFor(eps), dyadicArith(prec));
          let out: State;
          try {
            out = layerNormStep(p, eps.mul(rat(9)), 1, zs);
          } catch (e) {
            if (e instanceof I.IntervalDomainError || e instanceof F.FloatRangeError) return; // no claim made
            throw e;
          }
          const ref = prepareNet(netFor(eps), dyadicArith(600)).layers[1] as { k3eps: I.Interval };
          const a = magQ(zs.a);
          const r = magQ(zs.r);
          const corners = [-1, 1].flatMap((sa) => [[-1, -1, -1], [1, 1, 1], [1, -1, 1], [-1, 1, -1]].map((d) => [sa, d] as [number, number[]]));
          for (const [al, d] of [...corners, ...pts]) {
            const z = c.map((ci, i) => q(ci).add(q(F.doubleToDyadic(t[i]!)).mul(a).mul(q(F.doubleToDyadic(al)))).add(r.mul(q(F.doubleToDyadic(d[i]!)))));
            let y: I.Interval[];
            try {
              y = layerNormGroup(dyadicArith(600), z.map((v) => I.fromRational(v, 600)), ref.k3eps);
            } catch {
              continue;
            }
            expect(member(y, out)).toBe(true);
          }
        },
      ),
      { seed: 37, numRuns: 150 },
    );
  });
});

/**
 * The fixed-point first-order accelerator (src/trusted/fast/fixed-first-order.ts): its enclosures
 * contain independent high-precision values (decimal oracles, the 2000-bit box), on random deep
 * width-3 nets with eps 0 / 1e-5 / 1/3 / huge / tiny, outputs tuned to ~2^-q, and weights up to
 * float64's limits; it declines where a LayerNorm is singular; and no verdict it reaches contradicts
 * the reference path.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import * as I from "../src/trusted/numbers/interval.js";
import * as C from "../src/trusted/numbers/dyadic-convert.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { evaluateExact } from "../src/trusted/net/evaluate-exact.js";
import type { Label } from "../src/trusted/net/dataset.js";
import type { Layer, Net } from "../src/trusted/net/model.js";
import { dyadicArith, evaluateIntervalFrom, layerNormGroup, prepareNet } from "../src/trusted/verify/evaluate-interval.js";
import { decideSample, PreparedNets, type PrecisionSchedule, type Verdict } from "../src/trusted/verify/decide.js";
import { REFERENCE_ONLY } from "../src/trusted/verify/accelerator.js";
import { evaluateFixed, layerNormStepFixed, prepareFixed, MAX_BITS } from "../src/trusted/fast/fixed-first-order.js";
import * as F from "../src/trusted/fast/float-interval.js";
import { magOf } from "../src/trusted/fast/mag.js";
import { inFirstOrderSet } from "./helpers/first-order.js";
import { firstOrderFixed } from "../src/trusted/fast/first-order-fixed-accelerator.js";
import { evaluateFirstOrder, prepareFirstOrder } from "../src/trusted/fast/evaluate-first-order.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { constructNet } from "../src/constructions/construct.js";
import { randomLabels, alternatingLine } from "../src/claims/datasets.js";
import { decimalOutput, decimalToRational, evaluateDecimal } from "./helpers/decimal-oracle.js";
import { netArb, smallRationalArb } from "./helpers/arbitraries.js";

const within = (inner: I.Interval, outer: I.Interval): boolean => I.dCmp(outer.lo, inner.lo) <= 0 && I.dCmp(inner.hi, outer.hi) <= 0;
const log2Width = (x: I.Interval): number => {
  const w = I.width(x);
  return w.m === 0n ? -Infinity : w.m.toString(2).length + w.e;
};
const dq = (d: I.Dyadic): Rational => C.dyadicToRational(d, (n, m) => rat(n, m));
/** Does x contain the rational r? (exact) */
const contains = (x: I.Interval, r: Rational): boolean => dq(x.lo).compare(r) <= 0 && r.compare(dq(x.hi)) <= 0;
const pow2r = (k: number): Rational => (k >= 0 ? rat(1n << BigInt(k)) : rat(1n, 1n << BigInt(-k)));

/** The fixed-point enclosure at `bits` from the first irrational LayerNorm, or undefined. */
function fixed(net: Net, x: readonly Rational[], bits: number): I.Interval | undefined {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return undefined;
  const fx = prepareFixed(net, ex.layer);
  return fx && evaluateFixed(fx, ex.input, bits);
}

/** The dyadic first-order enclosure (the accelerator this one is asked before). */
function firstOrder(net: Net, x: readonly Rational[], bits: number): I.Interval | undefined {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return undefined;
  const fo = prepareFirstOrder(net, ex.layer);
  return fo && evaluateFirstOrder(prepareNet(net, dyadicArith(bits)), fo, ex.input);
}

/** The reference box enclosure at `bits`. */
function box(net: Net, x: readonly Rational[], bits: number): I.Interval | undefined {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return undefined;
  try {
    return evaluateIntervalFrom(prepareNet(net, dyadicArith(bits)), ex.layer, ex.input);
  } catch (e) {
    if (e instanceof I.IntervalDomainError) return undefined;
    throw e;
  }
}


const inputArb = (d: number) => fc.array(smallRationalArb, { minLength: d, maxLength: d });
const smallR = fc.tuple(fc.bigInt({ min: -60n, max: 60n }), fc.bigInt({ min: 1n, max: 12n })).map(([n, d]) => rat(n, d));

describe("fixed-point first-order enclosures contain the true output", () => {
  it("random width-3 nets, depth <= 10, eps 0 / 1e-5 / 1/3, 64..400 bits: the 150-digit oracle and the 2000-bit box lie inside", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        netArb({ widths: [3], maxDepth: 10 }).chain((net) => fc.tuple(fc.constant(net), inputArb(net.inputDim))),
        fc.oneof(fc.integer({ min: 64, max: 200 }), fc.constantFrom(256, MAX_BITS)),
        ([net, x], bits) => {
          const y = fixed(net, x, bits);
          const o = evaluateDecimal(net, x);
          const ref = box(net, x, 2000);
          if (!y || !o || !ref) return;
          checked++;
          expect(contains(y, o)).toBe(true);
          expect(within(ref, y)).toBe(true);
        },
      ),
      { seed: 71, numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(150);
  });

  it("weights and inputs scaled by 2^-300 .. 2^300: contained whenever defined", () => {
    const scaled = fc.tuple(smallRationalArb, fc.integer({ min: -300, max: 300 })).map(([r, k]) => r.mul(pow2r(k)));
    let checked = 0;
    fc.assert(
      fc.property(
        fc.record({ depth: fc.integer({ min: 1, max: 6 }), ws: fc.array(scaled, { minLength: 80, maxLength: 80 }), x: fc.array(scaled, { minLength: 2, maxLength: 2 }), bits: fc.integer({ min: 64, max: 300 }) }),
        ({ depth, ws, x, bits }) => {
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const layers: Layer[] = [];
          for (let l = 0; l < depth; l++) {
            layers.push({ type: "linear", weight: Array.from({ length: 3 }, () => Array.from({ length: l === 0 ? 2 : 3 }, next)), bias: [next(), next(), next()] });
            layers.push({ type: "layernorm", groups: 1, eps: rat(0) });
          }
          layers.push({ type: "linear", weight: [[next(), next(), next()]], bias: [next()] });
          const net: Net = { inputDim: 2, layers };
          const y = fixed(net, x, bits);
          const ref = box(net, x, 2500);
          if (!y || !ref) return;
          checked++;
          expect(within(ref, y)).toBe(true);
        },
      ),
      { seed: 72, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(20);
  });

  it("one layer's weights at 2^+-400 (contained) and near float64's limits, 2^+-700 .. 2^+-1030 (declines or contains, never throws)", () => {
    let defined = 0;
    for (const k of [-1030, -1000, -700, -400, 400, 700, 1000, 1030]) {
      for (const eps of [rat(0), rat(1, 100000)]) {
        const s = pow2r(k);
        const net: Net = {
          inputDim: 2,
          layers: [
            { type: "linear", weight: [[rat(1), rat(2)], [rat(-3), rat(1)], [rat(1, 3), rat(0)]], bias: [rat(0), rat(1), rat(-1)] },
            { type: "layernorm", groups: 1, eps },
            { type: "linear", weight: [[s, s.mul(rat(2)), s.neg()], [s.mul(rat(-1, 3)), s, s], [s, rat(0), s.mul(rat(5))]], bias: [s, s.neg(), rat(0)] },
            { type: "layernorm", groups: 1, eps },
            { type: "linear", weight: [[rat(1), rat(-1), rat(1, 7)]], bias: [rat(0)] },
          ],
        };
        const x = [rat(3, 7), rat(-2, 5)];
        const ref = box(net, x, 3000);
        for (const bits of [64, 128, 400]) {
          const y = fixed(net, x, bits);
          if (y) defined++;
          if (y && ref) expect(within(ref, y)).toBe(true);
        }
      }
    }
    expect(defined).toBeGreaterThan(0);
  });

  it("outputs tuned to ~2^-q on deep nets (depth 10-32; eps 0, 1e-5, 1e30, 1e-300): the 700-digit oracle inside, every claimed sign its sign", () => {
    let signed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 32 }),
        fc.array(smallR, { minLength: 97, maxLength: 97 }),
        fc.constantFrom(rat(0), rat(1, 100000), rat(10n ** 30n), rat(1n, 10n ** 300n)),
        fc.array(smallR, { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 20, max: 500 }),
        (depth, ws, eps, x, q) => {
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const layers: Layer[] = [];
          for (let l = 0; l < depth; l++) {
            layers.push({ type: "linear", weight: Array.from({ length: 3 }, () => [next(), next(), next()]), bias: [next(), next(), next()] });
            layers.push({ type: "layernorm", groups: 1, eps });
          }
          const w = [next(), next(), next()];
          const at = (b: Rational): Net => ({ inputDim: 3, layers: [...layers, { type: "linear", weight: [w], bias: [b] }] });
          const v = decimalOutput(at(rat(0)), x, 700);
          if (!v) return;
          const net = at(rat(-BigInt(v.times(new Decimal(2).pow(q)).toFixed(0)), 1n << BigInt(q))); // output ~ 2^-q
          const o = decimalToRational(decimalOutput(net, x, 700)!);
          for (const bits of [64, 128, 400]) {
            const y = fixed(net, x, bits);
            if (!y) continue;
            expect(contains(y, o)).toBe(true);
            const s = I.signOf(y);
            if (s !== "undecided") {
              signed++;
              expect(s).toBe(o.s < 0n ? -1 : 1);
            }
          }
        },
      ),
      { seed: 73, numRuns: 14 },
    );
    expect(signed).toBeGreaterThan(8);
  });

  it("an exactly singular later LayerNorm (eps = 0) that exact evaluation cannot see: declines at every rung", () => {
    // Rows r + lambda_i (1,1,1) act identically on LayerNorm outputs (they sum to 0): with equal
    // biases the second LayerNorm's input is exactly constant, so the net is undefined there.
    const r = [rat(3, 7), rat(-5, 3), rat(2)];
    const id3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]].map((row) => row.map((v) => rat(v)));
    const net: Net = {
      inputDim: 3,
      layers: [
        { type: "linear", weight: id3, bias: [rat(0), rat(0), rat(0)] },
        { type: "layernorm", groups: 1, eps: rat(0) },
        { type: "linear", weight: [0, 1, -3].map((l) => r.map((w) => w.add(rat(l, 5)))), bias: [rat(1, 3), rat(1, 3), rat(1, 3)] },
        { type: "layernorm", groups: 1, eps: rat(0) },
        { type: "linear", weight: [[rat(2), rat(-1), rat(5, 2)]], bias: [rat(1)] },
      ],
    };
    const x = [rat(1), rat(2), rat(4)];
    expect(evaluateExact(net, x).kind).toBe("irrational");
    for (const bits of [64, 128, 256, MAX_BITS]) expect(fixed(net, x, bits)).toBeUndefined();
    const nets = new PreparedNets(net, [firstOrderFixed]);
    for (const label of [0, 1] as const) expect(decideSample(nets, x, label, { startBits: 53, maxBits: 1024 }).verdict).toBe("undecided");
  });

  it("out of scope (width 4, groups) or out of its rungs (53, > 400 bits): declines", () => {
    fc.assert(
      fc.property(netArb({ widths: [4, 6], maxDepth: 3 }), (net) => {
        const lnIndex = net.layers.findIndex((l) => l.type === "layernorm");
        expect(prepareFixed(net, lnIndex)).toBeUndefined();
      }),
      { seed: 74, numRuns: 50 },
    );
    const { net } = constructNet(alternatingLine(8), { seed: 1 });
    const ex = evaluateExact(net, [rat(1, 3)]);
    if (ex.kind !== "irrational") return;
    const ev = firstOrderFixed.prepare(net, ex.layer);
    expect(ev).toBeDefined();
    const p = prepareNet(net, dyadicArith(53));
    expect(ev?.(ex.input, 53, p)).toBeUndefined();
    expect(ev?.(ex.input, 512, p)).toBeUndefined();
    expect(ev?.(ex.input, 128, p)).toBeDefined();
  });
});

describe("constructed deep nets", () => {
  it("m = 100 random labels in R^10: every sample certified at 128 bits, inside the 1500-bit box, never wider than the dyadic first-order enclosure", () => {
    const data = randomLabels(100, 10, 5);
    const { net, depth } = constructNet(data, { seed: 1 });
    expect(depth).toBeGreaterThan(20);
    for (const s of data.samples) {
      const y = fixed(net, s.x, 128) as I.Interval;
      expect(y).toBeDefined();
      expect(within(box(net, s.x, 1500) as I.Interval, y)).toBe(true);
      expect(I.signOf(y)).toBe(s.label === 1 ? 1 : -1);
      expect(log2Width(y)).toBeLessThanOrEqual(log2Width(firstOrder(net, s.x, 128) as I.Interval));
    }
  });
});

const proven = (v: Verdict): boolean => v === "correct" || v === "wrong";

/** Decide with the reference alone and with this accelerator alone / with all: signs never disagree. */
function neverContradicts(net: Net, samples: readonly { x: readonly Rational[]; label: Label }[], schedule: PrecisionSchedule): number {
  const reference = new PreparedNets(net, REFERENCE_ONLY);
  const modes = [new PreparedNets(net, [firstOrderFixed]), new PreparedNets(net, ACCELERATORS)];
  let byFixed = 0;
  for (const s of samples) {
    const r = decideSample(reference, s.x, s.label, schedule);
    for (const nets of modes) {
      const f = decideSample(nets, s.x, s.label, schedule);
      if (f.by === "first-order-fixed") byFixed++;
      if (proven(f.verdict) && proven(r.verdict)) expect(f.verdict).toBe(r.verdict);
      if (!proven(f.verdict) && !proven(r.verdict) && f.verdict !== "undecided" && r.verdict !== "undecided") expect(f.verdict).toBe(r.verdict);
    }
  }
  return byFixed;
}

describe("the fixed-point accelerator never contradicts the reference path", () => {
  it("random width-3 nets (eps 0 / 1e-5 / 1/3) at caps of 64 to 400 bits (fast-check)", () => {
    let byFixed = 0;
    fc.assert(
      fc.property(
        netArb({ widths: [3], maxDepth: 6 }).chain((net) => fc.tuple(fc.constant(net), inputArb(net.inputDim))),
        fc.constantFrom<Label>(0, 1),
        fc.constantFrom(64, 128, 300, 400),
        ([net, x], label, maxBits) => {
          byFixed += neverContradicts(net, [{ x, label }], { startBits: 64, maxBits });
        },
      ),
      { seed: 75, numRuns: 250 },
    );
    expect(byFixed).toBeGreaterThan(20);
  });

  it("constructed nets: random labels in R^10 with eps 0 and 1e-5", () => {
    const data = randomLabels(40, 10, 9);
    let byFixed = 0;
    for (const eps of [rat(0), rat(1, 100000)]) {
      const { net } = constructNet(data, { seed: 1, eps });
      byFixed += neverContradicts(net, data.samples, { startBits: 53, maxBits: 1024 });
    }
    expect(byFixed).toBeGreaterThan(40);
  });
});

describe("one fixed-point LayerNorm step maps its input set into its output set (exact membership)", () => {
  // Wide input sets (relative size up to 2^-7) make the second-order and [E] terms matter; a point
  // input set (a = r = 0) makes the centre's own error errY matter.
  const member = (y: readonly I.Interval[], out: { y: bigint[]; py: number; t: number[]; a: number; r: number }): boolean =>
    inFirstOrderSet(y, { c: out.y.map((m) => ({ m, e: -out.py })), t: out.t, a: magOf(out.a), r: magOf(out.r) });
  const fq = (x: number): Rational => dq(F.doubleToDyadic(x));
  it("corners and random points of the input set, eps 0 / 1e-5 / 1/3, 64..400 bits", () => {
    let claims = 0;
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: -40, max: 120 }),
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.oneof(fc.constant(-1), fc.integer({ min: 7, max: 80 })),
        fc.oneof(fc.constant(-1), fc.integer({ min: 7, max: 80 })),
        fc.constantFrom(rat(0), rat(1, 100000), rat(1, 3)),
        fc.integer({ min: 64, max: MAX_BITS }),
        fc.array(fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 })), { minLength: 6, maxLength: 6 }),
        (U, pz, g, aBits, rBits, eps, bits, pts) => {
          // The set { (U_0, U_1, -U_0 - U_1) 2^-pz + alpha g + delta }, |u| ~ 2^(70 - pz); a and r relative
          // to it (or 0). The step claims f(p / 3) for every point p of it (f(p/3) = F(C p), see its header).
          const u = [U[0]!, U[1]!, -U[0]! - U[1]!];
          const size = 70 - pz;
          const a = aBits < 0 ? 0 : 2 ** (size - aBits);
          const r = rBits < 0 ? 0 : 2 ** (size - rBits);
          const out = layerNormStepFixed(u, pz, eps, g, a, r, bits);
          if (!out) return;
          claims++;
          const k3eps = I.fromRational(eps.mul(rat(27)), 900);
          const uc = u.map((m) => dq({ m, e: -pz }));
          const check = (alpha: number, d: readonly number[]) => {
            const z = uc.map((c, i) => c.add(fq(g[i]!).mul(fq(a)).mul(fq(alpha))).add(fq(r).mul(fq(d[i]!))).div(rat(3)));
            let y: I.Interval[];
            try {
              y = layerNormGroup(dyadicArith(900), z.map((v) => I.fromRational(v, 900)), k3eps);
            } catch {
              return; // a zero variance inside: no point to check
            }
            expect(member(y, out)).toBe(true);
          };
          for (const al of [-1, 1]) for (const d of [[-1, -1, -1], [1, 1, 1], [1, -1, 1], [-1, 1, -1], [1, 1, -1], [-1, -1, 1]]) check(al, d);
          for (const [al, d] of pts) check(al, d);
        },
      ),
      { seed: 76, numRuns: 250 },
    );
    expect(claims).toBeGreaterThan(150);
  });
});

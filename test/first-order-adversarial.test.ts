/**
 * Adversarial cases for the first-order kernel evaluator (src/verify/evaluate-first-order.ts) and the
 * ladder that uses it (src/verify/decide.ts): an exactly singular later LayerNorm that exact evaluation
 * cannot see, outputs tuned to ~2^-q on deep nets (checked against a 700-digit decimal oracle), and
 * single LayerNorm steps with generators spanning 2^+-300 around near-constant centres.
 */
import { describe, expect, it } from "vitest";
import { dyadicQ, inFirstOrderSet, magQ } from "./helpers/first-order.js";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import { decimalOutput, decimalToRational } from "./helpers/decimal-oracle.js";
import * as I from "../src/trusted/numbers/interval.js";
import * as C from "../src/workshop/dyadic.js";
import * as F from "../src/trusted/fast/float-interval.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { magOf } from "../src/trusted/fast/mag.js";
import { evaluateExact } from "../src/trusted/net/evaluate-exact.js";
import type { Layer, Net } from "../src/trusted/net/model.js";
import { dyadicArith, layerNormGroup, prepareNet } from "../src/trusted/verify/evaluate-interval.js";
import { evaluateFirstOrder, layerNormStep, prepareFirstOrder, type State } from "../src/trusted/fast/evaluate-first-order.js";
import { decideSample, PreparedNets } from "../src/trusted/verify/decide.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { REFERENCE_ONLY } from "../src/trusted/verify/accelerator.js";

const pow2r = (k: number): Rational => (k >= 0 ? rat(1n << BigInt(k)) : rat(1n, 1n << BigInt(-k)));
const smallR = fc.tuple(fc.bigInt({ min: -60n, max: 60n }), fc.bigInt({ min: 1n, max: 12n })).map(([n, d]) => rat(n, d));


function firstOrder(net: Net, x: readonly Rational[], prec: number): I.Interval | undefined {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return undefined;
  const fo = prepareFirstOrder(net, ex.layer);
  return fo && evaluateFirstOrder(prepareNet(net, dyadicArith(prec)), fo, ex.input);
}

const id3 = [[1, 0, 0], [0, 1, 0], [0, 0, 1]].map((r) => r.map((v) => rat(v)));
const zero3 = [rat(0), rat(0), rat(0)];

describe("an exactly singular LayerNorm after the first irrational one", () => {
  // Rows r + lambda_i (1,1,1) act identically on LayerNorm outputs (they sum to 0): with equal biases
  // the next LayerNorm's input is exactly constant for every input, but its three rows are computed
  // separately, so the rounded centre is not constant and only the hull can reveal the singularity.
  const r = [rat(3, 7), rat(-5, 3), rat(2)];
  const net = (eps: Rational, finalBias: Rational): Net => ({
    inputDim: 3,
    layers: [
      { type: "linear", weight: id3, bias: zero3 },
      { type: "layernorm", groups: 1, eps },
      { type: "linear", weight: [0, 1, -3].map((l) => r.map((w) => w.add(rat(l, 5)))), bias: [rat(1, 3), rat(1, 3), rat(1, 3)] },
      { type: "layernorm", groups: 1, eps },
      { type: "linear", weight: [[rat(2), rat(-1), rat(5, 2)]], bias: [finalBias] },
    ],
  });
  const x = [rat(1), rat(2), rat(4)]; // variance 14/9 + eps: irrational for both eps below

  it("eps = 0: the net is undefined there; no enclosure, never a verdict", () => {
    const n = net(rat(0), rat(1));
    expect(evaluateExact(n, x).kind).toBe("irrational");
    for (const prec of [24, 128, 1000]) expect(firstOrder(n, x, prec)).toBeUndefined();
    for (const accelerators of [ACCELERATORS, REFERENCE_ONLY]) {
      const nets = new PreparedNets(n, accelerators);
      for (const label of [0, 1] as const) expect(decideSample(nets, x, label, { startBits: 53, maxBits: 1024 }).verdict).toBe("undecided");
    }
  });

  it("eps > 0: the LayerNorm output is exactly 0, so the output is the final bias (0 is never certified)", () => {
    const eps = rat(1, 100000);
    for (const [b, sign] of [[rat(0), 0], [pow2r(-700), 1], [pow2r(-700).neg(), -1]] as const) {
      const n = net(eps, b);
      for (const prec of [24, 128, 1000]) {
        const y = firstOrder(n, x, prec) as I.Interval;
        expect(y).toBeDefined();
        expect(C.containsRational(y, b)).toBe(true);
      }
      for (const accelerators of [ACCELERATORS, REFERENCE_ONLY]) {
        const nets = new PreparedNets(n, accelerators);
        const v1 = decideSample(nets, x, 1, { startBits: 53, maxBits: 1024 }).verdict;
        const v0 = decideSample(nets, x, 0, { startBits: 53, maxBits: 1024 }).verdict;
        if (sign === 0) expect([v0, v1]).toEqual(["undecided", "undecided"]);
        else expect([v0, v1]).toEqual(sign > 0 ? ["wrong", "correct"] : ["correct", "wrong"]); // decided at 1000 bits
      }
    }
  });
});

describe("outputs tuned to ~2^-q on deep random width-3 nets", () => {
  it("the 700-digit oracle lies in every first-order enclosure, and every claimed sign is its sign", () => {
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
          for (const prec of [24, 128, 600]) {
            const y = firstOrder(net, x, prec);
            if (!y) continue;
            expect(C.containsRational(y, o)).toBe(true);
            const s = I.signOf(y);
            if (s !== "undecided") {
              signed++;
              expect(s).toBe(o.s < 0n ? -1 : 1);
            }
          }
        },
      ),
      { seed: 61, numRuns: 14 },
    );
    expect(signed).toBeGreaterThan(8);
  });
});

describe("one LayerNorm step: generators spanning 2^+-300, near-constant centres", () => {
  const member = inFirstOrderSet;
  const q = dyadicQ;
  const netFor = (eps: Rational): Net => ({
    inputDim: 3,
    layers: [
      { type: "linear", weight: id3, bias: zero3 },
      { type: "layernorm", groups: 1, eps },
      { type: "linear", weight: [[rat(1), rat(0), rat(0)]], bias: [rat(0)] },
    ],
  });
  const tArb = fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.integer({ min: -300, max: 300 })).map(([v, k]) => v * 2 ** k);
  const dyArb = fc.record({ m: fc.bigInt({ min: -(1n << 60n), max: 1n << 60n }), e: fc.integer({ min: -80, max: 20 }) });

  it("corners of the input set land in the output set (eps 0, 1e-5, 1e30, 1e-40)", () => {
    let claims = 0;
    fc.assert(
      fc.property(
        fc.array(dyArb, { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        fc.array(tArb, { minLength: 3, maxLength: 3 }),
        fc.integer({ min: -400, max: 60 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(rat(0), rat(1, 100000), rat(10n ** 30n), rat(1n, 10n ** 40n)),
        fc.integer({ min: 60, max: 200 }),
        (c0, nearConst, t, aRel, rRel, eps, prec) => {
          // near-constant centre: c = (m, m, m) + a deviation 2^-40 smaller, close to the singular line
          const c = nearConst ? c0.map((d, i) => (i === 0 ? d : I.dAdd(c0[0]!, { m: d.m, e: d.e - 40 }))) : c0;
          const size = Math.max(...c.map((d) => (d.m === 0n ? -Infinity : d.m.toString(2).replace("-", "").length + d.e)));
          const tmax = Math.max(...t.map(Math.abs));
          if (!Number.isFinite(size) || tmax === 0) return;
          const zs: State = { c, t, a: magOf(1, size - Math.floor(Math.log2(tmax)) + aRel - 60), r: magOf(1, size - rRel - 8) };
          let out: State;
          try {
            out = layerNormStep(prepareNet(netFor(eps), dyadicArith(prec)), eps.mul(rat(9)), 1, zs);
          } catch (e) {
            if (e instanceof I.IntervalDomainError || e instanceof F.FloatRangeError) return; // no claim made
            throw e;
          }
          claims++;
          const k3eps = (prepareNet(netFor(eps), dyadicArith(700)).layers[1] as { k3eps: I.Interval }).k3eps;
          const a = magQ(zs.a);
          const r = magQ(zs.r);
          for (const al of [-1, 1])
            for (const d of [[-1, -1, -1], [1, 1, 1], [1, -1, 1], [-1, 1, -1], [1, 1, -1], [-1, -1, 1]]) {
              const z = c.map((ci, i) => q(ci).add(q(F.doubleToDyadic(t[i]!)).mul(a).mul(rat(al))).add(r.mul(rat(d[i]!))));
              let y: I.Interval[];
              try {
                y = layerNormGroup(dyadicArith(700), z.map((v) => I.fromRational(v, 700)), k3eps);
              } catch {
                continue;
              }
              expect(member(y, out)).toBe(true);
            }
        },
      ),
      { seed: 62, numRuns: 120 },
    );
    expect(claims).toBeGreaterThan(80);
  });
});

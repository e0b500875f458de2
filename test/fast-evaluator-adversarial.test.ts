/**
 * Adversarial cases for the fixed-point first-order accelerator (src/trusted/fast/fixed-first-order.ts),
 * each aimed at one bound of its header proof: centred values just above and below 2^-500 (where a
 * DOWN of an underflowing square once made the remainder bound negative: regression below), layer
 * scales at the 2^+-500 edge where it starts declining, LayerNorms made nearly singular by cancelling
 * the bias against the sample's own input (|u_c| a few H), eps exact / inexact / below the fixed point's
 * resolution / huge, rank-1, zero and duplicate rows, inputs with huge exact numerators and
 * denominators, and outputs tuned to ~2^-q at depth 10-60. Every enclosure must be well-formed and
 * contain a decimal oracle (decimal.js, independent of the kernel) and the 2000-bit box; every verdict
 * it reaches must agree with the reference path's.
 *
 * LNNET_PROPERTY_RUNS=N multiplies the number of random cases by N / 100 (default 100: ~8 s).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decimalLayers, decimalOutput, decimalToRational } from "./helpers/decimal-oracle.js";
import * as I from "../src/trusted/numbers/interval.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { evaluateExact } from "../src/trusted/net/evaluate-exact.js";
import type { Label } from "../src/trusted/net/dataset.js";
import type { Layer, Net } from "../src/trusted/net/model.js";
import { dyadicArith, evaluateIntervalFrom, layerNormGroup, prepareNet } from "../src/trusted/verify/evaluate-interval.js";
import { decideSample, PreparedNets, type Verdict } from "../src/trusted/verify/decide.js";
import { REFERENCE_ONLY } from "../src/trusted/verify/accelerator.js";
import { evaluateFixed, layerNormStepFixed, prepareFixed, MAX_BITS, MIN_BITS } from "../src/trusted/fast/fixed-first-order.js";
import { firstOrderFixed } from "../src/trusted/fast/first-order-fixed-accelerator.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import * as F from "../src/trusted/fast/float-interval.js";
import { magOf } from "../src/trusted/fast/mag.js";
import { dyadicQ, inFirstOrderSet } from "./helpers/first-order.js";

const runScale = Number(process.env.LNNET_PROPERTY_RUNS ?? 100) / 100;
const runs = (n: number): number => Math.max(1, Math.round(n * runScale));

const pow2r = (k: number): Rational => (k >= 0 ? rat(1n << BigInt(k)) : rat(1n, 1n << BigInt(-k)));
const id3 = (): Rational[][] => [[1, 0, 0], [0, 1, 0], [0, 0, 1]].map((row) => row.map((v) => rat(v)));
const smallR = fc.tuple(fc.bigInt({ min: -40n, max: 40n }), fc.bigInt({ min: 1n, max: 9n })).map(([n, d]) => rat(n, d));
const RUNGS = [MIN_BITS, 65, 128, 200, 256, 399, MAX_BITS];

const oracle = (net: Net, x: readonly Rational[], digits: number): Rational | undefined => {
  const y = decimalOutput(net, x, digits);
  return y && decimalToRational(y);
};
const toRat = decimalToRational;

const contains = (y: I.Interval, r: Rational): boolean => dyadicQ(y.lo).compare(r) <= 0 && r.compare(dyadicQ(y.hi)) <= 0;
const within = (inner: I.Interval, outer: I.Interval): boolean => I.dCmp(outer.lo, inner.lo) <= 0 && I.dCmp(inner.hi, outer.hi) <= 0;

function box(net: Net, layer: number, input: readonly Rational[], bits: number): I.Interval | undefined {
  try {
    return evaluateIntervalFrom(prepareNet(net, dyadicArith(bits)), layer, input);
  } catch (e) {
    if (e instanceof I.IntervalDomainError) return undefined;
    throw e;
  }
}

interface Tally {
  cases: number;
  enclosures: number;
  signed: number;
}
const tally = (): Tally => ({ cases: 0, enclosures: 0, signed: 0 });

/**
 * Every fixed-point enclosure of net(x) at `rungs` is well-formed (lo <= hi), contains the oracle at
 * `digits` digits and (when `boxBits`) the box at that precision; a sign it decides is the oracle's.
 */
function checkEnclosures(net: Net, x: readonly Rational[], t: Tally, opts: { digits?: number; boxBits?: number; rungs?: readonly number[] } = {}): void {
  const ex = evaluateExact(net, x);
  if (ex.kind !== "irrational") return;
  const fx = prepareFixed(net, ex.layer);
  if (!fx) return;
  t.cases++;
  const o = oracle(net, x, opts.digits ?? 400);
  const ref = opts.boxBits ? box(net, ex.layer, ex.input, opts.boxBits) : undefined;
  for (const bits of opts.rungs ?? RUNGS) {
    const y = evaluateFixed(fx, ex.input, bits);
    if (!y) continue;
    t.enclosures++;
    expect(I.dCmp(y.lo, y.hi)).toBeLessThanOrEqual(0);
    if (o) expect(contains(y, o)).toBe(true);
    if (ref) expect(within(ref, y)).toBe(true);
    const s = I.signOf(y);
    if (s !== "undecided" && o) {
      t.signed++;
      expect(o.s * o.n === 0n ? 0 : Number(o.s)).toBe(s);
    }
  }
}

const proven = (v: Verdict): boolean => v === "correct" || v === "wrong";

/** The sample decided with the reference path alone and with the fixed-point accelerator (alone, and all): the same proven sign. */
function agreesWithReference(net: Net, x: readonly Rational[], label: Label, maxBits: number): { byFixed: boolean; referenceProven: boolean } {
  const schedule = { startBits: 53, maxBits };
  const r = decideSample(new PreparedNets(net, REFERENCE_ONLY), x, label, schedule);
  let byFixed = false;
  for (const accelerators of [[firstOrderFixed], ACCELERATORS]) {
    const f = decideSample(new PreparedNets(net, accelerators), x, label, schedule);
    if (f.by === "first-order-fixed") byFixed = true;
    if (proven(f.verdict) && proven(r.verdict)) expect(f.verdict).toBe(r.verdict);
  }
  return { byFixed, referenceProven: proven(r.verdict) };
}

/** Linear(3 -> 3) + LayerNorm layers, then one output row, with the given weights and biases. */
function chain(inputDim: number, ls: readonly { w: Rational[][]; b: Rational[]; eps: Rational }[], out: Rational[], outBias: Rational): Net {
  const layers: Layer[] = [];
  for (const l of ls) layers.push({ type: "linear", weight: l.w, bias: l.b }, { type: "layernorm", groups: 1, eps: l.eps });
  layers.push({ type: "linear", weight: [out], bias: [outBias] });
  return { inputDim, layers };
}

/** The bias that makes the net's output ~ -2^-q plus its sign flip at 2^-q: output tuned next to 0. */
function tuneOutput(net: Net, x: readonly Rational[], q: number, digits: number): Net | undefined {
  const h = decimalLayers(net, x, digits);
  if (!h) return undefined;
  const last = net.layers[net.layers.length - 1]!;
  if (last.type !== "linear") return undefined;
  const v = toRat(h[0]!).sub(last.bias[0]!); // output without its bias
  const scaled = v.mul(pow2r(q));
  const b = rat(-(scaled.s * scaled.n) / scaled.d, 1).mul(pow2r(-q)); // -v rounded toward 0 at 2^-q
  return { ...net, layers: [...net.layers.slice(0, -1), { type: "linear", weight: last.weight, bias: [b] }] };
}

describe("regression: |u_c| just below 2^-500 (DOWN of an underflowing gap^2 made the remainder bound negative)", () => {
  // u = 3C x = (-9, 3, 6) 2^-504: |u| in [2^-501, 2^-500), so the first LayerNorm is in range (scale
  // -500), gap ~ 2^-500.8 and gap^2 < 2^-1000 = TINY. The old R2 = up(6 H^2) / down(gap^2) divided by
  // a negative number: R2 ~ -12, an "enclosure" [8.85, -11.63] with lo > hi, read as a positive sign.
  const x = [-3, 1, 2].map((k) => rat(k).mul(pow2r(-504)));
  const base = chain(3, [{ w: id3(), b: [rat(0), rat(0), rat(0)], eps: rat(0) }], [rat(1), rat(0), rat(0)], rat(0));
  const net = tuneOutput(base, x, 90, 200)!; // output ~ -2^-90: the reference needs more than 53 bits

  it("every rung's enclosure is well-formed and contains the oracle and the 2000-bit box", () => {
    const t = tally();
    checkEnclosures(net, x, t, { boxBits: 2000 });
    expect(t.enclosures).toBe(RUNGS.length);
    expect(t.signed).toBeGreaterThan(0);
  });

  it("the verdict with accelerators is the reference's (it was the opposite sign: 'wrong' for a correct label)", () => {
    const o = oracle(net, x, 200)!;
    expect(o.s).toBe(-1n);
    for (const label of [0, 1] as const) {
      const f = decideSample(new PreparedNets(net, ACCELERATORS), x, label);
      const r = decideSample(new PreparedNets(net, REFERENCE_ONLY), x, label);
      expect(f.verdict).toBe(label === 0 ? "correct" : "wrong");
      expect(r.verdict).toBe(f.verdict);
    }
  });

  it("single steps with |u_c| from 2^-498 to 2^-512 (exact membership of corners)", () => {
    // The set { (U_0, U_1, -U_0 - U_1) 2^-pz + alpha g + delta }; every corner's exact LayerNorm
    // (900-bit box of a point) must lie in the step's output set.
    let claims = 0;
    for (let k = -512; k <= -498; k += 2) {
      for (const [aRel, rRel] of [[0, 0], [-40, -60], [-8, -9], [-60, -20]] as const) {
        const U = [3n << 62n, -(5n << 61n)];
        const pz = 64 - k; // |u_c| ~ 2^k
        const g = [0.75, -0.5, 0.125];
        const a = aRel === 0 ? 0 : 2 ** (k + aRel);
        const r = rRel === 0 ? 0 : 2 ** (k + rRel);
        const u = [U[0]!, U[1]!, -U[0]! - U[1]!];
        const out = layerNormStepFixed(u, pz, rat(0), g, a, r, 128);
        if (!out) continue;
        claims++;
        expect(out.r).toBeGreaterThanOrEqual(0);
        expect(out.a).toBeGreaterThanOrEqual(0);
        const fq = (v: number): Rational => dyadicQ(F.doubleToDyadic(v));
        for (const al of [-1, 1]) {
          for (const d of [[-1, -1, -1], [1, 1, 1], [1, -1, 1], [-1, 1, -1], [1, 1, -1], [-1, -1, 1]]) {
            const z = u.map((m, i) => dyadicQ({ m, e: -pz }).add(fq(g[i]!).mul(fq(a)).mul(rat(al))).add(fq(r).mul(rat(d[i]!))).div(rat(3)));
            const y = layerNormGroup(dyadicArith(900), z.map((v) => I.fromRational(v, 900)), I.fromRational(rat(0), 900));
            expect(inFirstOrderSet(y, { c: out.y.map((m) => ({ m, e: -out.py })), t: out.t, a: magOf(out.a), r: magOf(out.r) })).toBe(true);
          }
        }
      }
    }
    expect(claims).toBeGreaterThan(20);
  });
});

const EPS = [rat(0), rat(1, 100000), rat(1, 3), pow2r(-60), pow2r(-1100), rat(1n, 10n ** 400n), pow2r(400), rat(7n ** 200n, 3n)];

describe("scales at the edges: centred inputs and layers at 2^+-(480..510), eps exact / inexact / beyond resolution / huge", () => {
  it("random nets with one scaled layer or input: well-formed, oracle and 2000-bit box inside", () => {
    const t = tally();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(smallR, { minLength: 60, maxLength: 60 }),
        fc.oneof(fc.integer({ min: -510, max: -478 }), fc.integer({ min: 478, max: 510 }), fc.constant(0)),
        fc.oneof(fc.integer({ min: -510, max: -490 }), fc.integer({ min: 490, max: 510 }), fc.constant(0)),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom(...EPS),
        fc.array(smallR, { minLength: 3, maxLength: 3 }),
        (depth, ws, layerScale, inputScale, scaled, eps, x0) => {
          // layer 0 is the identity (the input's scale reaches the first LayerNorm); layer `at` (1 ..
          // depth; depth is the output row) is scaled by 2^layerScale; the output is tuned to ~2^-100
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const at = 1 + (scaled % depth);
          const s = (l: number): Rational => (l === at ? pow2r(layerScale) : rat(1));
          const ls = Array.from({ length: depth }, (_, l) => ({ w: Array.from({ length: 3 }, () => [next(), next(), next()].map((w) => w.mul(s(l)))), b: [next(), next(), next()].map((w) => w.mul(s(l))), eps }));
          ls[0] = { w: id3(), b: [rat(0), rat(0), rat(0)], eps };
          const x = x0.map((v) => v.mul(pow2r(inputScale)));
          const net = tuneOutput(chain(3, ls, [next(), next(), next()].map((w) => w.mul(s(depth))), rat(0)), x, 100 - (at === depth ? layerScale : 0), 500);
          if (net) checkEnclosures(net, x, t, { boxBits: 2000, digits: 500, rungs: [64, 128, 400] });
        },
      ),
      { seed: 2101, numRuns: runs(90) },
    );
    console.log(`scale edges: ${t.cases} nets, ${t.enclosures} enclosures, ${t.signed} signs`);
    expect(t.enclosures).toBeGreaterThan(runs(90));
  });
});

describe("nearly singular LayerNorms: a later layer's bias cancels W y for the sample, leaving |u_c| ~ 2^-c", () => {
  it("c from 20 to 400 (|u_c| a few H at some rung; down to 2^-900 with the layer at 2^-500): contained, signs right", () => {
    const t = tally();
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(smallR, { minLength: 50, maxLength: 50 }),
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(fc.integer({ min: 20, max: 140 }), fc.integer({ min: 140, max: 400 })),
        fc.constantFrom(0, -470, -490, -500),
        fc.constantFrom(rat(0), rat(1, 3), pow2r(-1100)),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(smallR, { minLength: 3, maxLength: 3 }),
        (depth, ws, at, c, sc, eps, v, x) => {
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const ls = Array.from({ length: depth }, () => ({ w: Array.from({ length: 3 }, () => [next(), next(), next()]), b: [next(), next(), next()], eps }));
          const j = Math.min(at, depth - 1); // the linear layer before LayerNorm j (j >= 1: after an irrational one)
          const s = pow2r(sc);
          ls[j] = { ...ls[j]!, w: ls[j]!.w.map((row) => row.map((w) => w.mul(s))) };
          const probe = chain(3, ls, [rat(1), rat(0), rat(0)], rat(0));
          const y = decimalLayers(probe, x, 600, 2 * j); // the LayerNorm output that feeds layer j
          if (!y) return;
          const yr = y.map((d) => toRat(d));
          ls[j] = { ...ls[j]!, b: ls[j]!.w.map((row, i) => row.reduce((acc, w, m) => acc.sub(w.mul(yr[m]!)), rat(0)).add(rat(v[i]!).mul(s).mul(pow2r(-c)))) };
          const net = tuneOutput(chain(3, ls, [next(), next(), next()], rat(0)), x, 60 + c, 600);
          if (net) checkEnclosures(net, x, t, { digits: 600, rungs: [64, 128, 256, 400] });
        },
      ),
      { seed: 2102, numRuns: runs(45) },
    );
    console.log(`nearly singular: ${t.cases} nets, ${t.enclosures} enclosures, ${t.signed} signs`);
    expect(t.enclosures).toBeGreaterThan(runs(45));
  });
});

describe("degenerate layers: zero rows, duplicate rows, rank 1, zero bias, -0 entries", () => {
  const shapes = ["zero-row", "duplicate", "rank1", "rank1-zero-bias", "sum-zero", "plain"] as const;
  it("a LayerNorm after each shape, eps 0 / 1e-5 / 2^-1100: contained, 2000-bit box inside, verdicts agree with the reference", () => {
    const t = tally();
    let agreed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        fc.array(smallR, { minLength: 30, maxLength: 30 }),
        fc.constantFrom(rat(0), rat(1, 100000), pow2r(-1100)),
        fc.array(smallR, { minLength: 3, maxLength: 3 }),
        fc.constantFrom<Label>(0, 1),
        (shape, ws, eps, x, label) => {
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const row = () => [next(), next(), next()];
          const r0 = row();
          const v = row();
          const negZero = rat(0n, -1n);
          const w =
            shape === "zero-row" ? [row(), [negZero, negZero, negZero], row()]
            : shape === "duplicate" ? [r0, r0, row()]
            : shape.startsWith("rank1") ? v.map((vi) => r0.map((r) => r.mul(vi)))
            : shape === "sum-zero" ? [r0, r0.map((r) => r.neg()), [rat(0), rat(0), rat(0)]]
            : [row(), row(), row()];
          const b = shape === "rank1-zero-bias" ? [negZero, rat(0), negZero] : row();
          const base = chain(3, [{ w: id3(), b: row(), eps }, { w, b, eps }, { w: [row(), row(), row()], b: row(), eps }], row(), rat(0));
          const net = tuneOutput(base, x, 70, 300);
          if (!net) return;
          checkEnclosures(net, x, t, { boxBits: 2000, digits: 300 });
          if (agreesWithReference(net, x, label, 1024).byFixed) agreed++;
        },
      ),
      { seed: 2103, numRuns: runs(60) },
    );
    console.log(`degenerate: ${t.cases} nets, ${t.enclosures} enclosures, ${t.signed} signs, ${agreed} verdicts by first-order-fixed`);
    expect(t.enclosures).toBeGreaterThan(runs(45));
  });
});

describe("exact inputs with huge numerators and denominators (first LayerNorm scaled by exact bit lengths)", () => {
  it("x = n / d with n, d up to 2^1200 (not powers of 2), centred size 2^-505 .. 2^505: contained", () => {
    const t = tally();
    const big = fc.bigInt({ min: 1n, max: 1n << 1200n });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -(1n << 1200n), max: 1n << 1200n }), big), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: -505, max: 505 }),
        fc.array(smallR, { minLength: 16, maxLength: 16 }),
        fc.constantFrom(rat(0), rat(1, 3), pow2r(-1000)),
        (nd, e, ws, eps) => {
          // rescale so the largest |x_i| is ~2^e
          const x0 = nd.map(([n, d]) => rat(n, d));
          const top = Math.max(...x0.map((r) => (r.n === 0n ? -Infinity : r.n.toString(2).length - r.d.toString(2).length)));
          if (!Number.isFinite(top)) return;
          const x = x0.map((r) => r.mul(pow2r(e - top)));
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const net = chain(3, [{ w: id3(), b: [rat(0), rat(0), rat(0)], eps }, { w: [[next(), next(), next()], [next(), next(), next()], [next(), next(), next()]], b: [next(), next(), next()], eps }], [next(), next(), next()], next());
          checkEnclosures(net, x, t, { boxBits: 2000, rungs: [64, 256, 400] });
        },
      ),
      { seed: 2104, numRuns: runs(25) },
    );
    console.log(`huge exact inputs: ${t.cases} nets, ${t.enclosures} enclosures`);
    expect(t.enclosures).toBeGreaterThan(runs(25));
  });
});

describe("deep nets, outputs tuned to ~2^-q (depth 10-60, q up to 420)", () => {
  it("the 900-digit oracle inside every enclosure, every decided sign its sign; verdicts agree with the reference at 1024 bits", () => {
    const t = tally();
    let byFixed = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }),
        fc.array(smallR, { minLength: 97, maxLength: 97 }),
        fc.constantFrom(rat(0), rat(1, 100000), rat(1, 3), pow2r(-1100)),
        fc.array(smallR, { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 20, max: 420 }),
        fc.constantFrom<Label>(0, 1),
        (depth, ws, eps, x, q, label) => {
          let k = 0;
          const next = () => ws[k++ % ws.length]!;
          const ls = Array.from({ length: depth }, () => ({ w: Array.from({ length: 3 }, () => [next(), next(), next()]), b: [next(), next(), next()], eps }));
          const net = tuneOutput(chain(3, ls, [next(), next(), next()], rat(0)), x, q, 900);
          if (!net) return;
          checkEnclosures(net, x, t, { digits: 900, rungs: [64, 128, 256, 400] });
          if (agreesWithReference(net, x, label, 1024).byFixed) byFixed++;
        },
      ),
      { seed: 2105, numRuns: runs(6) },
    );
    console.log(`deep tuned: ${t.cases} nets, ${t.enclosures} enclosures, ${t.signed} signs, ${byFixed} verdicts by first-order-fixed`);
    expect(t.signed).toBeGreaterThan(runs(6));
  });
});

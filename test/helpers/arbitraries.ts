/** fast-check arbitraries shared by the kernel tests. */
import fc from "fast-check";
import { rat, type Rational } from "../../src/trusted/numbers/rational.js";
import type { Interval } from "../../src/trusted/numbers/interval.js";
import type { Layer, Net } from "../../src/trusted/net/model.js";

/** Rationals with numerators and denominators of varied sizes (tiny, huge, exact dyadic). */
export const rationalArb: fc.Arbitrary<Rational> = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(1n << 200n), max: 1n << 200n })),
    fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 1n << 120n }), fc.constantFrom(1n, 2n, 1024n, 3n)),
  )
  .map(([n, d]) => rat(n, d));

export const smallRationalArb: fc.Arbitrary<Rational> = fc
  .tuple(fc.bigInt({ min: -60n, max: 60n }), fc.bigInt({ min: 1n, max: 12n }))
  .map(([n, d]) => rat(n, d));

export const precArb = fc.integer({ min: 8, max: 300 });

/** An interval [lo, hi] with an exact point inside: built from three sorted rationals at a precision. */
export interface Ball {
  readonly point: Rational;
  readonly lo: Rational;
  readonly hi: Rational;
}
export const ballArb: fc.Arbitrary<Ball> = fc.tuple(rationalArb, rationalArb, rationalArb).map((t) => {
  const s = [...t].sort((a, b) => a.compare(b));
  return { lo: s[0]!, point: s[1]!, hi: s[2]! };
});

/** A random LN-Net: widths, groups dividing widths, eps 0 or small, small rational weights. */
export function netArb(opts: { inputDim?: number; maxDepth?: number; widths?: number[]; groupSize?: number[] } = {}): fc.Arbitrary<Net> {
  const widths = opts.widths ?? [2, 3, 4, 6];
  return fc
    .record({
      inputDim: opts.inputDim !== undefined ? fc.constant(opts.inputDim) : fc.integer({ min: 1, max: 4 }),
      depth: fc.integer({ min: 1, max: opts.maxDepth ?? 4 }),
      width: fc.constantFrom(...widths),
      eps: fc.constantFrom(rat(0), rat(1, 100000), rat(1, 3)),
      seedWeights: fc.array(smallRationalArb, { minLength: 400, maxLength: 400 }),
      groupChoice: fc.nat(),
    })
    .map(({ inputDim, depth, width, eps, seedWeights, groupChoice }) => {
      let k = 0;
      const next = () => seedWeights[k++ % seedWeights.length]!;
      const divisors = Array.from({ length: width }, (_, i) => i + 1).filter((g) => width % g === 0 && (opts.groupSize ? opts.groupSize.includes(width / g) : width / g >= 2));
      const groups = divisors.length ? divisors[groupChoice % divisors.length]! : 1;
      const layers: Layer[] = [];
      let inW = inputDim;
      for (let l = 0; l < depth; l++) {
        layers.push({ type: "linear", weight: Array.from({ length: width }, () => Array.from({ length: inW }, next)), bias: Array.from({ length: width }, next) });
        layers.push({ type: "layernorm", groups, eps });
        inW = width;
      }
      layers.push({ type: "linear", weight: [Array.from({ length: inW }, next)], bias: [next()] });
      return { inputDim, layers };
    });
}

export const intervalOf = (lo: Rational, hi: Rational, toI: (r: Rational) => Interval): Interval => ({ lo: toI(lo).lo, hi: toI(hi).hi });

/**
 * Interval law suite (written once, applied to every operation; GUARANTEES.md, "How this is tested"):
 *  - containment: a random exact point inside each argument maps inside the result, at a random precision;
 *  - monotone narrowing: the result at a higher precision lies inside the result at a lower one;
 *  - domain: a divisor or sqrt argument that may be 0 / negative fails explicitly, never NaN.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as I from "../src/trusted/numbers/interval.js";
import * as C from "../src/workshop/dyadic.js";
import { dyadicToDecimal, dyadicToDecimalDown } from "../src/workshop/decimal.js";
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import { ballArb, precArb, type Ball } from "./helpers/arbitraries.js";

const toRat = (d: I.Dyadic): Rational => C.dyadicToRational(d, rat);
const enclose = (b: Ball, prec: number): I.Interval => ({ lo: I.fromRational(b.lo, prec).lo, hi: I.fromRational(b.hi, prec).hi });
const within = (inner: I.Interval, outer: I.Interval): boolean => I.dCmp(outer.lo, inner.lo) <= 0 && I.dCmp(inner.hi, outer.hi) <= 0;

interface Law {
  name: string;
  arity: 1 | 2;
  /** Restrict arguments to the operation's domain (returns undefined to skip). */
  domain?: (a: Ball, b: Ball) => [Ball, Ball] | undefined;
  op: (x: I.Interval, y: I.Interval, prec: number) => I.Interval;
  /** Exact check that the true result for points p, q lies in r. */
  contains: (r: I.Interval, p: Rational, q: Rational) => boolean;
}

const positive = (b: Ball): Ball => {
  const s = [b.lo.abs(), b.point.abs(), b.hi.abs()].sort((x, y) => x.compare(y));
  return { lo: s[0]!.add(rat(1, 1000)), point: s[1]!.add(rat(1, 1000)), hi: s[2]!.add(rat(1, 1000)) };
};

const LAWS: Law[] = [
  { name: "add", arity: 2, op: I.add, contains: (r, p, q) => C.containsRational(r, p.add(q)) },
  { name: "sub", arity: 2, op: I.sub, contains: (r, p, q) => C.containsRational(r, p.sub(q)) },
  { name: "mul", arity: 2, op: I.mul, contains: (r, p, q) => C.containsRational(r, p.mul(q)) },
  { name: "square", arity: 1, op: (x, _y, prec) => I.square(x, prec), contains: (r, p) => C.containsRational(r, p.mul(p)) },
  {
    name: "div",
    arity: 2,
    domain: (a, b) => [a, b.lo.s < 0n ? { lo: positive(b).hi.neg(), point: positive(b).point.neg(), hi: positive(b).lo.neg() } : positive(b)],
    op: I.div,
    contains: (r, p, q) => C.containsRational(r, p.div(q)),
  },
  {
    name: "recip", // 1 / x as a division (the float64 suite below reuses this law for its recip)
    arity: 1,
    domain: (a, b) => [positive(a), b],
    op: (x, _y, prec) => I.div(I.point({ m: 1n, e: 0 }), x, prec),
    contains: (r, p) => C.containsRational(r, rat(1).div(p)),
  },
  {
    name: "sqrt",
    arity: 1,
    domain: (a, b) => [positive(a), b],
    op: (x, _y, prec) => I.sqrt(x, prec),
    // sqrt(p) is irrational in general: check lo^2 <= p <= hi^2 exactly, with lo >= 0.
    contains: (r, p) => r.lo.m >= 0n && toRat(r.lo).mul(toRat(r.lo)).compare(p) <= 0 && toRat(r.hi).mul(toRat(r.hi)).compare(p) >= 0,
  },
];

describe.each(LAWS)("interval $name", (law) => {
  const args = fc.tuple(ballArb, ballArb).map(([a, b]) => (law.domain ? law.domain(a, b) : [a, b]) as [Ball, Ball]);

  it("contains the exact result at a random precision", () => {
    fc.assert(
      fc.property(args, precArb, ([a, b], prec) => {
        const r = law.op(enclose(a, prec), enclose(b, prec), prec);
        expect(I.dCmp(r.lo, r.hi)).toBeLessThanOrEqual(0);
        expect(law.contains(r, a.point, b.point)).toBe(true);
        expect(law.contains(r, a.lo, b.lo) && law.contains(r, a.hi, b.hi)).toBe(true);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  it("narrows monotonically as precision grows", () => {
    fc.assert(
      fc.property(args, precArb, fc.integer({ min: 1, max: 200 }), ([a, b], p1, extra) => {
        const p2 = p1 + extra;
        const coarse = law.op(enclose(a, p1), enclose(b, p1), p1);
        const fine = law.op(enclose(a, p2), enclose(b, p2), p2);
        expect(within(fine, coarse)).toBe(true);
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});

describe("interval domain failures are explicit", () => {
  const z = (lo: number, hi: number): I.Interval => ({ lo: { m: BigInt(lo), e: 0 }, hi: { m: BigInt(hi), e: 0 } });
  it("division by an interval containing 0 throws IntervalDomainError", () => {
    expect(() => I.div(z(1, 2), z(-1, 1), 64)).toThrow(I.IntervalDomainError);
    expect(() => I.div(z(1, 2), z(0, 1), 64)).toThrow(I.IntervalDomainError);
  });
  it("sqrt of an interval reaching below 0 throws", () => {
    expect(() => I.sqrt(z(-1, 4), 64)).toThrow(I.IntervalDomainError);
  });
  it("square of a straddling interval starts at 0", () => {
    const r = I.square(z(-1, 2), 64);
    expect([r.lo.m, I.dCmp(r.hi, { m: 4n, e: 0 })]).toEqual([0n, 0]);
  });
  it("predicates are one-sided", () => {
    expect(I.signOf(z(1, 2))).toBe(1);
    expect(I.signOf(z(-2, -1))).toBe(-1);
    expect(I.signOf(z(0, 1))).toBe("undecided");
    expect(I.isPositive(z(0, 1))).toBe(false);
    expect(I.isNegative(z(0, 1))).toBe(false);
  });
});

describe("fromRational", () => {
  it("encloses the rational and is exact for dyadics", () => {
    fc.assert(
      fc.property(ballArb, precArb, (b, prec) => {
        expect(C.containsRational(I.fromRational(b.point, prec), b.point)).toBe(true);
      }),
      { seed: 13 },
    );
    const x = I.fromRational(rat(-3, 8), 8);
    expect(I.dCmp(x.lo, x.hi)).toBe(0);
  });
  it("rounds to about prec bits", () => {
    const x = I.fromRational(rat(1, 3), 100);
    const w = toRat(I.width(x));
    expect(w.compare(rat(1n, 1n << 98n))).toBeLessThanOrEqual(0);
    expect(w.compare(0)).toBe(1);
  });
});

describe("dyadicToDecimalDown", () => {
  it("never exceeds the value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 200n }), fc.integer({ min: -300, max: 300 }), (m, e) => {
        const text = dyadicToDecimalDown({ m, e });
        const [mant, exp] = text.split("e") as [string, string];
        const [ip, fp = ""] = mant.split(".");
        const scale = Number(exp) - fp.length;
        const n = BigInt(ip + fp);
        const v = scale >= 0 ? rat(n * 10n ** BigInt(scale)) : rat(n, 10n ** BigInt(-scale));
        expect(v.compare(toRat({ m, e }))).toBeLessThanOrEqual(0);
      }),
      { seed: 14 },
    );
  });
});

describe("dyadicToDecimal (outward display)", () => {
  const parse = (text: string): Rational => {
    const [mant, exp] = text.split("e") as [string, string];
    const neg = mant.startsWith("-");
    const [ip, fp = ""] = (neg ? mant.slice(1) : mant).split(".");
    const scale = Number(exp ?? "0") - fp.length;
    const n = BigInt(ip + fp) * (neg ? -1n : 1n);
    return scale >= 0 ? rat(n * 10n ** BigInt(scale)) : rat(n, 10n ** BigInt(-scale));
  };
  it("floor <= a <= ceil, both within one unit of the last digit", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 20 }), (m, e, digits) => {
        const a = toRat({ m, e });
        const lo = parse(dyadicToDecimal({ m, e }, "floor", digits));
        const hi = parse(dyadicToDecimal({ m, e }, "ceil", digits));
        expect(lo.compare(a)).toBeLessThanOrEqual(0);
        expect(hi.compare(a)).toBeGreaterThanOrEqual(0);
        if (m !== 0n) expect(hi.sub(lo).abs().compare(a.abs().mul(rat(100n, 10n ** BigInt(digits))))).toBeLessThanOrEqual(0);
      }),
      { seed: 15 },
    );
  });
  it("an interval printed outward contains its value at 200 bits (1/3: double rounding would miss it)", () => {
    const x = I.fromRational(rat(1, 3), 200);
    const lo = parse(dyadicToDecimal(x.lo, "floor", 17));
    const hi = parse(dyadicToDecimal(x.hi, "ceil", 17));
    expect(lo.compare(rat(1, 3))).toBe(-1);
    expect(hi.compare(rat(1, 3))).toBe(1);
    const nearest = rat(6004799503160661n, 1n << 54n); // the double nearest to 1/3 is below it: a hi printed as a double misses 1/3
    expect(C.dyadicToNumber(x.hi)).toBe(Number(nearest.n) / 2 ** 54);
    expect(nearest.compare(rat(1, 3))).toBe(-1);
  });
});

describe("the law suite has teeth", () => {
  it("catches an addition that rounds its upper end down", () => {
    const sloppy = (x: I.Interval, y: I.Interval, prec: number): I.Interval => ({
      lo: I.roundDown(I.dAdd(x.lo, y.lo), prec),
      hi: I.roundDown(I.dAdd(x.hi, y.hi), prec),
    });
    const result = fc.check(
      fc.property(ballArb, ballArb, precArb, (a, b, prec) => C.containsRational(sloppy(enclose(a, prec), enclose(b, prec), prec), a.hi.add(b.hi))),
      { seed: 15, numRuns: 300 },
    );
    expect(result.failed).toBe(true);
  });
});

// The same laws for the float64 fast path: containment of the exact result (exact comparison of the
// double endpoints, decoded to dyadics, against rationals).
import * as F from "../src/trusted/fast/float-interval.js";

describe("float64 intervals", () => {
  const fEnclose = (b: Ball): F.FInterval | undefined => {
    try {
      return { lo: F.fromRational(b.lo).lo, hi: F.fromRational(b.hi).hi };
    } catch (e) {
      if (e instanceof F.FloatRangeError) return undefined;
      throw e;
    }
  };
  const asI = (x: F.FInterval): I.Interval => F.toDyadicInterval(x);
  const FLAWS: { name: string; arity: 1 | 2; op: (x: F.FInterval, y: F.FInterval) => F.FInterval; law: string }[] = [
    { name: "add", arity: 2, op: F.add, law: "add" },
    { name: "sub", arity: 2, op: F.sub, law: "sub" },
    { name: "mul", arity: 2, op: F.mul, law: "mul" },
    { name: "square", arity: 1, op: (x) => F.square(x), law: "square" },
    { name: "div", arity: 2, op: F.div, law: "div" },
    { name: "recip", arity: 1, op: (x) => F.recip(x), law: "recip" },
    { name: "sqrt", arity: 1, op: (x) => F.sqrt(x), law: "sqrt" },
  ];
  // Moderate magnitudes so that most cases stay in the fast path's range.
  const modest = fc.tuple(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.bigInt({ min: 1n, max: 1n << 60n })).map(([n, d]) => rat(n, d));
  const modestBall = fc.tuple(modest, modest, modest).map((t) => {
    const s = [...t].sort((a, b) => a.compare(b));
    return { lo: s[0]!, point: s[1]!, hi: s[2]! };
  });

  it.each(FLAWS)("$name contains the exact result", (fl) => {
    const law = LAWS.find((l) => l.name === fl.law) as Law;
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(fc.tuple(modestBall, modestBall), fc.tuple(ballArb, ballArb)), ([a0, b0]) => {
        const [a, b] = (law.domain ? law.domain(a0, b0) : [a0, b0]) as [Ball, Ball];
        const x = fEnclose(a);
        const y = fEnclose(b);
        if (!x || !y) return;
        let r: F.FInterval;
        try {
          r = fl.op(x, y);
        } catch (e) {
          if (e instanceof F.FloatRangeError) return;
          throw e;
        }
        checked++;
        expect(r.lo <= r.hi && Number.isFinite(r.lo) && Number.isFinite(r.hi)).toBe(true);
        expect(law.contains(asI(r), a.point, b.point)).toBe(true);
      }),
      { seed: 16, numRuns: 400 },
    );
    expect(checked).toBeGreaterThan(150);
  });

  it("up/down step exactly one double", () => {
    for (const x of [1, -1, 0.1, -0.1, 2 ** -1074, -(2 ** -1074), 1e300, 3, 2 ** 52, -(2 ** 53)]) {
      const u = F.up(x);
      const d = F.down(x);
      expect(u > x && d < x).toBe(true);
      expect((x + u) / 2 === x || (x + u) / 2 === u).toBe(true); // nothing strictly between
      expect((x + d) / 2 === x || (x + d) / 2 === d).toBe(true);
    }
    expect(F.up(0)).toBe(Number.MIN_VALUE);
    expect(() => F.up(Number.MAX_VALUE)).toThrow(F.FloatRangeError);
  });

  it("pow2 is exact on the normal exponents and refuses the rest (the bits would wrap)", () => {
    for (let e = -1022; e <= 1023; e++) expect(F.pow2(e)).toBe(e >= 0 ? Number(1n << BigInt(e)) : 1 / Number(1n << BigInt(-e)));
    for (const e of [-1023, 1024, 2000, -5000, 0.5, NaN]) expect(() => F.pow2(e)).toThrow(F.FloatRangeError);
  });

  it("doubleToDyadic decodes exactly", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const d = F.doubleToDyadic(x);
        // m has at most 53 bits, so Number(m) is exact; two power-of-two scalings are exact too.
        expect((d.m < 0n ? -d.m : d.m) < 1n << 53n).toBe(true);
        const e1 = Math.trunc(d.e / 2);
        expect(Number(d.m) * 2 ** e1 * 2 ** (d.e - e1)).toBe(x === 0 ? 0 : x);
      }),
      { seed: 17 },
    );
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputError } from "../src/trusted/errors.js";
import { bitLength, exactSqrt, isqrt, parseRational, rat, toRationalString } from "../src/trusted/numbers/rational.js";

describe("parseRational", () => {
  it.each([
    ["0.125", "1/8"],
    ["1e-5", "1/100000"],
    ["-3/6", "-1/2"],
    ["12", "12"],
    ["+7", "7"],
    ["2.5E3", "2500"],
    [".5", "1/2"],
    ["5.", "5"],
    ["  -0  ", "0"],
    ["4/-6", "-2/3"],
    ["1.25e-2", "1/80"],
  ])("reads %s exactly as %s", (text, expected) => {
    expect(toRationalString(parseRational(text))).toBe(expected);
  });

  it.each(["NaN", "Infinity", "-Infinity", "", "   ", "1/0", "abc", "1..2", "0x10", "1e", ".", "1/2/3", "e5", "1e999999"])("rejects %j", (text) => {
    expect(() => parseRational(text, { file: "f.csv", line: 3, column: 2 })).toThrow(InputError);
    try {
      parseRational(text, { file: "f.csv", line: 3, column: 2 });
    } catch (e) {
      expect((e as InputError).code).toBe("bad-number");
      expect((e as Error).message).toContain("f.csv, line 3, column 2");
    }
  });

  it("round-trips every rational through its canonical string", () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt({ min: 1n }), (n, d) => {
        const r = rat(n, d);
        expect(parseRational(toRationalString(r)).equals(r)).toBe(true);
      }),
      { seed: 1 },
    );
  });
});

describe("integer helpers", () => {
  it("isqrt is the exact floor square root", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 300n }), (n) => {
        const r = isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
      { seed: 2 },
    );
  });
  it("bitLength matches the binary string length", () => {
    fc.assert(
      fc.property(fc.bigInt(), (n) => {
        expect(bitLength(n)).toBe(n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length);
      }),
      { seed: 3 },
    );
  });
  it("exactSqrt finds rational roots and only those", () => {
    expect(toRationalString(exactSqrt(rat(49, 4)) ?? rat(-1))).toBe("7/2");
    expect(exactSqrt(rat(2))).toBeUndefined();
    expect(exactSqrt(rat(-4))).toBeUndefined();
  });
});

/** The trusted merge of worker slices: each item exactly once, anything else an internal error. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MergeError, mergeExactlyOnce } from "../src/trusted/verify/merge.js";
import { InputError } from "../src/trusted/errors.js";

const slice = (from: number, to: number): [number, string][] => Array.from({ length: to - from }, (_, k) => [from + k, `r${from + k}`]);

describe("mergeExactlyOnce", () => {
  it("puts results in item order, whatever order the slices and pairs come in", () => {
    expect(mergeExactlyOnce(5, [slice(3, 5).reverse(), slice(0, 3)])).toEqual(["r0", "r1", "r2", "r3", "r4"]);
    expect(mergeExactlyOnce(0, [])).toEqual([]);
  });

  it("a dropped result is an internal error", () => {
    expect(() => mergeExactlyOnce(5, [slice(0, 3), slice(4, 5)])).toThrow(/item 3 never came back \(1 of 5 missing\)/);
  });

  it("a duplicated result is an internal error", () => {
    expect(() => mergeExactlyOnce(4, [slice(0, 3), slice(2, 4)])).toThrow(/item 2 came back twice/);
  });

  it("an extra result (outside 0..n-1, or not an integer) is an internal error", () => {
    expect(() => mergeExactlyOnce(3, [slice(0, 4)])).toThrow(/item 3, outside 0..2/);
    expect(() => mergeExactlyOnce(3, [[[-1, "x"]], slice(0, 3)])).toThrow(MergeError);
    expect(() => mergeExactlyOnce(3, [[[0.5, "x"]], slice(0, 3)])).toThrow(MergeError);
  });

  it("is never an InputError (the CLI maps it to exit 3, not to a verdict or bad input)", () => {
    try {
      mergeExactlyOnce(2, [slice(0, 1)]);
    } catch (e) {
      expect(e).toBeInstanceOf(MergeError);
      expect(e).not.toBeInstanceOf(InputError);
    }
  });

  it("accepts exactly the permutations of 0..n-1", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(12), { maxLength: 14 }), fc.nat(12), (indices, n) => {
        const ok = indices.length === n && new Set(indices).size === n && indices.every((i) => i < n);
        let merged: number[] | undefined;
        try {
          merged = mergeExactlyOnce(n, [indices.map((i) => [i, i] as const)]);
        } catch (e) {
          expect(e).toBeInstanceOf(MergeError);
        }
        expect(merged !== undefined).toBe(ok);
        if (merged) expect(merged).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
    );
  });
});

/**
 * The float64 accelerator: the box evaluator of verify/evaluate-interval.ts run over float64
 * intervals with one-ulp outward rounding (float-interval.ts proves each operation). It answers only
 * at the 53-bit rung and declines (undefined) when a parameter or an intermediate value leaves
 * float64's safe range, or a LayerNorm denominator cannot be bounded away from 0.
 */
import * as F from "./float-interval.js";
import { IntervalDomainError } from "../numbers/interval.js";
import type { Net } from "../net/model.js";
import type { Accelerator } from "../verify/accelerator.js";
import { FLOAT_BITS } from "../verify/decide.js";
import { evaluateIntervalFrom, prepareNet, type IntervalArith, type PreparedNet } from "../verify/evaluate-interval.js";

/** float64 intervals with proven one-ulp outward rounding (throws FloatRangeError out of range). */
export const floatArith: IntervalArith<F.FInterval> = {
  bits: FLOAT_BITS,
  fromRational: F.fromRational,
  fromInt: (k) => F.point(k), // small integers are exact doubles
  add: F.add,
  sub: F.sub,
  mul: F.mul,
  square: F.square,
  div: F.div,
  sqrt: F.sqrt,
  sign: (x) => (F.isPositive(x) ? 1 : F.isNegative(x) ? -1 : "undecided"),
};

const domainOrRange = (e: unknown): boolean => e instanceof IntervalDomainError || e instanceof F.FloatRangeError;

function prepareFloat(net: Net): PreparedNet<F.FInterval> | undefined {
  try {
    return prepareNet(net, floatArith);
  } catch (e) {
    if (e instanceof F.FloatRangeError) return undefined; // a parameter beyond float64's safe range
    throw e;
  }
}

export const float64Box: Accelerator = {
  name: "float64-box",
  prepare(net, from) {
    const p = prepareFloat(net);
    if (!p) return undefined;
    return (h, bits) => {
      if (bits !== FLOAT_BITS) return undefined;
      try {
        return F.toDyadicInterval(evaluateIntervalFrom(p, from, h));
      } catch (e) {
        if (domainOrRange(e)) return undefined;
        throw e;
      }
    };
  },
};

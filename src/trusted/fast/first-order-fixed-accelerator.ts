/**
 * The fixed-point first-order accelerator (fixed-first-order.ts) at BigInt rungs of 64..400 bits:
 * width-3 nets only; declines at the float64 rung, above 400 bits and wherever its enclosure does not
 * apply (the first-order accelerator and the box evaluator then decide).
 */
import type { Accelerator } from "../verify/accelerator.js";
import { FLOAT_BITS } from "../verify/decide.js";
import { evaluateFixed, prepareFixed } from "./fixed-first-order.js";

export const firstOrderFixed: Accelerator = {
  name: "first-order-fixed",
  prepare(net, from) {
    const fx = prepareFixed(net, from);
    if (!fx) return undefined;
    return (h, bits) => (bits === FLOAT_BITS ? undefined : evaluateFixed(fx, h, bits));
  },
};

/**
 * The first-order accelerator (evaluate-first-order.ts) at the BigInt rungs: width-3 nets only;
 * declines at the float64 rung and wherever the first-order enclosure does not apply.
 */
import type { Accelerator } from "../verify/accelerator.js";
import { FLOAT_BITS } from "../verify/decide.js";
import { evaluateFirstOrder, prepareFirstOrder } from "./evaluate-first-order.js";

export const firstOrder: Accelerator = {
  name: "first-order",
  prepare(net, from) {
    const fo = prepareFirstOrder(net, from);
    if (!fo) return undefined;
    return (h, bits, prepared) => (bits === FLOAT_BITS ? undefined : evaluateFirstOrder(prepared, fo, h));
  },
};

/**
 * Accelerators: faster rigorous enclosures that the reference ladder (decide.ts) may consult before
 * its own box evaluation at a rung. They live in src/trusted/fast and are plugged in by the caller;
 * the reference path never imports them, so a run with none (`--reference`) contains no fast code.
 *
 * Contract (each accelerator proves it in its header): whatever it returns is an enclosure of the
 * exact output of the net on the exact input. It may decline (undefined) at any time; it may never
 * guess. Since every verdict is read off an enclosure by the same one-sided sign test, an
 * accelerator can change "undecided" into a proven sign, never one proven sign into the other.
 */
import type { Interval } from "../numbers/interval.js";
import type { Rational } from "../numbers/rational.js";
import type { Net } from "../net/model.js";
import type { PreparedNet } from "./evaluate-interval.js";

/** Names of the accelerators lnnet ships (a tagged union, so a report says which one decided). */
export type AcceleratorName = "float64-box" | "first-order" | "first-order-fixed";

/**
 * Output enclosure from layer `from` on, given that layer's exact input `h`, at a rung of `bits`
 * (the reference's dyadic parameter enclosures at that precision are passed in `prepared`).
 */
export type AcceleratedEvaluation = (h: readonly Rational[], bits: number, prepared: PreparedNet<Interval>) => Interval | undefined;

export interface Accelerator {
  readonly name: AcceleratorName;
  /** The evaluation for `net` from LayerNorm `from`; undefined when this accelerator does not apply. */
  prepare(net: Net, from: number): AcceleratedEvaluation | undefined;
}

/** No accelerators: the reference path alone. */
export const REFERENCE_ONLY: readonly Accelerator[] = [];

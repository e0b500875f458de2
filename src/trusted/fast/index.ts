/**
 * The accelerators lnnet ships, in the order the ladder asks them. Each must return only enclosures
 * (accelerator.ts); test/accelerators.test.ts shows on a corpus of nets that no verdict they reach
 * contradicts the reference path.
 */
import type { Accelerator } from "../verify/accelerator.js";
import { firstOrder } from "./first-order-accelerator.js";
import { firstOrderFixed } from "./first-order-fixed-accelerator.js";
import { float64Box } from "./float64-box.js";

export const ACCELERATORS: readonly Accelerator[] = [float64Box, firstOrderFixed, firstOrder];

/** The accelerators for a run: none with `--reference`. */
export const acceleratorsFor = (opts: { reference?: boolean }): readonly Accelerator[] => (opts.reference ? [] : ACCELERATORS);

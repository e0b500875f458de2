/**
 * The library's `nonlinearity` namespace: the computations of src/nonlinearity plus the C3-C5 claim
 * runs (evidence, verdict, rule, SVGs) that the notebooks call as nonlinearity.runC3 etc.
 */
export * from "../nonlinearity/index.js";
export { runC3, type C3Evidence } from "./c3.js";
export { runC4, type C4Evidence } from "./c4.js";
export { runC5, type C5Evidence, type C5Row } from "./c5.js";
export type { ClaimRun, ClaimRun as ClaimResult } from "./claim.js";

/** The search library API (lnnet search): exports listed by hand. */
export { parseSpec, specToJson, type ConjectureSpec, type DataSpec, type Property, type Generator } from "./spec.js";
export { builtinSpec, builtinSpecJson, BUILTIN_NAMES } from "./conjectures.js";
export { runSearch, type SearchResult, type Outcome, type InstanceJson, type RunOptions } from "./run.js";
export { checkRefutationJson, REFUTATION_FORMAT, type Refutation } from "../trusted/checkers/refutation.js";
export { refutationToJson, type RefutationJson } from "../workshop/write.js";
export { checkFarkas } from "../trusted/checkers/farkas.js";
export { checkFarkasJson } from "./farkas-json.js";
export { separate } from "./separability.js";
export { decideExactly, decisionProcedure } from "./exact-decision.js";
export { shrink, isLocallyMinimal, type Instance } from "./shrink.js";
export { formatInstance, parseInstance, withReplay, replayCommand } from "./replay.js";
export { certifyRmsNet, evaluateRmsInterval, rmsNetFromJson, RMS_FORMAT, type RmsNet } from "../trusted/checkers/rms.js";
export { evaluateRmsFloat } from "../workshop/evaluate-rms-float.js";
export { rmsNetToJson } from "../workshop/write.js";
export type { NetClass, Norm } from "./net-class.js";

/** Claim C1 producers: a certified width-3 LN-Net for any labeled dataset (docs/construction.md). */
export { constructNet, worstCaseBound, type Construction, type ConstructOptions, type ConstructStats } from "./construct.js";
export { constructAndVerify, constructAndVerifyAsync, minimalBits, type CertifiedConstruction, type VerifyConstructionOptions } from "./certify.js";
export { bestArcPlan, circularRuns, type ArcPlan } from "./word.js";
export { distinctPoints, type DistinctPoint } from "./points.js";
export { float64Check, type Float64Check } from "./float64-check.js";

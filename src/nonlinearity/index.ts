/** Public API of the nonlinearity computations (used by claims C3-C5), listed by hand. */
export { lssrDetails, type LssrValue, type TwoClasses } from "../trusted/checkers/lssr.js";
export { lssr, lssrOfDataset, ssr, splitClasses, compareLssr, lssrToString } from "./ssr.js";
export type { CertifiedLssr, EnclosedData } from "../trusted/checkers/lssr-certified.js";
export { certifiedToStrings, certifiedToDisplay } from "../workshop/write.js";
export { certifiedLssr } from "./lssr-hints.js";
export { lssrThroughNet, type NetLssrReport, type LayerLssr } from "./through-net.js";
export { collapseWitness, xorWitness, gaussianWitness, provenLower, type Witness } from "./witness.js";
export { lnGroupHessian, lngHessianFrobSq, expectedFrobSq, expectedGroupFrobSum } from "./hessian.js";
export { measureWidth, divisors, type WidthResult, type GroupRow } from "./lng-measures.js";
export { train, lossAndGrad, initParams, type NetShape, type TrainResult } from "./trainer.js";
export { affineSpotCheck } from "./affine-check.js";
export { afterBounds, type AfterBounds } from "./witness-bounds.js";
export { randomLabelsByGroups, type RandomLabelsConfig, type GroupAccuracyRow } from "./random-labels.js";
export { makeRng, type Rng } from "../workshop/rng.js";

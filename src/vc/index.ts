/** Public API of the VC-dimension module (claim C2), listed by hand. */
export { shatter, type ShatterOptions, type ShatterRun } from "./shatter.js";
export { checkShatter, mirrorNet, type ShatterCheckResult } from "../trusted/checkers/shatter.js";
export { mergeShatter } from "./merge.js";
export { vcTable, formatVcTable, renderVcPlot, PAPER_COLUMN, type VcRow } from "./table.js";
export { lineProducer, buildLineNet } from "./line-producer.js";
export { labelingString, labelsOf } from "./labelings.js";
export { planeProducer, buildPlaneNet } from "./plane-producer.js";
export { planeViews } from "./plane-views.js";
export { circlePoints, randomPoints, defaultPointSet } from "./point-sets.js";

/** Public API of the VC-dimension module (claim C2), listed by hand. */
export { shatter, type ShatterOptions, type ShatterRun } from "./shatter.js";
export { checkShatter, mirrorNet, type ShatterCheckResult } from "../trusted/checkers/shatter.js";
export { mergeShatter } from "./merge.js";
export { vcTable, formatVcTable, renderVcPlot, PAPER_COLUMN, type VcRow } from "./table.js";
export { lineProducer, buildLineNet } from "./line-producer.js";
export { labelingString, labelsOf } from "./labelings.js";

/**
 * How a net fares in ordinary float64 (untrusted, an estimate; not a proof either way): every
 * sample evaluated in PyTorch's order of operations (src/workshop/evaluate-float.ts: nn.Linear,
 * then nn.LayerNorm without affine), its output's sign compared with the label.
 */
import { toNumber } from "../workshop/rational.js";
import type { Dataset } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";
import { evaluateFloat, toFloatNet } from "../workshop/evaluate-float.js";

export interface Float64Check {
  /** Samples whose float64 output has the wrong sign, is 0 or is NaN. */
  readonly mislabels: number;
  /** min over samples of y (label 1) or -y (label 0) in float64: positive iff every sample is right. */
  readonly minSignedOutput: number;
  /** Index of the sample attaining it. */
  readonly worstSample: number;
}

export function float64Check(net: Net, data: Dataset): Float64Check {
  const f = toFloatNet(net);
  let mislabels = 0;
  let minSignedOutput = Infinity;
  let worstSample = -1;
  data.samples.forEach((s, i) => {
    const y = evaluateFloat(f, s.x.map(toNumber));
    const signed = s.label === 1 ? y : -y;
    if (!(signed > 0)) mislabels++;
    // NaN counts as the worst (a zero-variance LayerNorm in float64).
    if (worstSample < 0 || !(signed >= minSignedOutput)) {
      minSignedOutput = Number.isNaN(signed) ? -Infinity : signed;
      worstSample = i;
    }
  });
  return { mislabels, minSignedOutput, worstSample };
}

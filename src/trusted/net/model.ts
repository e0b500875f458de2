/**
 * The LN-Net model (docs/construction.md, section 1) with exact rational parameters.
 *
 * A net is Linear, LN, Linear, LN, ..., Linear: it starts and ends with a linear layer, linear and
 * LayerNorm alternate, and the last linear layer has exactly one output. LayerNorm splits its input
 * into `groups` consecutive groups of equal size and maps each to (h - mean) / sqrt(var + eps), var
 * biased. No affine parameters (they are absorbed into the next linear layer).
 */
import type { Rational } from "../numbers/rational.js";

export interface LinearLayer {
  readonly type: "linear";
  /** rows = outputs, columns = inputs */
  readonly weight: readonly (readonly Rational[])[];
  readonly bias: readonly Rational[];
}

export interface LayerNormLayer {
  readonly type: "layernorm";
  readonly groups: number;
  /** eps >= 0, added to the variance inside the square root. */
  readonly eps: Rational;
}

export type Layer = LinearLayer | LayerNormLayer;

export interface Net {
  readonly inputDim: number;
  readonly layers: readonly Layer[];
}

/** Number of LayerNorm layers (the paper's depth). */
export function depthOf(net: Net): number {
  return net.layers.filter((l) => l.type === "layernorm").length;
}

/** Largest hidden width (outputs of any non-final linear layer). */
export function widthOf(net: Net): number {
  const lins = net.layers.filter((l): l is LinearLayer => l.type === "linear");
  return Math.max(0, ...lins.slice(0, -1).map((l) => l.weight.length));
}

/** The same net with its output negated (complements every predicted label). */
export function negateOutput(net: Net): Net {
  const last = net.layers.at(-1);
  if (last?.type !== "linear") throw new RangeError("internal: a net ends with a linear layer");
  const negated: LinearLayer = {
    type: "linear",
    weight: last.weight.map((row) => row.map((w) => w.neg())),
    bias: last.bias.map((b) => b.neg()),
  };
  return { inputDim: net.inputDim, layers: [...net.layers.slice(0, -1), negated] };
}

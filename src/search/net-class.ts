/**
 * Classes of nets a conjecture talks about: width, depth, normalization, eps, input dimension.
 * `ln` is lnnet/v1 LayerNorm (groups = 1), `lng` LayerNorm with g groups, `rms` the RMS variant
 * (scale only, no centering; not part of lnnet/v1, see rms.ts).
 */
import { sign, type Rational } from "../trusted/numbers/rational.js";

export type Norm = { readonly kind: "ln"; readonly groups: number } | { readonly kind: "rms" };

export interface NetClass {
  readonly inputDim: number;
  readonly width: number;
  readonly depth: number;
  readonly norm: Norm;
  readonly eps: Rational;
}

export const normName = (n: Norm): string => (n.kind === "rms" ? "rms" : n.groups === 1 ? "ln" : `lng:${n.groups}`);

export function describeClass(c: NetClass): string {
  return `width ${c.width}, depth ${c.depth}, ${normName(c.norm)}, eps ${c.eps.toFraction()}, input dim ${c.inputDim}`;
}

export const isPlainLn = (c: NetClass): boolean => c.norm.kind === "ln" && c.norm.groups === 1;
export const epsIsZero = (c: NetClass): boolean => sign(c.eps) === 0;

/**
 * Width-2 LN-Nets with eps = 0 (docs/search.md, "Width 2"): LN on two neurons outputs
 * sign(h1 - h2) * (1, -1), or is undefined when h1 = h2. So such a net of any depth classifies a set
 * correctly iff the labeling is strictly linearly separable; this module decides it exactly and
 * returns either a net (checked later by the kernel) or a Farkas certificate (farkas-check.ts).
 */
import { rat, ZERO, ONE, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import type { Layer, Net } from "../net/model.js";
import { separate, type Points } from "./separability.js";

export type Width2Decision =
  | { readonly kind: "realisable"; readonly net: Net }
  | { readonly kind: "refuted"; readonly lambda: Rational[] };

export function decideWidth2(points: Points, labels: readonly Label[], depth: number): Width2Decision {
  const r = separate(points, labels);
  if (r.kind === "inseparable") return { kind: "refuted", lambda: r.lambda };
  return { kind: "realisable", net: width2Net(points[0]?.length ?? 1, depth, r.w, r.b) };
}

/** h1 - h2 = w.x + b; each further layer is the identity (LN maps +-(1,-1) to itself); y = 2 sign(w.x + b). */
export function width2Net(inputDim: number, depth: number, w: readonly Rational[], b: Rational): Net {
  const ln: Layer = { type: "layernorm", groups: 1, eps: ZERO };
  const layers: Layer[] = [{ type: "linear", weight: [[...w], w.map(() => ZERO)], bias: [b, ZERO] }, ln];
  for (let i = 1; i < depth; i++) {
    layers.push({ type: "linear", weight: [[ONE, ZERO], [ZERO, ONE]], bias: [ZERO, ZERO] }, ln);
  }
  layers.push({ type: "linear", weight: [[ONE, rat(-1)]], bias: [ZERO] });
  return { inputDim, layers };
}

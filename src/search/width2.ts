/**
 * Width-2 LN-Nets, any eps >= 0 (docs/search.md, theorem W2): LN on two neurons outputs
 * phi((h1 - h2)/2) * (1, -1) with phi monotone (sign when eps = 0, undefined at h1 = h2), so the net is
 * a monotone function of one affine form a.x + c and classifies a set correctly iff the labeling is
 * strictly linearly separable; this module decides it exactly and
 * returns either a net (checked later by the kernel) or a Farkas certificate (farkas-check.ts).
 */
import { rat, ZERO, ONE, type Rational } from "../workshop/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { separate, type Points } from "./separability.js";

export type Width2Decision =
  | { readonly kind: "realisable"; readonly net: Net }
  | { readonly kind: "refuted"; readonly lambda: Rational[] };

export function decideWidth2(points: Points, labels: readonly Label[], depth: number, eps: Rational = ZERO): Width2Decision {
  const r = separate(points, labels);
  if (r.kind === "inseparable") return { kind: "refuted", lambda: r.lambda };
  return { kind: "realisable", net: width2Net(points[0]?.length ?? 1, depth, r.w, r.b, eps) };
}

/**
 * h1 - h2 = w.x + b; LN outputs phi((w.x + b)/2) (1, -1) with phi(t) = t / sqrt(t^2 + eps) (= sign(t)
 * when eps = 0); each further layer is the identity, which keeps the sign; y = 2 phi(...) has the
 * sign of w.x + b. The separator has |w.x + b| >= 1 on the data, so eps only shrinks |y|.
 */
export function width2Net(inputDim: number, depth: number, w: readonly Rational[], b: Rational, eps: Rational = ZERO): Net {
  const ln: Layer = { type: "layernorm", groups: 1, eps };
  const layers: Layer[] = [{ type: "linear", weight: [[...w], w.map(() => ZERO)], bias: [b, ZERO] }, ln];
  for (let i = 1; i < depth; i++) {
    layers.push({ type: "linear", weight: [[ONE, ZERO], [ZERO, ONE]], bias: [ZERO, ZERO] }, ln);
  }
  layers.push({ type: "linear", weight: [[ONE, rat(-1)]], bias: [ZERO] });
  return { inputDim, layers };
}

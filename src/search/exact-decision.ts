/**
 * Decision procedures: for the classes where one exists (docs/search.md), decide exactly whether a
 * labeled point set is realised, returning a net (to be certified by the kernel) or a refutation
 * certificate. Everything else is "unknown" here and left to the producers (producers.ts).
 */
import type { Label } from "../net/dataset.js";
import type { Net } from "../net/model.js";
import { epsIsZero, isPlainLn, type NetClass } from "./net-class.js";
import { lineDepth1Net, lineProfile } from "./line-depth1.js";
import type { Refutation } from "./refutation.js";
import type { Points } from "./separability.js";
import { decideWidth2 } from "./width2.js";

export type ExactDecision =
  | { readonly kind: "realisable"; readonly net: Net }
  | { readonly kind: "refuted"; readonly refutation: Refutation }
  | { readonly kind: "unknown" };

/** Which decision procedure applies to a class, if any. */
export function decisionProcedure(c: NetClass): "width2" | "line-depth1" | undefined {
  if (!isPlainLn(c) || !epsIsZero(c)) return undefined;
  if (c.width === 2) return "width2";
  if (c.width === 3 && c.depth === 1 && c.inputDim === 1) return "line-depth1";
  return undefined;
}

export function decideExactly(c: NetClass, points: Points, labels: readonly Label[]): ExactDecision {
  const proc = decisionProcedure(c);
  if (proc === "width2") {
    const r = decideWidth2(points, labels, c.depth);
    return r.kind === "realisable" ? r : { kind: "refuted", refutation: { kind: "farkas", points, labels, lambda: r.lambda } };
  }
  if (proc === "line-depth1") {
    const xs = points.map((p) => p[0]!);
    const net = lineDepth1Net(xs, labels);
    if (net) return { kind: "realisable", net };
    if (lineProfile(xs, labels).changes < 3 && !lineProfile(xs, labels).conflict) throw new Error("internal: no net for a realisable labeling");
    return { kind: "refuted", refutation: { kind: "line-runs", points, labels } };
  }
  return { kind: "unknown" };
}

/**
 * Decision procedures: for the classes where one exists (docs/search.md), decide exactly whether a
 * labeled point set is realised, returning a net (to be certified by the kernel) or a refutation
 * certificate. Everything else is "unknown" here and left to the producers (producers.ts).
 */
import type { Label } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";
import { epsIsZero, isPlainLn, type NetClass } from "./net-class.js";
import { lineDepth1Net, lineProfile } from "./line-depth1.js";
import type { Refutation } from "../trusted/checkers/refutation.js";
import type { Points } from "./separability.js";
import { decideWidth2 } from "./width2.js";

export type ExactDecision =
  | { readonly kind: "realisable"; readonly net: Net }
  | { readonly kind: "refuted"; readonly refutation: Refutation }
  | { readonly kind: "unknown" };

/**
 * Which decision procedure applies to a class, if any (docs/search.md, theorems W2 and L1; both hold
 * for every eps >= 0 and need one LayerNorm group; L1 also holds for RMS normalization).
 */
export function decisionProcedure(c: NetClass): "width2" | "line-depth1" | undefined {
  // L1's convexity proof never uses the centering, so it covers RMS normalization too.
  if (c.depth === 1 && c.inputDim === 1 && (isPlainLn(c) || c.norm.kind === "rms") && !(isPlainLn(c) && c.width === 2)) return "line-depth1";
  if (isPlainLn(c) && c.width === 2) return "width2";
  return undefined;
}

export function decideExactly(c: NetClass, points: Points, labels: readonly Label[]): ExactDecision {
  const proc = decisionProcedure(c);
  if (proc === "width2") {
    const r = decideWidth2(points, labels, c.depth, c.eps);
    return r.kind === "realisable" ? r : { kind: "refuted", refutation: { kind: "farkas", points, labels, lambda: r.lambda } };
  }
  if (proc === "line-depth1") {
    const xs = points.map((p) => p[0]!);
    const profile = lineProfile(xs, labels);
    if (profile.conflict || profile.changes >= 3) return { kind: "refuted", refutation: { kind: "line-runs", points, labels } };
    // Realisable; the explicit net below is for width 3 and eps = 0, other classes go to the producers.
    const net = isPlainLn(c) && c.width === 3 && epsIsZero(c) ? lineDepth1Net(xs, labels) : undefined;
    if (!net) return { kind: "unknown" };
    return { kind: "realisable", net };
  }
  return { kind: "unknown" };
}

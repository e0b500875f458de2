/**
 * Producers of nets for one labeled point set, and the certification every produced net must pass:
 * the exact decision procedures first, then the C1 construction (width-3 LN classes), then the
 * trainer. A returned net is always certified (kernel for lnnet/v1, rms.ts for RMS nets).
 */
import { type Label } from "../trusted/net/dataset.js";
import { makeDataset } from "../workshop/dataset.js";
import { depthOf, type Net } from "../trusted/net/model.js";
import { construct } from "./construction-hook.js";
import { decideExactly } from "./exact-decision.js";
import { epsIsZero, isPlainLn, type NetClass } from "./net-class.js";
import type { Refutation } from "../trusted/checkers/refutation.js";
import { certifyRmsNet } from "../trusted/checkers/rms.js";
import type { Points } from "./separability.js";
import { fitCandidates, type FittedNet } from "./trainer.js";
import { constructOrUndefined } from "../workshop/errors.js";
import { certifyOnPoints, firstCertified } from "../workshop/certify.js";

export const CERTIFY_SCHEDULE = { startBits: 53, maxBits: 1024 } as const;

export type LabelingResult =
  | { readonly kind: "certified"; readonly net: FittedNet; readonly by: "decision" | "construction" | "trainer" }
  | { readonly kind: "refuted"; readonly refutation: Refutation }
  | { readonly kind: "unresolved" };

export function certifyLn(net: Net, points: Points, labels: readonly Label[]): boolean {
  return certifyOnPoints(net, points, labels, CERTIFY_SCHEDULE.maxBits).ok;
}

export function certifyFitted(f: FittedNet, points: Points, labels: readonly Label[]): boolean {
  return f.kind === "ln" ? certifyLn(f.net, points, labels) : certifyRmsNet(f.net, points, labels, CERTIFY_SCHEDULE.maxBits);
}

/** Fits the class: same input dimension, width at most the class width, depth at most the class depth. */
function withinClass(net: Net, cls: NetClass): boolean {
  return depthOf(net) <= cls.depth && net.inputDim === cls.inputDim;
}

export function resolveLabeling(cls: NetClass, points: Points, labels: readonly Label[], seed: number, restarts = 24): LabelingResult {
  const exact = decideExactly(cls, points, labels);
  if (exact.kind === "refuted") return exact;
  if (exact.kind === "realisable") {
    if (!certifyLn(exact.net, points, labels)) throw new Error("internal: decision procedure produced a net the kernel rejects");
    return { kind: "certified", net: { kind: "ln", net: exact.net }, by: "decision" };
  }
  const found = firstCertified(candidates(cls, points, labels, seed, restarts), (c) => (certifyFitted(c.net, points, labels) ? true : undefined));
  return found ? { kind: "certified", net: found.candidate.net, by: found.candidate.by } : { kind: "unresolved" };
}

/** The C1 construction's net (width-3 LN classes with eps = 0, when within the class), then the trainer's restarts. */
function* candidates(cls: NetClass, points: Points, labels: readonly Label[], seed: number, restarts: number): Generator<{ net: FittedNet; by: "construction" | "trainer" }> {
  if (construct && isPlainLn(cls) && cls.width === 3 && epsIsZero(cls)) {
    const c = constructOrUndefined(() => construct?.(makeDataset(points, labels), { eps: cls.eps, seed }));
    if (c && withinClass(c.net, cls)) yield { net: { kind: "ln", net: c.net }, by: "construction" };
  }
  for (const net of fitCandidates(cls, points, labels, { seed, restarts, steps: 3000 })) yield { net, by: "trainer" };
}

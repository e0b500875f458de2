/** A claim's evidence from its library run (C3-C5): the run's verdict and plots, the claim's own summary, figures and details. */
import { plotsOf } from "../report/plots.js";
import type { ClaimEvidence, ClaimRun } from "./claim.js";

export function evidenceFromRun<E>(r: ClaimRun<E>, plotTitles: Record<string, string>, parts: Pick<ClaimEvidence, "summary" | "measured" | "details">): ClaimEvidence {
  return { holds: r.verdict, ...parts, plots: plotsOf(r.svgs, plotTitles) };
}

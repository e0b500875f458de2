/**
 * The claims as JSON: `claimsJson` is what `lnnet reproduce --json` prints; `reportJson` is
 * report.json beside report.md, the same per-claim results plus the run and the files written.
 */
import type { ClaimResult } from "../claims/claim.js";

export interface RunMeta {
  readonly quick: boolean;
  readonly seed: number;
  readonly machine: string;
  readonly date: string;
}

export const REPORT_FORMAT = "lnnet-report/v1";

const claimJson = (r: ClaimResult) => ({
  id: r.id,
  holds: r.holds,
  paper: r.paper,
  statement: r.statement,
  summary: r.summary,
  measured: r.measured,
  seconds: r.seconds,
  ...(r.error ? { error: r.error } : {}),
});

export function claimsJson(results: readonly ClaimResult[]): { claims: ReturnType<typeof claimJson>[] } {
  return { claims: results.map(claimJson) };
}

/** report.json: plots and artifacts are paths relative to the report directory. */
export function reportJson(results: readonly ClaimResult[], meta: RunMeta): object {
  return {
    format: REPORT_FORMAT,
    run: { quick: meta.quick, seed: meta.seed, date: meta.date, machine: meta.machine },
    holds: results.every((r) => r.holds),
    claims: results.map((r) => ({
      ...claimJson(r),
      title: r.title,
      plots: (r.evidence.plots ?? []).map((p) => `plots/${p.name}.svg`),
      artifacts: (r.evidence.artifacts ?? []).map((a) => `artifacts/${a.name}`),
    })),
  };
}

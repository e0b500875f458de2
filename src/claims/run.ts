/** Run a list of claims, timing each; an exception inside a claim is a failed claim, not a crash. */
import type { Claim, ClaimResult, ClaimRunOptions } from "./claim.js";

export async function runClaims(claims: readonly Claim[], opts: ClaimRunOptions, onClaim?: (c: Claim, i: number) => void): Promise<ClaimResult[]> {
  const results: ClaimResult[] = [];
  for (const [i, c] of claims.entries()) {
    onClaim?.(c, i);
    const t0 = performance.now();
    let r: ClaimResult;
    try {
      const evidence = await c.run(opts);
      r = { id: c.id, title: c.title, paper: c.paper, statement: c.statement, holds: evidence.holds, summary: evidence.summary, measured: evidence.measured, seconds: (performance.now() - t0) / 1000, evidence };
    } catch (e) {
      const error = (e as Error).message;
      r = {
        id: c.id,
        title: c.title,
        paper: c.paper,
        statement: c.statement,
        holds: false,
        summary: `run failed: ${error}`,
        measured: {},
        seconds: (performance.now() - t0) / 1000,
        evidence: { holds: false, summary: `run failed: ${error}`, measured: {} },
        error: (e as Error).stack ?? error,
      };
    }
    results.push(r);
  }
  return results;
}

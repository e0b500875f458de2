/**
 * VC benchmark (C2): time to certify shattering of 2L+1 points for L = 4, 6, 8 with 1 and 2 workers
 * (target: L = 8 under 5 minutes), the kernel-only check of the L = 8 certificate, and search
 * results for depth 2 and 3 with n = 2L+2 points. Workers need the compiled dist/ (`npm run build`).
 */
import { checkShatter } from "../src/trusted/checkers/shatter.js";
import { search } from "../src/vc/search.js";
import { shatter } from "../src/vc/shatter.js";

export async function benchVc(): Promise<object> {
  const shattering: object[] = [];
  let cert8: unknown;
  for (const depth of [4, 6, 8]) {
    for (const workers of [1, 2]) {
      const run = await shatter({ depth, workers });
      if (depth === 8) cert8 = run.certificate;
      shattering.push({ depth, points: 2 * depth + 1, workers: run.workersUsed || 1, complete: run.complete, labelings: run.labelings, nets: run.representatives, seconds: Number(run.seconds.toFixed(2)) });
    }
  }
  const t0 = performance.now();
  const check8 = checkShatter(cert8);
  const checkSeconds = (performance.now() - t0) / 1000;
  const searches = [2, 3].map((depth) => {
    const r = search({ depth, n: 2 * depth + 2, seed: 1, restarts: 50 });
    return {
      depth,
      n: 2 * depth + 2,
      seed: 1,
      restarts: 50,
      representatives: r.results.length,
      byConstruction: r.results.filter((x) => x.how === "construction").length,
      byFit: r.results.filter((x) => x.how === "fit").length,
      notFound: r.results.filter((x) => !x.found).map((x) => x.labeling),
      allFound: r.allFound,
      seconds: Number(r.seconds.toFixed(2)),
    };
  });
  return { name: "vc: certified shattering (width 3, line)", shattering, checkL8: { ok: check8.ok, netsCertified: check8.netsCertified, seconds: Number(checkSeconds.toFixed(2)) }, search: searches };
}

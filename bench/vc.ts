/**
 * VC benchmark (C2): time to certify shattering of 2L+1 points for L = 4, 6, 8 with 1 and 2 workers
 * (target: L = 8 under 5 minutes), the kernel-only check of the L = 8 certificate, search results for
 * depth 2 and 3 with n = 2L+2 points, the plane families (L = 2..4, streamed to a file and checked
 * streaming) and 2L+2 points on the line at L = 3, 4. Workers need the compiled dist/ (`npm run build`).
 */
import { checkShatter } from "../src/trusted/checkers/shatter.js";
import { search } from "../src/vc/search.js";
import { shatter } from "../src/vc/shatter.js";
import { loadavg, tmpdir } from "node:os";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { circlePoints, randomPoints } from "../src/vc/point-sets.js";
import { lineBeyond, randomSize } from "../src/vc/bounds.js";
import { checkShatterFile } from "../src/vc/check-parallel.js";
import { median } from "./stats.js";

/** Plane families per depth (medians of 3 one-worker runs) and a streamed write + check of each. */
async function benchPlane(): Promise<object[]> {
  const rows: object[] = [];
  const dir = mkdtempSync(join(tmpdir(), "lnnet-bench-vc-"));
  try {
    for (const depth of [2, 3, 4]) {
      for (const [family, points] of [["circle", circlePoints(2 * depth + 3)], ["random seed 1", randomPoints(randomSize(depth), 2, 1)]] as const) {
        const load = [loadavg()[0]];
        const times: number[] = [];
        let complete = true;
        let nets = 0;
        for (let k = 0; k < 3; k++) {
          const run = await shatter({ depth, points, output: join(dir, "c.json") });
          times.push(run.seconds);
          complete &&= run.complete;
          nets = run.representatives;
        }
        const t0 = performance.now();
        const check = await checkShatterFile(join(dir, "c.json"), { workers: 1 });
        load.push(loadavg()[0]);
        rows.push({ depth, family, points: points.length, complete, checkerAccepts: check.ok, nets, seconds: Number(median(times).toFixed(2)), checkSeconds: Number(((performance.now() - t0) / 1000).toFixed(2)), load: load.map((l) => Number((l ?? 0).toFixed(1))) });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

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
  const plane = await benchPlane();
  const load = [loadavg()[0]];
  const beyond = (await lineBeyond([3, 4])).map((b) => ({ ...b, seconds: Number(b.seconds.toFixed(1)), checkSeconds: Number(b.checkSeconds.toFixed(1)) }));
  load.push(loadavg()[0]);
  return { name: "vc: certified shattering (width 3, line and plane)", shattering, plane, beyond: { rows: beyond, note: "2L+2 points on the line: one deterministic search + shatter + re-check per depth (seed 1)", load }, checkL8: { ok: check8.ok, netsCertified: check8.netsCertified, seconds: Number(checkSeconds.toFixed(2)) }, search: searches };
}

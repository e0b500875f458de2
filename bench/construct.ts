/**
 * construct + kernel for m = 100, 300, 1000 random labels in R^10 (medians of 3 runs). Per size:
 * depth, the kernel ladder's bits and (last run) the least bits that certify (`minimalBits`), bits
 * per layer, producer seconds, kernel seconds (`verifyDatasetParallel`, wall clock) with 1 and with
 * 2 workers, end-to-end = producer + kernel with 2 workers; the kernel's ladder starts at
 * `probeStartBits` (1 % of the samples probed from 64 bits, timed with the kernel).
 * verifyDatasetParallel uses at most floor(m / 200) workers (a worker's start-up costs ~0.1-0.2 s),
 * so "2 workers" runs in one thread for m < 400.
 *
 * The float planner (the second builder until issue 15) was retired after this comparison on the
 * same data, producer only, seed 1, 2 shared cores at load average ~3: m = 100: depth 25 both,
 * 0.27 s scale-free vs 0.44 s planner; m = 300: depth 115 both, 0.78 s vs 1.31 s; m = 1000: depth
 * 423 both, 7.9 s vs 9.0 s; simulation bits 192 vs 224 at every size. Without it every construction
 * test still passes; on nested scales only the scale-free builder ever built (docs/construction.md 3.6).
 */
import { rat } from "../src/trusted/numbers/rational.js";
import { makeDataset, type Dataset, type Label } from "../src/trusted/net/dataset.js";
import { constructNet, minimalBits } from "../src/constructions/index.js";
import { probeStartBits } from "../src/constructions/certify.js";
import { makeRng } from "../src/workshop/rng.js";
import { verifyDatasetParallel } from "../src/parallel/verify-parallel.js";
import type { VerifyReport } from "../src/trusted/verify/verify-dataset.js";
import { median } from "./stats.js";

/** m random points in R^d (coordinates k/1000) with fair random labels; the data of the construct rows. */
export function randomLabels(m: number, d: number): Dataset {
  const rng = makeRng(m);
  const pts = Array.from({ length: m }, () => Array.from({ length: d }, () => rat(Math.floor(rng.next() * 2_000_001) - 1_000_000, 1000)));
  const labels = pts.map(() => (rng.next() < 0.5 ? 1 : 0) as Label);
  return makeDataset(pts, labels);
}

const SCHEDULE = { startBits: 64, maxBits: 1 << 14 };

async function kernel(data: Dataset, net: Parameters<typeof verifyDatasetParallel>[0], workers: number): Promise<{ report: VerifyReport; seconds: number }> {
  const t0 = performance.now();
  // The ladder starts where a few probed samples needed it (the probe is timed with the kernel).
  const startBits = probeStartBits(net, data, SCHEDULE.maxBits);
  const report = await verifyDatasetParallel(net, data, { schedule: { ...SCHEDULE, startBits }, workers });
  return { report, seconds: (performance.now() - t0) / 1000 };
}

async function once(data: Dataset, withMinimal: boolean) {
  const c = constructNet(data, { seed: 1 });
  const k1 = await kernel(data, c.net, 1);
  const k2 = await kernel(data, c.net, 2);
  const s = k2.report.summary;
  const allCorrect = s.allCorrect && k1.report.summary.allCorrect;
  const bits = withMinimal && allCorrect ? minimalBits(c.net, data, k1.report) : undefined;
  return {
    depth: c.depth,
    bound: c.worstCaseBound,
    view: c.view,
    builder: c.stats.builder,
    certified: `${s.correct}/${s.samples}`,
    allCorrect,
    ladderBits: s.maxBits,
    minimalBits: bits,
    bitsPerLayer: Number(((bits ?? s.maxBits) / c.depth).toFixed(2)),
    maxSimulationBits: Math.max(...c.stats.precisions),
    producerSeconds: c.stats.seconds,
    kernelSeconds1Worker: k1.seconds,
    kernelSeconds2Workers: k2.seconds,
    endToEndSeconds: c.stats.seconds + k2.seconds,
  };
}

type Row = Awaited<ReturnType<typeof once>>;

export async function benchConstruct(): Promise<object> {
  const rows: object[] = [];
  for (const m of [100, 300, 1000]) {
    const data = randomLabels(m, 10);
    const runs = 3;
    try {
      const all: Row[] = [];
      // minimalBits (a bisection over the kernel) only on the last run: it is not timed.
      for (let r = 0; r < runs; r++) all.push(await once(data, r === runs - 1));
      const last = all.at(-1);
      if (!last) throw new Error("bench construct: no runs");
      const med = (k: "producerSeconds" | "kernelSeconds1Worker" | "kernelSeconds2Workers" | "endToEndSeconds") => Number(median(all.map((r) => r[k])).toFixed(2));
      rows.push({
        m,
        d: 10,
        runs,
        ...last,
        producerSeconds: med("producerSeconds"),
        kernelSeconds1Worker: med("kernelSeconds1Worker"),
        kernelSeconds2Workers: med("kernelSeconds2Workers"),
        endToEndSeconds: med("endToEndSeconds"),
      });
    } catch (e) {
      rows.push({ m, d: 10, error: (e as Error).message });
    }
    console.error(JSON.stringify(rows[rows.length - 1])); // progress: m = 1000 takes a minute
  }
  return { construct: rows };
}

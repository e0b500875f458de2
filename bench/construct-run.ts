/**
 * One construct-row run in its own process (so peak RSS and timings belong to this run alone),
 * forked by bench/construct.ts: `node construct-run.js M SEED WORKERS [BUILDER]`; prints one JSON
 * line. The pipeline is `constructAndVerifyAsync`'s (producer, probe of the start rung, kernel on
 * worker threads with the accelerators), timed step by step, then the float64 check; for the
 * end-fold builder also the float64 proof (samples proven right in every float64 evaluation).
 */
import { constructNet, float64Check } from "../src/constructions/index.js";
import { probeStartBits } from "../src/constructions/certify.js";
import { verifyDatasetParallel } from "../src/parallel/verify-parallel.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { randomLabels } from "./construct.js";
import { lowerBoundText } from "../src/workshop/decimal.js";
import { float64Safety } from "../src/trusted/fast/float64-rounding.js";

const MAX_BITS = 1 << 14;

async function main(): Promise<void> {
  const [m, seed, workers] = process.argv.slice(2, 5).map(Number) as [number, number, number];
  const builder = process.argv[5] === "end-folds" ? "end-folds" : "scale-free";
  const data = randomLabels(m, 10, seed);
  const cpu = () => {
    const u = process.cpuUsage(); // the whole process, worker threads included
    return (u.user + u.system) / 1e6;
  };
  const c0 = cpu();
  const t0 = performance.now();
  const c = constructNet(data, { seed: 1, builder });
  const t1 = performance.now();
  const c1 = cpu();
  const startBits = probeStartBits(c.net, data, MAX_BITS);
  const report = await verifyDatasetParallel(c.net, data, { schedule: { startBits, maxBits: MAX_BITS }, workers, accelerators: ACCELERATORS });
  const t2 = performance.now();
  const c2 = cpu();
  const f = float64Check(c.net, data);
  const s = report.summary;
  const t3 = performance.now();
  const proven = builder === "end-folds" ? (float64Safety(c.net, data) ?? []).filter(Boolean).length : null;
  const proofSeconds = builder === "end-folds" ? (performance.now() - t3) / 1000 : null;
  console.log(
    JSON.stringify({
      builder,
      depth: c.depth,
      bound: c.worstCaseBound,
      zooms: c.stats.zooms ?? null,
      view: c.view,
      certified: `${s.correct}/${s.samples}`,
      allCorrect: s.allCorrect,
      rungBits: s.maxBits,
      simulationBits: builder === "end-folds" ? null : Math.max(...c.stats.precisions),
      producerSeconds: (t1 - t0) / 1000,
      kernelSeconds: (t2 - t1) / 1000,
      endToEndSeconds: (t2 - t0) / 1000,
      // CPU seconds (both cores' worth): what the wall would be on an idle machine, times ~1-2.
      producerCpuSeconds: c1 - c0,
      kernelCpuSeconds: c2 - c1,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      float64Mislabels: f.mislabels,
      float64MinSignedOutput: f.minSignedOutput,
      float64ProvenSafe: proven,
      float64ProofSeconds: proofSeconds,
      certifiedMinAbsOutput: s.minAbsY === null ? null : Number(lowerBoundText(s.minAbsY)),
    }),
  );
}

void main();

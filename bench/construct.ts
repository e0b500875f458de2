/**
 * construct + kernel for random labels: m = 60 in R^2, m = 100, 300, 1000 in R^10. Per size: depth,
 * the kernel ladder's bits and (m <= 300) the least bits that certify (`minimalBits`), bits per
 * layer, producer / kernel / end-to-end seconds. Medians of 3 runs for m <= 300, one run above.
 */
import { rat } from "../src/numbers/rational.js";
import { makeDataset, type Dataset, type Label } from "../src/net/dataset.js";
import { constructAndVerify, minimalBits } from "../src/constructions/index.js";
import { makeRng } from "../src/constructions/rng.js";
import { median } from "./stats.js";

function randomLabels(m: number, d: number): Dataset {
  const rng = makeRng(m);
  const pts = Array.from({ length: m }, () => Array.from({ length: d }, () => rat(Math.floor(rng() * 2_000_001) - 1_000_000, 1000)));
  const labels = pts.map(() => (rng() < 0.5 ? 1 : 0) as Label);
  return makeDataset(pts, labels);
}

function once(data: Dataset, withMinimal: boolean) {
  const t0 = performance.now();
  const { construction: c, report } = constructAndVerify(data, { seed: 1, maxBits: 1 << 14 });
  const seconds = (performance.now() - t0) / 1000;
  const s = report.summary;
  const bits = withMinimal && s.allCorrect ? minimalBits(c.net, data, report) : undefined;
  return {
    depth: c.depth,
    bound: c.worstCaseBound,
    certified: `${s.correct}/${s.samples}`,
    allCorrect: s.allCorrect,
    ladderBits: s.maxBits,
    minimalBits: bits,
    bitsPerLayer: (bits ?? s.maxBits) / c.depth,
    maxSimulationBits: Math.max(...c.stats.precisions),
    wideSearches: c.stats.wideSearches,
    producerSeconds: c.stats.seconds,
    kernelSeconds: s.seconds,
    seconds,
  };
}

export async function benchConstruct(): Promise<object> {
  const rows: object[] = [];
  for (const [m, d] of [[60, 2], [100, 10], [300, 10], [1000, 10]] as const) {
    const data = randomLabels(m, d);
    const runs = m <= 300 ? 3 : 1;
    try {
      const all = Array.from({ length: runs }, () => once(data, m <= 300));
      const last = all[all.length - 1] as ReturnType<typeof once>;
      const med = (k: "producerSeconds" | "kernelSeconds" | "seconds") => median(all.map((r) => r[k]));
      rows.push({ m, d, runs, ...last, producerSeconds: med("producerSeconds"), kernelSeconds: med("kernelSeconds"), seconds: med("seconds") });
    } catch (e) {
      rows.push({ m, d, error: (e as Error).message });
    }
  }
  return { construct: rows };
}

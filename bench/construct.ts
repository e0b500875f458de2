/** construct + verify for m = 60 in R^2 and m = 100, 300, 1000 random labels in R^10 (depth, bits, seconds). */
import { rat } from "../src/numbers/rational.js";
import { makeDataset, type Label } from "../src/net/dataset.js";
import { constructAndVerify } from "../src/constructions/index.js";
import { makeRng } from "../src/constructions/rng.js";

export async function benchConstruct(): Promise<object> {
  const rows: object[] = [];
  for (const [m, d] of [[60, 2], [100, 10], [300, 10], [1000, 10]] as const) {
    const rng = makeRng(m);
    const pts = Array.from({ length: m }, () => Array.from({ length: d }, () => rat(Math.floor(rng() * 2_000_001) - 1_000_000, 1000)));
    const labels = pts.map(() => (rng() < 0.5 ? 1 : 0) as Label);
    const t0 = performance.now();
    try {
      const { construction: c, report } = constructAndVerify(makeDataset(pts, labels), { seed: 1, maxBits: 1 << 14 });
      rows.push({
        m,
        d,
        depth: c.depth,
        bound: c.worstCaseBound,
        certified: report.summary.correct,
        allCorrect: report.summary.allCorrect,
        ladderBits: report.summary.maxBits,
        bitsPerLayer: report.summary.maxBits / c.depth,
        constructSeconds: c.stats.seconds,
        verifySeconds: report.summary.seconds,
        seconds: (performance.now() - t0) / 1000,
      });
    } catch (e) {
      rows.push({ m, d, error: (e as Error).message, seconds: (performance.now() - t0) / 1000 });
    }
  }
  return { construct: rows };
}

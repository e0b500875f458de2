/**
 * Claim C1 at scale: construct + certify m random labels in R^10 (`npm run bench -- construct`,
 * sizes by `--sizes 1000,3000`; default 1000, 3000, 10000; `--robust` for the end-fold builder,
 * which also proves float64 safety per sample). Each run is its own process
 * (bench/construct-run.ts): producer, kernel (probe of the start rung + `verifyDatasetParallel`
 * with 2 workers and the accelerators) and end-to-end seconds (wall; and CPU seconds, which a
 * shared machine's load inflates far less), peak RSS, depth, the rung
 * the kernel used, float64 mislabels (PyTorch order, src/constructions/float64-check.ts) and the
 * smallest label-signed float64 output beside the certified smallest |y|. Medians of 3 runs below
 * m = 10,000, one run at and above it (about ten minutes each on 2 shared cores). The load average
 * before and after each size is recorded; the fitted exponents are least squares of log seconds
 * against log m over the sizes run.
 *
 * The float planner (the second builder until issue 15) was retired after a comparison on the
 * same data, producer only, seed 1, 2 shared cores at load average ~3: m = 100: depth 25 both,
 * 0.27 s scale-free vs 0.44 s planner; m = 300: depth 115 both, 0.78 s vs 1.31 s; m = 1000: depth
 * 423 both, 7.9 s vs 9.0 s; simulation bits 192 vs 224 at every size (docs/construction.md 3.6).
 */
import { fork } from "node:child_process";
import { loadavg } from "node:os";
import { rat } from "../src/trusted/numbers/rational.js";
import { type Dataset, type Label } from "../src/trusted/net/dataset.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { makeRng } from "../src/workshop/rng.js";
import { median } from "./stats.js";

/** m random points in R^d (coordinates k/1000) with fair random labels; seed m unless given. */
export function randomLabels(m: number, d: number, seed = m): Dataset {
  const rng = makeRng(seed);
  const pts = Array.from({ length: m }, () => Array.from({ length: d }, () => rat(Math.floor(rng.next() * 2_000_001) - 1_000_000, 1000)));
  const labels = pts.map(() => (rng.next() < 0.5 ? 1 : 0) as Label);
  return makeDataset(pts, labels);
}

const DEFAULT_SIZES = [1000, 3000, 10000];
const WORKERS = 2;

type Run = {
  depth: number;
  bound: number;
  view: string;
  certified: string;
  allCorrect: boolean;
  rungBits: number;
  builder: string;
  zooms: number | null;
  simulationBits: number | null;
  float64ProvenSafe: number | null;
  float64ProofSeconds: number | null;
  producerSeconds: number;
  kernelSeconds: number;
  endToEndSeconds: number;
  producerCpuSeconds: number;
  kernelCpuSeconds: number;
  peakRssMiB: number;
  float64Mislabels: number;
  float64MinSignedOutput: number;
  certifiedMinAbsOutput: number | null;
};

function runOnce(m: number, seed: number, builder: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL("./construct-run.js", import.meta.url), [String(m), String(seed), String(WORKERS), builder], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => (out += b.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Run) : reject(new Error(`construct-run ${m} exited with ${code}`))));
  });
}

/** `--sizes a,b,c` from the bench's command line, or the default sizes. */
export function sizesFrom(argv: readonly string[]): number[] {
  const i = argv.findIndex((a) => a === "--sizes" || a.startsWith("--sizes="));
  if (i < 0) return DEFAULT_SIZES;
  const text = argv[i]!.includes("=") ? argv[i]!.slice("--sizes=".length) : (argv[i + 1] ?? "");
  const sizes = text.split(",").map(Number);
  if (sizes.length === 0 || sizes.some((m) => !Number.isInteger(m) || m < 2)) throw new Error(`--sizes wants integers >= 2 separated by commas, got "${text}"`);
  return sizes;
}

/** Least-squares slope of log y against log x. */
function exponent(xs: readonly number[], ys: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * (ly[i]! - my);
    den += (x - mx) ** 2;
  });
  return den > 0 ? Number((num / den).toFixed(2)) : null;
}

export async function benchConstruct(): Promise<object> {
  const rows: (Run & { m: number; runs: number; loadBefore: number; loadAfter: number })[] = [];
  const failures: object[] = [];
  // --robust: the end-fold builder (right in float64; `lnnet construct --robust`) instead of the default.
  const builder = process.argv.includes("--robust") ? "end-folds" : "scale-free";
  for (const m of sizesFrom(process.argv.slice(2))) {
    const runs = m >= 10000 ? 1 : 3;
    const loadBefore = loadavg()[0]!;
    try {
      const all: Run[] = [];
      for (let r = 0; r < runs; r++) all.push(await runOnce(m, m, builder));
      const med = (k: "producerSeconds" | "kernelSeconds" | "endToEndSeconds" | "producerCpuSeconds" | "kernelCpuSeconds" | "peakRssMiB") => Number(median(all.map((x) => x[k])).toFixed(2));
      const last = all[all.length - 1]!;
      rows.push({ m, runs, ...last, producerSeconds: med("producerSeconds"), kernelSeconds: med("kernelSeconds"), endToEndSeconds: med("endToEndSeconds"), producerCpuSeconds: med("producerCpuSeconds"), kernelCpuSeconds: med("kernelCpuSeconds"), peakRssMiB: med("peakRssMiB"), loadBefore, loadAfter: loadavg()[0]! });
    } catch (e) {
      failures.push({ m, error: (e as Error).message });
    }
    console.error(JSON.stringify(rows[rows.length - 1] ?? failures[failures.length - 1])); // progress
  }
  const ms = rows.map((r) => r.m);
  const fit = {
    producer: exponent(ms, rows.map((r) => r.producerSeconds)),
    kernel: exponent(ms, rows.map((r) => r.kernelSeconds)),
    endToEnd: exponent(ms, rows.map((r) => r.endToEndSeconds)),
    cpu: exponent(ms, rows.map((r) => r.producerCpuSeconds + r.kernelCpuSeconds)),
  };
  return { construct: rows, builder, fittedExponentInM: fit, failures, workers: WORKERS, data: "random labels in R^10, coordinates k/1000 uniform in [-1000, 1000], seed m; construct seed 1" };
}

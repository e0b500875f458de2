/**
 * Sample-parallel verification on worker threads. The kernel runs unchanged in every worker (each
 * verifies a contiguous slice of the samples); this file only splits and collects. The decisions are
 * joined by the trusted merge (each sample decided exactly once, else an internal error) and
 * summarised by the kernel. Falls back to one thread when the compiled worker is missing.
 */
import type { Dataset } from "../trusted/net/dataset.js";
import { netToJson } from "../workshop/write.js";
import type { Net } from "../trusted/net/model.js";
import { toRationalString } from "../trusted/numbers/rational.js";
import { DEFAULT_SCHEDULE } from "../trusted/verify/decide.js";
import { mergeExactlyOnce } from "../trusted/verify/merge.js";
import { checkDimensions, summarize, verifyDataset, type VerifyOptions, type VerifyReport } from "../trusted/verify/verify-dataset.js";
import { compiledWorker, runSlices } from "../workshop/pool.js";
import { fromWire, type SliceJob, type SliceResult } from "./wire.js";

export { defaultWorkers } from "../workshop/pool.js";

export interface ParallelVerifyOptions extends VerifyOptions {
  readonly workers: number;
  /** Test hook: a different compiled worker entry (one that misbehaves). */
  readonly workerScript?: URL;
  /** Test hook: samples per worker below which one thread is used (default 200). */
  readonly minSamplesPerWorker?: number;
}

export async function verifyDatasetParallel(net: Net, data: Dataset, opts: ParallelVerifyOptions): Promise<VerifyReport> {
  checkDimensions(net, data);
  const script = opts.workerScript ?? compiledWorker("parallel/verify-worker.js");
  const m = data.samples.length;
  // Starting a worker costs ~0.1-0.2 s (module loading): only worth it for a few hundred samples each.
  const workers = Math.min(opts.workers, Math.floor(m / (opts.minSamplesPerWorker ?? 200)));
  if (workers <= 1 || !script) return verifyDataset(net, data, opts);
  const t0 = performance.now();
  const netJson = netToJson(net);
  const schedule = opts.schedule ?? DEFAULT_SCHEDULE;
  const size = Math.ceil(m / workers);
  const jobs: SliceJob[] = Array.from({ length: workers }, (_, w) => ({
    net: netJson,
    first: w * size,
    data: { inputDim: data.dim, samples: data.samples.slice(w * size, (w + 1) * size).map((s) => ({ x: s.x.map(toRationalString), label: s.label })) },
    schedule,
    // Accelerator objects cannot cross threads: a worker runs lnnet's own set, or none.
    accelerated: (opts.accelerators?.length ?? 0) > 0,
  }));
  const done = new Array<number>(workers).fill(0);
  const slices = await runSlices<SliceResult>(script, jobs, (w, n) => {
    done[w] = n;
    opts.onProgress?.(done.reduce((a, b) => a + b, 0), m);
  });
  const decisions = mergeExactlyOnce(m, slices.map((s) => s.decisions.map(([i, d]) => [i, fromWire(d)] as const)));
  return { decisions, summary: summarize(decisions, (performance.now() - t0) / 1000) };
}

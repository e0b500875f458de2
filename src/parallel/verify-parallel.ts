/**
 * Sample-parallel verification on worker threads. The kernel runs unchanged in every worker (each
 * verifies a contiguous slice of the samples); this file only splits, collects and summarises.
 * Falls back to one thread when the compiled worker (dist/parallel/verify-worker.js) is missing.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Dataset } from "../trusted/net/dataset.js";
import { netToJson } from "../trusted/net/format.js";
import type { Net } from "../trusted/net/model.js";
import { toRationalString } from "../trusted/numbers/rational.js";
import { DEFAULT_SCHEDULE, type SampleDecision } from "../trusted/verify/decide.js";
import { checkDimensions, summarize, verifyDataset, type VerifyOptions, type VerifyReport } from "../trusted/verify/verify-dataset.js";
import { fromWire, type SliceJob, type WireDecision } from "./wire.js";

function workerScript(): URL | undefined {
  for (const rel of ["./verify-worker.js", "../../dist/parallel/verify-worker.js"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Worker threads to use by default: the machine's parallelism, at most 4. */
export const defaultWorkers = (): number => Math.max(1, Math.min(4, availableParallelism()));

export async function verifyDatasetParallel(net: Net, data: Dataset, opts: VerifyOptions & { workers: number }): Promise<VerifyReport> {
  checkDimensions(net, data);
  const script = workerScript();
  const m = data.samples.length;
  // Starting a worker costs ~0.1-0.2 s (module loading): only worth it for a few hundred samples each.
  const workers = Math.min(opts.workers, Math.floor(m / 200));
  if (workers <= 1 || !script) return verifyDataset(net, data, opts);
  const t0 = performance.now();
  const netJson = netToJson(net);
  const schedule = opts.schedule ?? DEFAULT_SCHEDULE;
  const size = Math.ceil(m / workers);
  const done = new Array<number>(workers).fill(0);
  const slices = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const samples = data.samples.slice(w * size, (w + 1) * size);
      const job: SliceJob = { net: netJson, data: { inputDim: data.dim, samples: samples.map((s) => ({ x: s.x.map(toRationalString), label: s.label })) }, schedule };
      return new Promise<SampleDecision[]>((resolve, reject) => {
        const worker = new Worker(script, { workerData: job });
        worker.on("message", (msg: { progress?: number; decisions?: WireDecision[] }) => {
          if (msg.decisions) resolve(msg.decisions.map(fromWire));
          else if (msg.progress !== undefined) {
            done[w] = msg.progress;
            opts.onProgress?.(done.reduce((a, b) => a + b, 0), m);
          }
        });
        worker.on("error", reject);
      });
    }),
  );
  const decisions = slices.flat();
  return { decisions, summary: summarize(decisions, (performance.now() - t0) / 1000) };
}

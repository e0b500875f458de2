/**
 * Run tasks in-process or on worker threads. Workers load the compiled dist/vc/worker.js: next to this
 * file when running from dist, else ../../dist/vc/worker.js (running from src, e.g. under vitest;
 * `npm run build` makes it). Without a compiled worker, the work runs in-process instead.
 * Work is handed out in small batches to whichever worker is idle (tasks vary a lot in cost).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Producer } from "./producer.js";
import { prepareContext, runTask, type Task, type TaskContext, type TaskResult } from "./task.js";

export function workerScript(): URL | undefined {
  for (const rel of ["./worker.js", "../../dist/vc/worker.js"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

export interface PoolOptions {
  readonly workers: number;
  /** Extra in-process producers (forces in-process work: functions cannot cross threads). */
  readonly producers?: readonly Producer[];
  readonly batch?: number;
}

/** Returns the number of worker threads actually used (0 = in-process). */
export async function runTasks(tasks: readonly Task[], ctx: TaskContext, opts: PoolOptions, onResult: (r: TaskResult) => void): Promise<number> {
  const script = workerScript();
  if (opts.workers <= 1 || !script || (opts.producers?.length ?? 0) > 0 || tasks.length === 0) {
    const prepared = prepareContext(ctx, opts.producers);
    for (const t of tasks) onResult(runTask(t, prepared));
    return 0;
  }
  const batch = opts.batch ?? 8;
  let next = 0;
  const n = Math.min(opts.workers, Math.ceil(tasks.length / batch));
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(script, { workerData: { ctx } });
        const feed = (): void => {
          if (next >= tasks.length) {
            void w.terminate().then(() => resolve());
            return;
          }
          w.postMessage(tasks.slice(next, next + batch));
          next += batch;
        };
        w.on("message", (msg: TaskResult | { done: true }) => {
          if ("done" in msg) feed();
          else onResult(msg);
        });
        w.on("error", reject);
        feed();
      }),
    ),
  );
  return n;
}

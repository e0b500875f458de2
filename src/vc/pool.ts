/**
 * Shattering tasks in-process or on worker threads (src/workshop/pool.ts; worker entry dist/vc/worker.js).
 * Work is handed out in small batches to whichever worker is idle (tasks vary a lot in cost). Without
 * a compiled worker, or with in-process producers (functions cannot cross threads), it runs here.
 */
import { compiledWorker, runWorker } from "../workshop/pool.js";
import type { Producer } from "./producer.js";
import { prepareContext, runTask, type Task, type TaskContext, type TaskResult } from "./task.js";

export interface PoolOptions {
  readonly workers: number;
  /** Extra in-process producers (forces in-process work). */
  readonly producers?: readonly Producer[];
  readonly batch?: number;
}

/** Returns the number of worker threads actually used (0 = in-process). */
export async function runTasks(tasks: readonly Task[], ctx: TaskContext, opts: PoolOptions, onResult: (r: TaskResult) => void): Promise<number> {
  const script = compiledWorker("vc/worker.js");
  if (opts.workers <= 1 || !script || (opts.producers?.length ?? 0) > 0 || tasks.length === 0) {
    const prepared = prepareContext(ctx, opts.producers);
    for (const t of tasks) onResult(runTask(t, prepared));
    return 0;
  }
  const batch = opts.batch ?? 8;
  let next = 0;
  const n = Math.min(opts.workers, Math.ceil(tasks.length / batch));
  // each worker answers (true) once the queue is empty after its last batch
  const feed = (w: { postMessage(v: unknown): void }): true | undefined => {
    if (next >= tasks.length) return true;
    w.postMessage(tasks.slice(next, next + batch));
    next += batch;
    return undefined;
  };
  await Promise.all(
    Array.from({ length: n }, () =>
      runWorker<true>(script, { ctx }, (msg, w) => {
        const m = msg as TaskResult | { ready?: true; done?: true };
        if ("ready" in m || "done" in m) return feed(w);
        onResult(m as TaskResult);
        return undefined;
      }),
    ),
  );
  return n;
}

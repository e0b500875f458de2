/**
 * The one way lnnet runs work on worker threads. Workers load compiled code: `dist/<entry>` next to
 * this file when running from dist, else ../../dist/<entry> when running from src (vitest; `npm run
 * build` makes it). Callers fall back to in-process work when the compiled entry is missing.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** The compiled worker entry `entry` (a path under dist/, e.g. "parallel/verify-worker.js"), if built. */
export function compiledWorker(entry: string): URL | undefined {
  for (const rel of [`../${entry}`, `../../dist/${entry}`]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Worker threads to use by default: the machine's parallelism, at most 4. */
export const defaultWorkers = (): number => Math.max(1, Math.min(4, availableParallelism()));

/**
 * Start one worker and wait for its answer: every message goes to `onMessage`, and the first value it
 * returns (not undefined) resolves the promise and ends the worker. An error, or an exit before an
 * answer, rejects: a worker that dies silently must not look like one with nothing to say.
 */
export function runWorker<T>(script: URL, workerData: unknown, onMessage: (msg: unknown, worker: Worker) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(script, { workerData });
    let answered = false;
    worker.on("message", (msg: unknown) => {
      if (answered) return;
      let answer: T | undefined;
      try {
        answer = onMessage(msg, worker);
      } catch (e) {
        answered = true;
        void worker.terminate();
        reject(e as Error);
        return;
      }
      if (answer === undefined) return;
      answered = true;
      void worker.terminate().then(() => resolve(answer));
    });
    worker.on("error", (e) => {
      answered = true;
      reject(e);
    });
    worker.on("exit", (code) => {
      if (!answered) reject(new Error(`worker ${fileURLToPath(script)} exited (code ${code}) without an answer`));
    });
  });
}

/** One worker per job, each answering once with `{result}`; `{progress}` messages report items done in that slice. */
export function runSlices<R>(script: URL, jobs: readonly unknown[], onProgress?: (slice: number, done: number) => void): Promise<R[]> {
  return Promise.all(
    jobs.map((job, slice) =>
      runWorker<R>(script, job, (msg) => {
        const m = msg as { progress?: number; result?: R };
        if (m.result !== undefined) return m.result;
        if (m.progress !== undefined) onProgress?.(slice, m.progress);
        return undefined;
      }),
    ),
  );
}

/**
 * Progress on stderr for long commands, one phase at a time (`lnnet construct`: build, then verify).
 * On a TTY: a bar with ETA, redrawn about 5 times a second. Off a TTY (CI logs, pipes): one line at
 * least every ~10 s with label, done/total, rate and ETA, and a closing line for phases that lasted
 * that long. `--quiet` silences both.
 *
 * The drawing runs on a small heartbeat thread (progress-ticker.ts) that reads the counters from
 * shared memory, so a phase that blocks the main thread (the construction, a synchronous kernel loop)
 * still reports. Without the compiled ticker (tests importing src/) lines are drawn from `update`.
 */
import { Worker } from "node:worker_threads";
import { compiledWorker } from "../workshop/pool.js";
import type { CliIo } from "./io.js";
import { doneLine, progressBar, progressLine, SLOT, TTY_INTERVAL_MS, DEFAULT_INTERVAL_MS } from "./progress-format.js";

export interface Progress {
  /** Record progress (a plain function: pass it as an onProgress callback). */
  readonly update: (done: number, total: number) => void;
  /** End the phase (idempotent). */
  finish(): void;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  /** Milliseconds between lines off a TTY (default 10 s; LNNET_PROGRESS_INTERVAL_MS overrides, for tests). */
  readonly intervalMs?: number;
  /** The clock (ms); injectable for tests. */
  readonly now?: () => number;
  /** Draw from a heartbeat thread when it is built (default true). */
  readonly heartbeat?: boolean;
}

function intervalFromEnv(): number | undefined {
  const v = Number(process.env.LNNET_PROGRESS_INTERVAL_MS);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

const TICKER = compiledWorker("cli/progress-ticker.js");

/** Start a phase named `label` (e.g. "lnnet construct: verify"). */
export function startProgress(io: CliIo, label: string, opts: ProgressOptions = {}): Progress {
  if (opts.quiet) return { update: () => {}, finish: () => {} };
  const now = opts.now ?? Date.now;
  const tty = io.isTTY;
  const interval = tty ? TTY_INTERVAL_MS : (opts.intervalMs ?? intervalFromEnv() ?? DEFAULT_INTERVAL_MS);
  const t0 = now();
  const shared = new Int32Array(new SharedArrayBuffer(4 * 4));
  let worker: Worker | undefined;
  if ((opts.heartbeat ?? true) && TICKER) {
    worker = new Worker(TICKER, { workerData: { shared, label, tty, interval, t0 } });
    worker.unref();
  }
  let last = t0;
  let finished = false;
  return {
    update(done, total) {
      Atomics.store(shared, SLOT.done, done);
      Atomics.store(shared, SLOT.total, total);
      if (worker) return;
      const t = now();
      if (t - last < interval) return;
      last = t;
      io.err(tty ? progressBar(label, done, total, t - t0) : progressLine(label, done, total, t - t0) + "\n");
    },
    finish() {
      if (finished) return;
      finished = true;
      // Take the drawing lock so no heartbeat line lands after the closing one.
      while (Atomics.compareExchange(shared, SLOT.lock, 0, 1) !== 0);
      Atomics.store(shared, SLOT.stopped, 1);
      Atomics.store(shared, SLOT.lock, 0);
      void worker?.terminate();
      const elapsed = now() - t0;
      const done = Atomics.load(shared, SLOT.done);
      const total = Atomics.load(shared, SLOT.total);
      if (tty) io.err(progressBar(label, total > 0 ? total : done, total, elapsed) + "\n");
      else if (elapsed >= interval) io.err(doneLine(label, done, total, elapsed) + "\n");
    },
  };
}

/** A command's progress: phases named `lnnet <command>: <phase>`, silenced by --quiet. */
export function progressFor(io: CliIo, command: string, values: { quiet?: string | boolean | undefined }): (phase?: string) => Progress {
  return (phase) => startProgress(io, `lnnet ${command}${phase ? `: ${phase}` : ""}`, { quiet: Boolean(values.quiet) });
}

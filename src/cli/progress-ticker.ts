/**
 * The progress heartbeat thread (see progress.ts): every interval it reads the shared counters and
 * writes one line (off a TTY) or redraws the bar (TTY) straight to file descriptor 2, so it reports
 * even while the main thread is busy in synchronous code.
 */
import { writeSync } from "node:fs";
import { workerData } from "node:worker_threads";
import { progressBar, progressLine, SLOT } from "./progress-format.js";

const { shared, label, tty, interval, t0 } = workerData as { shared: Int32Array; label: string; tty: boolean; interval: number; t0: number };

setInterval(() => {
  if (Atomics.compareExchange(shared, SLOT.lock, 0, 1) !== 0) return;
  try {
    if (Atomics.load(shared, SLOT.stopped)) return;
    const done = Atomics.load(shared, SLOT.done);
    const total = Atomics.load(shared, SLOT.total);
    const elapsed = Date.now() - t0;
    writeSync(2, tty ? progressBar(label, done, total, elapsed) : progressLine(label, done, total, elapsed) + "\n");
  } finally {
    Atomics.store(shared, SLOT.lock, 0);
  }
}, interval);

/** Worker-thread entry for sample-parallel verification (compiled to dist/parallel/verify-worker.js). */
import { parentPort, workerData } from "node:worker_threads";
import { verifySlice } from "./verify-slice.js";
import type { SliceJob } from "./wire.js";

const port = parentPort;
if (port) {
  const result = verifySlice(workerData as SliceJob, (done) => port.postMessage({ progress: done }));
  port.postMessage({ result });
}

/** Worker-thread entry for parallel checking: check one slice of a certificate file, streamed (check-parallel.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { acceleratorsFor } from "../trusted/fast/index.js";
import { checkStreamSlice } from "./check-parallel.js";
import { openShatterStream } from "./stream.js";

const port = parentPort;
if (port) {
  const { path, index, count, reference, maxBits } = workerData as { path: string; index: number; count: number; reference: boolean; maxBits?: number };
  const result = checkStreamSlice(openShatterStream(path), { slice: { index, count }, accelerators: acceleratorsFor({ reference }), maxBits, onProgress: (done) => port.postMessage({ progress: done }) });
  port.postMessage({ result });
}

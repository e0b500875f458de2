/** Worker-thread entry for parallel checking: check one slice of a certificate file (trusted/checkers/shatter.ts). */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { checkShatter } from "../trusted/checkers/shatter.js";
import { acceleratorsFor } from "../trusted/fast/index.js";

const port = parentPort;
if (port) {
  const { path, index, count, reference, maxBits } = workerData as { path: string; index: number; count: number; reference: boolean; maxBits?: number };
  const result = checkShatter(JSON.parse(readFileSync(path, "utf8")), { slice: { index, count }, returnCovered: true, accelerators: acceleratorsFor({ reference }), maxBits, onProgress: (done) => port.postMessage({ progress: done }) });
  port.postMessage({ result });
}

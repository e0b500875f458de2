/**
 * Worker-thread entry for sample-parallel verification (compiled to dist/parallel/verify-worker.js):
 * re-parses the net and its slice of samples from JSON and runs the kernel (verifyDataset) on them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { netFromJson } from "../trusted/net/format.js";
import { dataFromJson } from "../trusted/verify/certificate.js";
import { verifyDataset } from "../trusted/verify/verify-dataset.js";
import { toWire, type SliceJob } from "./wire.js";

const port = parentPort;
if (port) {
  const job = workerData as SliceJob;
  const net = netFromJson(job.net);
  const data = dataFromJson(job.data, net.inputDim);
  const report = verifyDataset(net, data, { schedule: job.schedule, onProgress: (done) => port.postMessage({ progress: done }) });
  port.postMessage({ decisions: report.decisions.map(toWire) });
}

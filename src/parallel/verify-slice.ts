/** One worker's share of sample-parallel verification: the kernel (verifyDataset) on a slice, re-parsed from JSON. */
import { netFromJson } from "../trusted/net/format.js";
import { dataFromJson } from "../trusted/verify/certificate.js";
import { verifyDataset } from "../trusted/verify/verify-dataset.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import { toWire, type SliceJob, type SliceResult } from "./wire.js";

export function verifySlice(job: SliceJob, onProgress?: (done: number) => void): SliceResult {
  const net = netFromJson(job.net);
  const data = dataFromJson(job.data, net.inputDim);
  const report = verifyDataset(net, data, { schedule: job.schedule, onProgress, accelerators: job.accelerated ? ACCELERATORS : [] });
  return { decisions: report.decisions.map((d, k) => [job.first + k, toWire(d)] as const) };
}

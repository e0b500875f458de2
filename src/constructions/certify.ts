/**
 * The construction through the trusted kernel: nothing is "certified" unless verifyDataset says
 * every sample is correct. Also measures the precision a certificate really needs.
 */
import type { Dataset } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";
import { decideSample, PreparedNets } from "../trusted/verify/decide.js";
import { verifyDataset, type VerifyReport } from "../trusted/verify/verify-dataset.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import { defaultWorkers, verifyDatasetParallel } from "../parallel/verify-parallel.js";
import { constructNet, type ConstructOptions, type Construction } from "./construct.js";
import { float64Check, type Float64Check } from "./float64-check.js";

export interface CertifiedConstruction {
  readonly construction: Construction;
  readonly report: VerifyReport;
  /** The net in ordinary float64 (PyTorch order): an untrusted estimate, beside the kernel's proof. */
  readonly float64: Float64Check;
}

/** Construct, then verify in this thread (synchronous; see `constructAndVerifyAsync`). */
export function constructAndVerify(data: Dataset, opts: VerifyConstructionOptions = {}): CertifiedConstruction {
  const construction = constructNet(data, opts);
  const maxBits = opts.maxBits ?? 1 << 14;
  const report = verifyDataset(construction.net, data, { schedule: { startBits: Math.min(64, maxBits), maxBits }, onProgress: opts.onProgress, accelerators: ACCELERATORS });
  return { construction, report, float64: float64Check(construction.net, data) };
}

export type VerifyConstructionOptions = ConstructOptions & {
  maxBits?: number;
  onProgress?: (done: number, total: number) => void;
  workers?: number;
  /** Called when the net is built and the kernel starts (progress reporting). */
  onVerify?: () => void;
};

/**
 * `constructAndVerify` with the kernel on worker threads (sample-parallel, the kernel itself
 * unchanged; src/parallel), its ladder started where a few probed samples needed it
 * (`probeStartBits`). `workers` defaults to `defaultWorkers()`; 1 runs in this thread.
 */
export async function constructAndVerifyAsync(data: Dataset, opts: VerifyConstructionOptions = {}): Promise<CertifiedConstruction> {
  const construction = constructNet(data, opts);
  opts.onVerify?.();
  const maxBits = opts.maxBits ?? 1 << 14;
  const report = await verifyDatasetParallel(construction.net, data, {
    schedule: { startBits: probeStartBits(construction.net, data, maxBits), maxBits },
    onProgress: opts.onProgress,
    workers: opts.workers ?? defaultWorkers(),
    accelerators: ACCELERATORS,
  });
  return { construction, report, float64: float64Check(construction.net, data) };
}

/**
 * Where the kernel's precision ladder should start for this net: the bits that a few evenly spaced
 * samples (1 %, at least 4) needed on the full ladder from 64. The nets of one construction need
 * about the same bits for every sample (measured: all 300 samples of m = 300 at the same rung), so
 * starting there skips the failing rungs 64 .. b/2 (~20 % of the kernel's time at m = 300). Only a
 * starting point: samples that need more still climb, and any start is sound. 64 if a probed
 * sample fails (a wrong net should not be checked at maxBits everywhere).
 */
export function probeStartBits(net: Net, data: Dataset, maxBits: number): number {
  const m = data.samples.length;
  const k = Math.min(m, Math.max(4, Math.ceil(m / 100)));
  const samples = Array.from({ length: k }, (_, i) => data.samples[Math.floor((i * m) / k)]!); // i < k <= m, so floor(i m / k) < m
  const report = verifyDataset(net, { dim: data.dim, samples }, { schedule: { startBits: Math.min(64, maxBits), maxBits }, accelerators: ACCELERATORS });
  return report.summary.allCorrect ? Math.max(8, report.summary.maxBits) : Math.min(64, maxBits);
}

/** Does the kernel certify every sample at exactly `bits` of precision? Samples in `order` first. */
function allAt(nets: PreparedNets, data: Dataset, bits: number, order: readonly number[]): boolean {
  return order.every((i) => {
    const s = data.samples[i];
    return s !== undefined && decideSample(nets, s.x, s.label, { startBits: bits, maxBits: bits }).verdict === "correct";
  });
}

/**
 * The least precision (bits, to within `tol`) at which the kernel certifies every sample, by
 * bisection between 8 and `hi` (a precision known to work, e.g. the report's maxBits). Samples
 * that needed the most bits in `report` are tried first so failing probes stop early.
 */
export function minimalBits(net: Net, data: Dataset, report: VerifyReport, tol = 4): number {
  const nets = new PreparedNets(net, ACCELERATORS);
  const order = report.decisions.map((d, i) => ({ i, b: d.bits })).sort((a, b) => b.b - a.b || a.i - b.i).map((x) => x.i);
  let hi = Math.max(8, report.summary.maxBits);
  if (report.summary.maxBits === 0) return 0;
  // From 7: the ladder's rung below hi (float64 box, or half of hi) says nothing about the
  // first-order enclosure at lower BigInt precisions.
  let lo = 7;
  while (hi - lo > tol) {
    const mid = Math.floor((lo + hi) / 2);
    if (allAt(nets, data, mid, order)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Kernel benchmark: certified verification of a deep generated width-3 net (depth 60, 200 samples)
 * next to plain float64 evaluation of the same net.
 *
 * The net: each hidden layer is a random small perturbation of a rotation on the LN circle (so
 * the map is well conditioned and depth does not destroy all information); labels are the float64
 * signs, so nearly every sample is certifiable and the time measured is the cost of proof.
 */
import { rat, type Rational } from "../src/trusted/numbers/rational.js";
import type { Layer, Net } from "../src/trusted/net/model.js";
import { evaluateFloat, toFloatNet } from "../src/workshop/evaluate-float.js";
import { verifyDataset } from "../src/trusted/verify/verify-dataset.js";
import { makeRng } from "../src/workshop/rng.js";
import type { Dataset } from "../src/trusted/net/dataset.js";
import { median, timeMedian } from "./stats.js";
import { verifyDatasetParallel } from "../src/parallel/verify-parallel.js";
import { loadavg } from "node:os";
import { constructNet } from "../src/constructions/index.js";
import type { Accelerator } from "../src/trusted/verify/accelerator.js";
import { ACCELERATORS } from "../src/trusted/fast/index.js";
import { float64Box } from "../src/trusted/fast/float64-box.js";
import { firstOrder } from "../src/trusted/fast/first-order-accelerator.js";
import { randomLabels } from "./construct.js";

const q = (v: number): Rational => rat(Math.round(v * 4096), 4096); // dyadic rounding of a float

export function deepNet(depth: number, seed: number): Net {
  const rng = makeRng(seed);
  const layers: Layer[] = [{ type: "linear", weight: [[q(1)], [q(0)], [q(-1)]], bias: [q(0), q(1), q(0)] }];
  for (let l = 0; l < depth; l++) {
    layers.push({ type: "layernorm", groups: 1, eps: rat(0) });
    if (l === depth - 1) break;
    const a = 2 * Math.PI * rng.next();
    // rotation about the (1,1,1) axis plus a small perturbation
    const c = Math.cos(a), s = Math.sin(a), k = (1 - c) / 3, r = s / Math.sqrt(3);
    const R = [
      [c + k, k - r, k + r],
      [k + r, c + k, k - r],
      [k - r, k + r, c + k],
    ];
    layers.push({ type: "linear", weight: R.map((row) => row.map((v) => q(v + 0.05 * rng.normal()))), bias: [0, 1, 2].map(() => q(0.05 * rng.normal())) });
  }
  layers.push({ type: "linear", weight: [[q(1), q(0), q(-1)]], bias: [q(0)] });
  return { inputDim: 1, layers };
}

export async function benchKernel(): Promise<object> {
  const depth = 60;
  const m = 200;
  const net = deepNet(depth, 7);
  const fnet = toFloatNet(net);
  const rng = makeRng(8);
  const xs = Array.from({ length: m }, () => rat(Math.round((rng.next() * 8 - 4) * 1e6), 1e6));
  const data: Dataset = { dim: 1, samples: xs.map((x) => ({ x: [x], label: evaluateFloat(fnet, [x.valueOf()]) > 0 ? 1 : 0 })) };
  const cert = timeMedian(3, () => verifyDataset(net, data));
  const flt = timeMedian(5, () => xs.reduce((acc, x) => acc + evaluateFloat(fnet, [x.valueOf()]), 0));
  // 1000 samples through the same net, 1 vs 2 worker threads (each runs the unchanged kernel).
  const big: Dataset = { dim: 1, samples: Array.from({ length: 1000 }, (_, i) => data.samples[i % m]!) }; // data has m > 0 samples
  const par: Record<string, number> = {};
  for (const workers of [1, 2]) {
    const times: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await verifyDatasetParallel(net, big, { workers });
      times.push((performance.now() - t0) / 1000);
    }
    par[`seconds1000Samples_${workers}workers`] = median(times);
  }
  return {
    name: "kernel: certified verification, width 3",
    firstOrderM1000: benchFirstOrderM1000(),
    ...par,
    depth,
    samples: m,
    certified: cert.result.summary.correct,
    undecided: cert.result.summary.undecided,
    precisionBits: cert.result.summary.maxBits,
    certifiedSeconds: cert.seconds,
    certifiedSamplesPerSecond: m / cert.seconds,
    float64Seconds: flt.seconds,
    float64SamplesPerSecond: m / flt.seconds,
    slowdown: cert.seconds / flt.seconds,
  };
}

/**
 * The first-order accelerators on the m = 1000 constructed net (random labels in R^10, the construct
 * rows' data, depth ~423), ladder from 128 bits, one thread: the dyadic `first-order` (with
 * float64-box) against all ACCELERATORS (`first-order-fixed` asked first), runs interleaved in one
 * process (old, new, old, new, ...), medians of 3. Kernel seconds are CPU seconds of verifyDataset
 * (user + system); us per sample-layer divides CPU and wall time by samples x LayerNorm layers (on
 * shared cores the CPU figure is the steadier one).
 */
function benchFirstOrderM1000(): object {
  const data = randomLabels(1000, 10);
  const { net, depth } = constructNet(data, { seed: 1 });
  const schedule = { startBits: 128, maxBits: 4096 };
  const modes: [string, readonly Accelerator[]][] = [
    ["first-order (float64-box, first-order)", [float64Box, firstOrder]],
    ["first-order-fixed (ACCELERATORS)", ACCELERATORS],
  ];
  const load = [loadavg()[0]];
  const runs: Record<string, { wall: number[]; cpu: number[]; report?: ReturnType<typeof verifyDataset> }> = {};
  for (let r = 0; r < 3; r++) {
    for (const [name, accelerators] of modes) {
      const row = (runs[name] ??= { wall: [], cpu: [] });
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      row.report = verifyDataset(net, data, { accelerators, schedule });
      row.wall.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      row.cpu.push((c.user + c.system) / 1e6);
    }
  }
  load.push(loadavg()[0]);
  const rows = Object.fromEntries(
    Object.entries(runs).map(([name, r]) => {
      const s = (r.report as ReturnType<typeof verifyDataset>).summary;
      const by: Record<string, number> = {};
      for (const d of (r.report as ReturnType<typeof verifyDataset>).decisions) by[d.by ?? "reference"] = (by[d.by ?? "reference"] ?? 0) + 1;
      const us = (sec: number): number => Number(((sec * 1e6) / (data.samples.length * depth)).toFixed(2));
      return [name, { kernelCpuSeconds: Number(median(r.cpu).toFixed(2)), wallSeconds: Number(median(r.wall).toFixed(2)), usPerSampleLayerCpu: us(median(r.cpu)), usPerSampleLayerWall: us(median(r.wall)), certified: `${s.correct}/${s.samples}`, maxBits: s.maxBits, decidedBy: by }];
    }),
  );
  const [old, fresh] = modes.map(([n]) => median((runs[n] as { cpu: number[] }).cpu));
  return { m: data.samples.length, d: 10, depth, runs: 3, loadAverage1minBeforeAfter: load.map((l) => Number((l ?? 0).toFixed(2))), rows, cpuSpeedup: Number(((old as number) / (fresh as number)).toFixed(1)) };
}

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
  const big: Dataset = { dim: 1, samples: Array.from({ length: 1000 }, (_, i) => data.samples[i % m] as Dataset["samples"][number]) };
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

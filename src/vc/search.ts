/**
 * Beyond the guarantee: for n points (more than 2L+1), look for a certified depth-L net for every
 * labeling. Per orbit representative: first the constructive producers (they succeed whenever the
 * labeling needs at most L - 1 relocations), then gradient fitting (fit.ts) from `restarts` seeded
 * random starts, each fitted net rounded to dyadic rationals and handed to the kernel. If every
 * labeling is found, the result is a shattering certificate: a certified lower bound VC >= n.
 * Every labeling's seed is reported so any single fit can be replayed.
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import { netToJson } from "../workshop/write.js";
import type { Layer, Net } from "../trusted/net/model.js";
import { makeRng } from "../workshop/rng.js";
import { certifyNet, produceCertified } from "./certify.js";
import { fit, initParams, type FloatParams } from "./fit.js";
import { SHATTER_FORMAT, type ShatterCertificateJson, type ShatterEntryJson } from "./format.js";
import { labelingString, labelsOf, type Points, type SymmetryName } from "./labelings.js";
import { dyadic, maxAbs } from "./rounding.js";
import { defaultSymmetries, shardRepresentatives } from "./shatter.js";
import { pointStrings, producersByName } from "./task.js";

export interface SearchOptions {
  readonly depth: number;
  /** Number of points (default points: -(n-1), -(n-3), ..., n-1 on the line). */
  readonly n: number;
  readonly points?: Points;
  readonly seed?: number;
  readonly restarts?: number;
  readonly steps?: number;
  readonly maxBits?: number;
  readonly symmetries?: readonly SymmetryName[];
  /** Skip the constructive producers (test the fitting alone). */
  readonly fitOnly?: boolean;
  /** Only these labelings (masks); default every orbit representative. */
  readonly masks?: readonly number[];
  readonly onProgress?: (done: number, total: number) => void;
}

export interface LabelingResult {
  readonly labeling: string;
  readonly found: boolean;
  readonly how?: "construction" | "fit";
  /** Seed of the successful fit (or of the last one tried): replay with the same depth and points. */
  readonly seed?: number;
  readonly restarts: number;
}

export interface SearchRun {
  readonly depth: number;
  readonly n: number;
  readonly seed: number;
  readonly results: readonly LabelingResult[];
  readonly allFound: boolean;
  /** A checkable lnnet-shatter/v1 certificate when every labeling was found. */
  readonly certificate?: ShatterCertificateJson;
  readonly seconds: number;
}

export const searchPoints = (n: number): Rational[][] => Array.from({ length: n }, (_, i) => [rat(2 * i - (n - 1))]);

/** Per-layer power-of-two scaling (free for LN with eps = 0 and for the output sign), then `bits` bits. */
export function roundParams(f: FloatParams, inDim: number, bits: number): Net {
  const layers: Layer[] = [];
  f.slots.forEach((sl, i) => {
    const w = Array.from({ length: sl.rows }, (_, r) => Array.from(f.p.subarray(sl.w + r * sl.cols, sl.w + (r + 1) * sl.cols)));
    const b = Array.from(f.p.subarray(sl.b, sl.b + sl.rows));
    const s = 2 ** Math.ceil(Math.log2(maxAbs([...w.flat(), ...b]) || 1));
    layers.push({ type: "linear", weight: w.map((r) => r.map((v) => dyadic(v / s, bits))), bias: b.map((v) => dyadic(v / s, bits)) });
    if (i < f.slots.length - 1) layers.push({ type: "layernorm", groups: 1, eps: rat(0) });
  });
  return { inputDim: inDim, layers };
}

/** A 32-bit seed per (run seed, labeling, restart): any one fit can be replayed alone. */
export const fitSeed = (seed: number, mask: number, restart: number): number => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + Math.imul(mask + 1, 40503) + restart * 97) >>> 0;

export function searchLabeling(points: Points, labels: readonly Label[], depth: number, seed: number, mask: number, opts: { restarts: number; steps: number; maxBits: number }): { net?: Net; seed: number; restarts: number } {
  const xs = points.map((x) => x.map((v) => v.valueOf()));
  const signs = labels.map((l) => (l === 1 ? 1 : -1));
  const scale = Math.max(1, ...xs.flat().map(Math.abs));
  let s = 0;
  for (let r = 0; r < opts.restarts; r++) {
    s = fitSeed(seed, mask, r);
    const p = fit(initParams(xs[0]?.length ?? 1, depth, makeRng(s), scale, 3), xs, signs, { depth, steps: opts.steps, lr: 0.05, eps: 1e-12 });
    if (!p) continue;
    for (const bits of [24, 36, 50]) {
      const net = roundParams(p, xs[0]?.length ?? 1, bits);
      if (certifyNet(net, points, labels, opts.maxBits).ok) return { net, seed: s, restarts: r + 1 };
    }
  }
  return { seed: s, restarts: opts.restarts };
}

export function search(opts: SearchOptions): SearchRun {
  const t0 = performance.now();
  const points = opts.points ?? searchPoints(opts.n);
  const m = points.length;
  const seed = opts.seed ?? 1;
  const symmetries = opts.symmetries ?? defaultSymmetries(points);
  const masks = opts.masks ?? shardRepresentatives(points, symmetries);
  const maxBits = opts.maxBits ?? 4096;
  const producers = opts.fitOnly ? [] : producersByName(["line", "c1"], rat(0));
  const results: LabelingResult[] = [];
  const entries: ShatterEntryJson[] = [];
  masks.forEach((mask, k) => {
    const labels = labelsOf(mask, m);
    const labeling = labelingString(mask, m);
    const built = produceCertified(producers, points, labels, opts.depth, { maxBits });
    if (built) {
      results.push({ labeling, found: true, how: "construction", restarts: 0 });
      entries.push({ labeling, net: netToJson(built.net), bits: Math.max(0, ...built.bits) });
    } else {
      const r = searchLabeling(points, labels, opts.depth, seed, mask, { restarts: opts.restarts ?? 20, steps: opts.steps ?? 400, maxBits });
      results.push({ labeling, found: r.net !== undefined, how: r.net ? "fit" : undefined, seed: r.seed, restarts: r.restarts });
      if (r.net) entries.push({ labeling, net: netToJson(r.net), bits: 53 });
    }
    opts.onProgress?.(k + 1, masks.length);
  });
  const allFound = results.every((r) => r.found) && opts.masks === undefined;
  const certificate: ShatterCertificateJson | undefined = allFound
    ? { format: SHATTER_FORMAT, points: { inputDim: (points[0] ?? []).length, x: pointStrings(points) }, width: 3, depth: opts.depth, eps: "0", symmetries: [...symmetries], maxBits, entries }
    : undefined;
  return { depth: opts.depth, n: m, seed, results, allFound, certificate, seconds: (performance.now() - t0) / 1000 };
}

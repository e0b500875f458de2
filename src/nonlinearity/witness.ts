/**
 * Witnesses that one LN layer (after a chosen linear layer) lowers LSSR, which no affine map can do
 * (docs/nonlinearity.md, Theorem 1). The layer is FOUND by a seeded float search (untrusted) and the
 * before/after values are then certified: before exactly, after exactly or by lssr-certified.ts.
 */
import * as C from "../workshop/dyadic.js";
import { rat, type Rational } from "../trusted/numbers/rational.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";
import { layerNormFloat } from "../workshop/evaluate-float.js";
import type { LinearLayer, Net } from "../trusted/net/model.js";
import { lssrFloat } from "./float-lssr.js";
import type { CertifiedLssr } from "../trusted/checkers/lssr-certified.js";
import type { LssrValue } from "../trusted/checkers/lssr.js";
import { lssrToString } from "./ssr.js";
import { makeRng } from "../workshop/rng.js";
import { lssrThroughNet } from "./through-net.js";

export interface Witness {
  readonly name: string;
  readonly description: string;
  readonly data: Dataset;
  /** Linear -> LN -> Linear(. -> 1) (the last layer is irrelevant to LSSR; it makes a valid lnnet/v1 net). */
  readonly net: Net;
  readonly before: LssrValue;
  readonly after: CertifiedLssr;
  /** Proven: the certified upper bound after LN is strictly below the exact value before. */
  readonly lowered: boolean;
  /** after.hi / before (display), 0 when after is exactly 0, NaN when before is inf. */
  readonly ratio: number;
}

const R = (v: number): Rational => rat(v);
const row = (...v: number[]): Rational[] => v.map(R);

export function oneLayerNet(weight: readonly (readonly number[])[], bias: readonly number[], groups = 1): Net {
  const lin: LinearLayer = { type: "linear", weight: weight.map((r) => row(...r)), bias: row(...bias) };
  const width = weight.length;
  const first = weight[0];
  if (!first) throw new Error("oneLayerNet: a weight matrix without rows");
  return {
    inputDim: first.length,
    layers: [lin, { type: "layernorm", groups, eps: rat(0) }, { type: "linear", weight: [row(...new Array<number>(width).fill(0).map((_, i) => (i === 0 ? 1 : 0)))], bias: row(0) }],
  };
}

/** Is the certified value after strictly below the exact value before? (exact comparisons only) */
export function provenLower(before: LssrValue, after: CertifiedLssr): boolean {
  if (after.kind === "exact") return after.value !== "inf" && (before === "inf" || after.value.compare(before) < 0);
  if (after.hi === "inf") return false;
  if (before === "inf") return true;
  return C.dyadicToRational(after.hi, rat).compare(before) < 0;
}

function certify(name: string, description: string, data: Dataset, net: Net, prec: number): Witness {
  const rep = lssrThroughNet(net, data, prec);
  const l = rep.layers[0];
  if (!l || !("result" in l)) throw new Error(`witness ${name}: LN undefined on the data`);
  const after = l.result;
  const hiNum = after.kind === "exact" ? (after.value === "inf" ? Infinity : after.value.valueOf()) : after.hi === "inf" ? Infinity : C.dyadicToNumber(after.hi);
  const ratio = rep.data === "inf" ? NaN : hiNum / rep.data.valueOf();
  return { name, description, data, net, before: rep.data, after, lowered: provenLower(rep.data, after), ratio };
}

/** A dataset from literal points and one label per point (the witnesses below give both). */
function dataset(pts: number[][], labels: Label[]): Dataset {
  if (pts.length === 0 || labels.length !== pts.length) throw new Error(`witness dataset: ${pts.length} points, ${labels.length} labels`);
  return { dim: pts[0]!.length, samples: pts.map((p, i) => ({ x: row(...p), label: labels[i]! })) }; // checked above
}

/** LN on 2 neurons is x -> sign(x1 - x2) (1, -1): a separating layer collapses each class to one point: LSSR 0 exactly. */
export function collapseWitness(): Witness {
  const data = dataset([[1, 0], [2, 1], [3, 1], [2, -1], [0, 1], [1, 2], [-1, 1], [1, 3]], [1, 1, 1, 1, 0, 0, 0, 0]);
  const net = oneLayerNet([[1, -1], [0, 0]], [0, 0]);
  return certify("collapse-to-zero", "8 separable points in R^2; Linear(2->2) h = (x1 - x2, 0), LN on 2 neurons maps class 1 to (1,-1) and class 0 to (-1,1): within-class scatter 0, LSSR exactly 0 (the largest possible reduction)", data, net, 128);
}

/** Seeded search over small-integer Linear(d -> w) layers for the lowest float LSSR after LN-G. */
export function searchLayer(data: Dataset, width: number, groups: number, trials: number, seed: number): { weight: number[][]; bias: number[] } {
  const rng = makeRng(seed);
  const xs = data.samples.map((s) => s.x.map((v) => v.valueOf()));
  const labels = data.samples.map((s) => s.label);
  let best = { weight: [[0]], bias: [0] };
  let bestVal = Infinity;
  for (let t = 0; t < trials; t++) {
    const weight = Array.from({ length: width }, () => Array.from({ length: data.dim }, () => rng.int(-4, 4)));
    const bias = Array.from({ length: width }, () => rng.int(-4, 4));
    // weight is width x dim, bias has width entries and every x has dim coordinates
    const outs = xs.map((x) => layerNormFloat(Float64Array.from(weight.map((r, i) => r.reduce((s, w, j) => s + w * x[j]!, bias[i]!))), groups, 0));
    if (outs.some((o) => o.some((v) => !Number.isFinite(v)))) continue;
    const v = lssrFloat(outs, labels, groups);
    if (v < bestVal) {
      bestVal = v;
      best = { weight, bias };
    }
  }
  return best;
}

/** XOR: equal class means, LSSR = inf before; a width-3 LN layer brings it to a small finite value. */
export function xorWitness(seed = 1, trials = 3000): Witness {
  const data = dataset([[0, 0], [1, 1], [0, 1], [1, 0]], [0, 0, 1, 1]);
  const { weight, bias } = searchLayer(data, 3, 1, trials, seed);
  return certify("xor-inf-to-finite", `XOR in R^2 (class means equal, LSSR = inf); Linear(2->3) found by seeded search (seed ${seed}), then LN on 3 neurons`, data, oneLayerNet(weight, bias), 192);
}

/** Two overlapping Gaussian classes (dyadic coordinates); a width-3 LN layer found by search lowers LSSR. */
export function gaussianWitness(seed = 7, m = 24, trials = 1500): Witness {
  const rng = makeRng(seed);
  const pts: number[][] = [];
  const labels: Label[] = [];
  for (let i = 0; i < m; i++) {
    const lab: Label = i % 2 === 0 ? 1 : 0;
    pts.push([Math.round((rng.normal() + (lab ? 0.5 : -0.5)) * 64) / 64, Math.round(rng.normal() * 64) / 64]);
    labels.push(lab);
  }
  const dyadic = { dim: 2, samples: pts.map((p, i) => ({ x: p.map((v) => rat(Math.round(v * 64), 64)), label: labels[i]! })) }; // one label pushed per point
  const { weight, bias } = searchLayer(dyadic, 3, 1, trials, seed + 1);
  return certify("gaussian-width3", `${m} points, two unit Gaussians 1 apart in R^2 (seed ${seed}); Linear(2->3) by seeded search, LN on 3 neurons`, dyadic, oneLayerNet(weight, bias), 192);
}

export const witnessSummary = (w: Witness): string =>
  `${w.name}: before ${lssrToString(w.before)}, after ${w.after.kind === "exact" ? lssrToString(w.after.value) : `[${C.dyadicToNumber(w.after.lo).toPrecision(6)}, ${w.after.hi === "inf" ? "inf" : C.dyadicToNumber(w.after.hi).toPrecision(6)}]`}, lowered: ${w.lowered}`;

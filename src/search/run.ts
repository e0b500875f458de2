/**
 * The search engine: runs a conjecture spec under its seed and budget and returns one outcome:
 * - "refuted": the conjecture is false, with a refutation certificate (refutation.ts) on a shrunk instance;
 * - "counterexample": a shrunk instance on which the property fails, checkable by replaying it;
 * - "certified": every labeling searched has a net certified by the kernel (rms.ts for RMS nets);
 * - "not-found": the budget ran out with neither; this never means "impossible".
 */
import { InputError } from "../trusted/errors.js";
import { toRationalString } from "../trusted/numbers/rational.js";
import { type Label } from "../trusted/net/dataset.js";
import { makeDataset } from "../workshop/dataset.js";
import { negateOutput } from "../trusted/net/model.js";
import { buildCertificate } from "../workshop/write.js";
import { verifyDataset } from "../trusted/verify/verify-dataset.js";
import { ACCELERATORS } from "../trusted/fast/index.js";
import { makeRng } from "../workshop/rng.js";
import { construct } from "./construction-hook.js";
import { decideExactly, decisionProcedure } from "./exact-decision.js";
import { generateSet, type PointSet } from "./generators.js";
import { describeClass, type NetClass } from "./net-class.js";
import { CERTIFY_SCHEDULE, certifyLn, resolveLabeling } from "./producers.js";
import { refutationToJson, rmsNetToJson, type RefutationJson } from "../workshop/write.js";
import type { RmsNet } from "../trusted/checkers/rms.js";
import { shrink, type Instance } from "./shrink.js";
import type { ConjectureSpec } from "./spec.js";
import type { FittedNet } from "./trainer.js";

export type Outcome = "certified" | "counterexample" | "refuted" | "not-found";

export interface InstanceJson {
  points: string[][];
  labels: Label[];
  depth?: number;
}

export interface SearchResult {
  conjecture: string;
  outcome: Outcome;
  seed: number;
  budget: number;
  class: string;
  property: string;
  stats: { sets: number; labelings: number; certified: number; refuted: number; unresolved: number; seconds: number };
  /** Shrunk failing instance (refuted / counterexample). */
  instance?: InstanceJson;
  shrunkFrom?: number;
  reason?: string;
  refutation?: RefutationJson;
  /** Certified outcome: one certificate per labeling of the (last) fully certified set. */
  certificates?: { labels: Label[]; checkedBy: string; certificate: unknown }[];
  /** not-found: the first labeling no producer could certify (no claim either way). */
  unresolved?: InstanceJson;
  notes: string[];
}

export interface RunOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Restarts of the trainer per labeling. */
  readonly restarts?: number;
}

const instanceJson = (i: Instance, withDepth = true): InstanceJson => ({
  points: i.points.map((p) => p.map(toRationalString)),
  labels: [...i.labels],
  ...(withDepth ? { depth: i.depth } : {}),
});

/** Labelings of n points; with `halve`, only those with labels[0] = 1 (complements follow by negating the output). */
export function allLabelings(n: number, halve: boolean): Label[][] {
  const out: Label[][] = [];
  for (let m = 0; m < 1 << n; m++) {
    const l = Array.from({ length: n }, (_, i) => ((m >> i) & 1) as Label);
    if (!halve || l[0] === 1) out.push(l);
  }
  return out;
}

/** A seed for labeling j of set t, derived from the spec seed (deterministic). */
const subSeed = (seed: number, t: number, j: number): number => (Math.imul(seed ^ 0x9e3779b9, 31) + t * 1009 + j * 7919) >>> 0;

export function runSearch(spec: ConjectureSpec, opts: RunOptions = {}): SearchResult {
  const t0 = performance.now();
  const base: SearchResult = {
    conjecture: spec.name,
    outcome: "not-found",
    seed: spec.seed,
    budget: spec.budget,
    class: describeClass(spec.class),
    property: spec.property.kind === "all-labelings" ? `every labeling realisable (${spec.property.quantifier})` : "C1 construction certified within depth max(1, floor(m/2))",
    stats: { sets: 0, labelings: 0, certified: 0, refuted: 0, unresolved: 0, seconds: 0 },
    notes: [],
  };
  const result = spec.property.kind === "all-labelings" ? allLabelingsSearch(spec, base, opts) : constructionSearch(spec, base, opts);
  result.stats.seconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  return result;
}

function allLabelingsSearch(spec: ConjectureSpec, r: SearchResult, opts: RunOptions): SearchResult {
  const cls = spec.class;
  const some = spec.property.kind === "all-labelings" && spec.property.quantifier === "some-set";
  const rng = makeRng(spec.seed);
  const proc = decisionProcedure(cls);
  if (!proc) r.notes.push("no decision procedure for this class: failures to fit are reported as unresolved, never as impossible");
  for (let t = 0; t < spec.budget; t++) {
    const set = generateSet(spec.data, cls.inputDim, rng);
    r.stats.sets++;
    const labelings = spec.data.labels ?? allLabelings(set.length, true);
    const certs: NonNullable<SearchResult["certificates"]> = [];
    let complete = true;
    for (const [j, labels] of labelings.entries()) {
      r.stats.labelings++;
      const res = resolveLabeling(cls, set, labels, subSeed(spec.seed, t, j), opts.restarts);
      if (res.kind === "refuted") {
        r.stats.refuted++;
        const universal = some ? universalRefutation(cls, set.length) : undefined;
        if (!some || universal) return refuted(spec, r, set, labels, universal);
        complete = false;
        break;
      }
      if (res.kind === "unresolved") {
        r.stats.unresolved++;
        complete = false;
        r.unresolved ??= instanceJson({ points: set, labels, depth: cls.depth });
        if (some) break;
        continue;
      }
      r.stats.certified++;
      certs.push(certificateOf(res.net, set, labels, res.by));
      if (!spec.data.labels) certs.push(certificateOf(negated(res.net), set, complement(labels), res.by));
    }
    opts.onProgress?.(t + 1, spec.budget);
    if (complete) r.certificates = certs;
    if (complete && some) {
      r.outcome = "certified";
      r.notes.push(`all ${certs.length} labelings of one ${set.length}-point set certified: the class shatters it`);
      return r;
    }
  }
  if (!some && r.stats.unresolved === 0) {
    r.outcome = "certified";
    r.notes.push(`every labeling of all ${r.stats.sets} generated sets certified (evidence for these sets only, not a proof for all sets)`);
  }
  return r;
}

/**
 * When one refuted labeling refutes "some n-point set is shattered": on the line at depth 1 every
 * n >= 4 distinct points carry the alternating labeling (n - 1 >= 3 changes); for width 2 (halfspaces
 * in R^d) every n >= d + 2 points have a non-separable labeling (Radon's theorem).
 */
function universalRefutation(cls: NetClass, n: number): string | undefined {
  const proc = decisionProcedure(cls);
  if (proc === "line-depth1" && n >= 4) return "every set of n >= 4 distinct points on the line has the alternating labeling, which changes n - 1 >= 3 times (theorem L1)";
  if (proc === "width2" && n >= cls.inputDim + 2) return `every set of n >= d + 2 = ${cls.inputDim + 2} points in R^${cls.inputDim} has a labeling that is not linearly separable (Radon's theorem; theorem W2)`;
  return undefined;
}

function refuted(spec: ConjectureSpec, r: SearchResult, set: PointSet, labels: readonly Label[], universal: string | undefined): SearchResult {
  const refutes = (i: Instance): boolean => decideExactly({ ...spec.class, depth: i.depth }, i.points, i.labels).kind === "refuted";
  const start: Instance = { points: set, labels, depth: spec.class.depth };
  // A universal refutation (some-set quantifier) is about n-point sets: keep n, do not shrink.
  const { instance } = universal ? { instance: start } : shrink(start, refutes);
  const d = decideExactly({ ...spec.class, depth: instance.depth }, instance.points, instance.labels);
  if (d.kind !== "refuted") throw new Error("internal: shrunk instance is no longer refuted");
  r.outcome = "refuted";
  r.instance = instanceJson(instance);
  r.shrunkFrom = set.length;
  r.refutation = refutationToJson(d.refutation);
  r.reason = universal ?? `this labeling is realised by no net of the class (${d.refutation.kind} certificate)`;
  return r;
}

function constructionSearch(spec: ConjectureSpec, r: SearchResult, opts: RunOptions): SearchResult {
  const build = construct;
  if (!build) {
    throw new InputError("bad-spec", "the C1 construction (src/constructions, issue 3) is not available in this build, so this property cannot be searched", { field: "property.kind" });
  }
  const rng = makeRng(spec.seed);
  const perSet = spec.property.kind === "construction-within-bound" ? spec.property.labelings : 1;
  const violation = (i: Instance): string | undefined => {
    const m = i.points.length;
    const bound = Math.max(1, Math.floor(m / 2));
    let c: ReturnType<typeof build>;
    try {
      c = build(makeDataset(i.points, i.labels), { eps: spec.class.eps, seed: spec.seed });
    } catch (e) {
      if (e instanceof InputError) throw e;
      return `the construction failed: ${(e as Error).message}`; // valid input, no net: a counterexample
    }
    if (c.depth > bound) return `construction depth ${c.depth} exceeds max(1, floor(${m}/2)) = ${bound}`;
    if (!certifyLn(c.net, i.points, i.labels)) return "the kernel does not certify the constructed net on every sample";
    return undefined;
  };
  for (let t = 0; t < spec.budget; t++) {
    const set = generateSet(spec.data, spec.class.inputDim, rng);
    r.stats.sets++;
    const labelings = spec.data.labels ?? Array.from({ length: perSet }, () => set.map(() => rng.int(0, 1) as Label));
    for (const labels of labelings) {
      r.stats.labelings++;
      const start: Instance = { points: set, labels, depth: 1 };
      if (violation(start) === undefined) {
        r.stats.certified++;
        continue;
      }
      const { instance } = shrink(start, (i) => violation(i) !== undefined);
      r.outcome = "counterexample";
      r.instance = instanceJson(instance, false);
      r.shrunkFrom = set.length;
      r.reason = violation(instance);
      return r;
    }
    opts.onProgress?.(t + 1, spec.budget);
  }
  r.notes.push(`${r.stats.labelings} labeled sets: every construction certified within its bound (no counterexample; not a proof)`);
  return r;
}

const complement = (l: readonly Label[]): Label[] => l.map((v) => (1 - v) as Label);

function negated(f: FittedNet): FittedNet {
  if (f.kind === "ln") return { kind: "ln", net: negateOutput(f.net) };
  const layers = [...f.net.layers];
  const last = layers[layers.length - 1];
  if (last?.type !== "linear") throw new Error("internal: RMS net must end with a linear layer");
  layers[layers.length - 1] = { type: "linear", weight: last.weight.map((row) => row.map((w) => w.neg())), bias: last.bias.map((b) => b.neg()) };
  return { kind: "rms", net: { inputDim: f.net.inputDim, layers } as RmsNet };
}

function certificateOf(f: FittedNet, set: PointSet, labels: readonly Label[], by: string): NonNullable<SearchResult["certificates"]>[number] {
  if (f.kind === "ln") {
    const data = makeDataset(set, labels);
    const report = verifyDataset(f.net, data, { schedule: CERTIFY_SCHEDULE, accelerators: ACCELERATORS });
    return { labels: [...labels], checkedBy: `kernel (lnnet check), net by ${by}`, certificate: buildCertificate(f.net, data, report, CERTIFY_SCHEDULE.maxBits) };
  }
  return { labels: [...labels], checkedBy: `src/search/rms.ts interval evaluator (RMS is not lnnet/v1), net by ${by}`, certificate: { net: rmsNetToJson(f.net), points: set.map((p) => p.map(toRationalString)), labels } };
}


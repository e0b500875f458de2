/**
 * Multi-class certification by margins, with the single-output kernel unchanged.
 *
 * A net with C outputs y_0..y_{C-1} predicts class c at x iff y_c(x) > y_j(x) for every j != c. The
 * margin net N_{c,j} is the net with its last linear layer replaced by the one row w_c - w_j and bias
 * b_c - b_j, computed exactly; its output is y_c - y_j, since the last layer is affine and every other
 * layer is shared. So "x is classified c" is the conjunction over j != c of "N_{c,j}(x) > 0", and each
 * conjunct is an ordinary kernel proof about an ordinary lnnet/v1 net (label 1). A sample is certified
 * in its class iff all its C - 1 margins are; a tie (y_c = y_j) is never correct.
 */
import { InputError } from "../trusted/errors.js";
import { netFromJson } from "../trusted/net/format.js";
import { type Dataset } from "../trusted/net/dataset.js";
import { makeDataset } from "../workshop/dataset.js";
import type { Layer, LinearLayer, Net } from "../trusted/net/model.js";
import { parseRational, type Rational } from "../trusted/numbers/rational.js";
import type { Accelerator } from "../trusted/verify/accelerator.js";
import type { SampleDecision } from "../trusted/verify/decide.js";
import { verifyDataset } from "../trusted/verify/verify-dataset.js";
import { allVerdicts, datasetVerdict, notVerified, type Verdict } from "../trusted/verdict.js";
import { netToJson } from "../workshop/write.js";

export interface Classifier {
  readonly inputDim: number;
  readonly hidden: readonly Layer[];
  /** One row per class. */
  readonly last: LinearLayer;
}

/** N_{c,j}: output y_c - y_j, re-read by the trusted parser. */
export function marginNet(k: Classifier, c: number, j: number): Net {
  const { weight, bias } = k.last;
  const row: LinearLayer = { type: "linear", weight: [weight[c]!.map((w, i) => w.sub(weight[j]![i]!))], bias: [bias[c]!.sub(bias[j]!)] };
  return netFromJson(netToJson({ inputDim: k.inputDim, layers: [...k.hidden, row] }));
}

export interface ClassSample {
  readonly x: readonly Rational[];
  readonly label: number;
  readonly line: number;
}
export interface ClassData {
  readonly dim: number;
  readonly samples: readonly ClassSample[];
}

/** CSV `x1,...,xd,label` with label a class index 0..C-1 (otherwise the rules of FORMAT.md, "CSV"). */
export function parseClassCsv(text: string, classes: number, file?: string): ClassData {
  const samples: ClassSample[] = [];
  let dim = -1;
  let first = true;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === "" || t.startsWith("#")) return;
    const cells = t.split(",").map((c) => c.trim());
    const wasFirst = first;
    first = false;
    if (wasFirst && /^[A-Za-z_]/.test(cells.at(-1)!) && !/^(nan|inf)/i.test(cells.at(-1)!)) return; // header
    if (cells.length < 2) throw new InputError("bad-csv", "a row needs at least one coordinate and a label", { file, line });
    if (dim >= 0 && cells.length - 1 !== dim) throw new InputError("dimension-mismatch", `expected ${dim + 1} columns, got ${cells.length}`, { file, line });
    dim = cells.length - 1;
    const labelText = cells.at(-1)!;
    const label = /^\d+$/.test(labelText) ? Number(labelText) : NaN;
    if (!(label < classes)) throw new InputError("bad-label", `label must be a class index 0..${classes - 1}, got "${labelText}"`, { file, line, column: cells.length });
    samples.push({ x: cells.slice(0, -1).map((c, j) => parseRational(c, { file, line, column: j + 1 })), label, line });
  });
  if (samples.length === 0) throw new InputError("empty-data", "no samples", { file });
  return { dim, samples };
}

export interface ClassDecision {
  readonly verdict: SampleDecision["verdict"];
  /** The class whose margin was not proven positive (absent when certified). */
  readonly against?: number;
  /** Highest precision any of its margins needed. */
  readonly bits: number;
}

export interface MarginCheck {
  readonly c: number;
  readonly j: number;
  readonly net: Net;
  readonly data: Dataset;
  readonly verdict: Verdict;
}

export interface ClassReport {
  readonly decisions: readonly ClassDecision[];
  readonly margins: readonly MarginCheck[];
  /** The trusted verdicts of every margin check, joined: proven iff every sample is certified in its class. */
  readonly verdict: Verdict;
}

/** Certify every sample's class: for each class c present and each j != c, the kernel on N_{c,j} and the class-c samples. */
export function certifyClasses(k: Classifier, data: ClassData, opts: { accelerators?: readonly Accelerator[]; maxBits?: number } = {}): ClassReport {
  const C = k.last.weight.length;
  if (data.dim !== k.inputDim) throw new InputError("dimension-mismatch", `the net takes inputs of dimension ${k.inputDim} but the data has dimension ${data.dim}`, { field: "inputDim" });
  const decisions: ClassDecision[] = data.samples.map(() => ({ verdict: "correct", bits: 0 }));
  const margins: MarginCheck[] = [];
  for (let c = 0; c < C; c++) {
    const members = data.samples.flatMap((s, i) => (s.label === c ? [i] : []));
    if (members.length === 0) continue;
    const binary = makeDataset(members.map((i) => data.samples[i]!.x), members.map(() => 1));
    for (let j = 0; j < C; j++) {
      if (j === c) continue;
      const net = marginNet(k, c, j);
      const report = verifyDataset(net, binary, { accelerators: opts.accelerators, schedule: { startBits: 53, maxBits: opts.maxBits ?? 4096 } });
      margins.push({ c, j, net, data: binary, verdict: datasetVerdict(net, binary, report.decisions) });
      report.decisions.forEach((d, m) => {
        const i = members[m]!;
        const prev = decisions[i]!;
        const bits = Math.max(prev.bits, d.bits);
        decisions[i] = prev.verdict === "correct" && d.verdict !== "correct" ? { verdict: d.verdict, against: j, bits } : { ...prev, bits };
      });
    }
  }
  const verdict = margins.length ? allVerdicts(margins.map((m) => m.verdict)) : notVerified("nothing-certified");
  return { decisions, margins, verdict };
}

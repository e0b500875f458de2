/** Verify a net on a whole dataset: one kernel decision per sample, and a summary. */
import { InputError } from "../errors.js";
import { dyadicToDecimalDown, type Dyadic } from "../numbers/interval.js";
import { toNumber } from "../numbers/rational.js";
import type { Dataset } from "../net/dataset.js";
import type { Net } from "../net/model.js";
import { decideSample, DEFAULT_SCHEDULE, PreparedNets, type PrecisionSchedule, type SampleDecision } from "./decide.js";

export interface VerifyOptions {
  readonly schedule?: PrecisionSchedule;
  /** Called after each sample (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface VerifySummary {
  readonly samples: number;
  readonly correct: number;
  readonly wrong: number;
  readonly zero: number;
  readonly undefined: number;
  readonly undecided: number;
  /** True iff every sample is certified correct. */
  readonly allCorrect: boolean;
  /** Highest precision any sample needed (bits; 0 if all were decided exactly). */
  readonly maxBits: number;
  /** Smallest proven lower bound on |y| over certified-correct samples, rounded down (decimal). */
  readonly minAbsYLowerBound: string | null;
  readonly seconds: number;
}

export interface VerifyReport {
  readonly decisions: readonly SampleDecision[];
  readonly summary: VerifySummary;
}

export function checkDimensions(net: Net, data: Dataset): void {
  if (net.inputDim !== data.dim) {
    throw new InputError("dimension-mismatch", `the net takes inputs of dimension ${net.inputDim} but the data has dimension ${data.dim}`, { field: "inputDim" });
  }
}

export function verifyDataset(net: Net, data: Dataset, opts: VerifyOptions = {}): VerifyReport {
  checkDimensions(net, data);
  const t0 = performance.now();
  const nets = new PreparedNets(net);
  const schedule = opts.schedule ?? DEFAULT_SCHEDULE;
  // Warm start: samples of one net tend to need the same precision, so each sample starts at the
  // precision the previous interval-decided sample needed (a speed heuristic; verdicts do not depend on it).
  let start = schedule.startBits;
  const decisions = data.samples.map((s, i) => {
    const d = decideSample(nets, s.x, s.label, { startBits: start, maxBits: schedule.maxBits });
    if (d.bits > 0 && d.verdict !== "undecided") start = d.bits;
    opts.onProgress?.(i + 1, data.samples.length);
    return d;
  });
  return { decisions, summary: summarize(decisions, (performance.now() - t0) / 1000) };
}

/** |y| >= this, proven: the enclosure endpoint nearest 0 (or the exact value). */
export function absLowerBound(d: SampleDecision): { text: string; approx: number } | undefined {
  if (d.verdict !== "correct" && d.verdict !== "wrong") return undefined;
  if (d.exact) {
    const a = d.exact.abs();
    return { text: a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`, approx: toNumber(a) };
  }
  const e = d.enclosure;
  if (!e) return undefined;
  const near: Dyadic = e.lo.m > 0n ? e.lo : { m: -e.hi.m, e: e.hi.e };
  return { text: dyadicToDecimalDown(near), approx: Number(dyadicToDecimalDown(near)) };
}

export function summarize(decisions: readonly SampleDecision[], seconds: number): VerifySummary {
  const count = (v: SampleDecision["verdict"]) => decisions.filter((d) => d.verdict === v).length;
  let min: { text: string; approx: number } | undefined;
  for (const d of decisions) {
    if (d.verdict !== "correct") continue;
    const b = absLowerBound(d);
    if (b && (!min || b.approx < min.approx)) min = b;
  }
  return {
    samples: decisions.length,
    correct: count("correct"),
    wrong: count("wrong"),
    zero: count("zero"),
    undefined: count("undefined"),
    undecided: count("undecided"),
    allCorrect: decisions.every((d) => d.verdict === "correct"),
    maxBits: decisions.reduce((m, d) => Math.max(m, d.bits), 0),
    minAbsYLowerBound: min ? min.text : null,
    seconds,
  };
}


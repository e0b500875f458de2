/** Verify a net on a whole dataset: one kernel decision per sample, and a summary. */
import { InputError } from "../errors.js";
import { dCmp, dNeg, fromRational, type Dyadic } from "../numbers/interval.js";
import type { Dataset } from "../net/dataset.js";
import type { Net } from "../net/model.js";
import type { Accelerator } from "./accelerator.js";
import { decideSample, DEFAULT_SCHEDULE, PreparedNets, VERDICTS, type PrecisionSchedule, type SampleDecision, type Verdict } from "./decide.js";

export interface VerifyOptions {
  readonly schedule?: PrecisionSchedule;
  /** Accelerators asked before the reference box at each rung (none: the reference path alone). */
  readonly accelerators?: readonly Accelerator[];
  /** Called after each sample (for progress bars). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** How many samples got each verdict, and: */
export interface VerifySummary extends Readonly<Record<Verdict, number>> {
  readonly samples: number;
  /** True iff every sample is certified correct. */
  readonly allCorrect: boolean;
  /** Highest precision any sample needed (bits; 0 if all were decided exactly). */
  readonly maxBits: number;
  /** Smallest proven lower bound on |y| over certified-correct samples (exact; workshop/decimal.ts prints it rounded down). */
  readonly minAbsY: Dyadic | null;
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
  const nets = new PreparedNets(net, opts.accelerators);
  const schedule = opts.schedule ?? DEFAULT_SCHEDULE;
  // Warm start: samples of one net tend to need the same precision, so each sample starts at the
  // precision the previous interval-decided sample needed (a speed heuristic: every rung is sound, so a proven sign never depends on it).
  let start = schedule.startBits;
  const decisions = data.samples.map((s, i) => {
    const d = decideSample(nets, s.x, s.label, { startBits: start, maxBits: schedule.maxBits });
    if (d.bits > 0 && d.verdict !== "undecided") start = d.bits;
    opts.onProgress?.(i + 1, data.samples.length);
    return d;
  });
  return { decisions, summary: summarize(decisions, (performance.now() - t0) / 1000) };
}

/**
 * A proven lower bound on |y| as an exact dyadic: the enclosure endpoint nearest 0, or a 64-bit
 * lower enclosure of the exact value. Exact comparisons (dCmp) pick the minimum over samples.
 */
export function absLowerBound(d: SampleDecision): Dyadic | undefined {
  if (d.verdict !== "correct" && d.verdict !== "wrong") return undefined;
  let bound: Dyadic | undefined;
  if (d.exact) bound = fromRational(d.exact.abs(), 64).lo;
  else if (d.enclosure) bound = d.enclosure.lo.m > 0n ? d.enclosure.lo : dNeg(d.enclosure.hi);
  return bound;
}

export function summarize(decisions: readonly SampleDecision[], seconds: number): VerifySummary {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, decisions.filter((d) => d.verdict === v).length])) as Record<Verdict, number>;
  // the least bound over certified-correct samples, by exact comparison (dCmp)
  const bounds = decisions.filter((d) => d.verdict === "correct").map(absLowerBound);
  const min = bounds.reduce((m, b) => (b && (!m || dCmp(b, m) < 0) ? b : m), undefined);
  return {
    samples: decisions.length,
    ...counts,
    allCorrect: decisions.every((d) => d.verdict === "correct"),
    maxBits: decisions.reduce((m, d) => Math.max(m, d.bits), 0),
    minAbsY: min ?? null,
    seconds,
  };
}


/** What crosses the thread boundary: JSON-able jobs and decisions (rationals as "p/q" strings). */
import type { NetJson } from "../workshop/write.js";
import { parseRational, toRationalString } from "../trusted/numbers/rational.js";
import type { Interval } from "../trusted/numbers/interval.js";
import type { Label } from "../trusted/net/dataset.js";
import type { PrecisionSchedule, SampleDecision, Verdict } from "../trusted/verify/decide.js";

export interface SliceJob {
  readonly net: NetJson;
  /** Index of the slice's first sample in the whole dataset (decisions come back under global indices). */
  readonly first: number;
  readonly data: { inputDim: number; samples: { x: string[]; label: Label }[] };
  readonly schedule: PrecisionSchedule;
  /** Run lnnet's accelerators (trusted/fast) in the worker; false: the reference path alone. */
  readonly accelerated: boolean;
}

/** A SampleDecision with its exact value as a string (BigInt dyadics clone as they are). */
export interface WireDecision {
  readonly verdict: Verdict;
  readonly bits: number;
  readonly exact?: string;
  readonly enclosure?: Interval;
  readonly layer?: number;
}

/** A worker's answer: one (global sample index, decision) pair per sample of its slice. */
export interface SliceResult {
  readonly decisions: (readonly [number, WireDecision])[];
}

export const toWire = (d: SampleDecision): WireDecision => ({ ...d, exact: d.exact ? toRationalString(d.exact) : undefined });
export const fromWire = (d: WireDecision): SampleDecision => ({ ...d, exact: d.exact !== undefined ? parseRational(d.exact) : undefined });

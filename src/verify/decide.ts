/**
 * The verdict on one sample: is the sign of the net's output proven to match the label?
 *
 * Order of work: exact rational evaluation as far as it goes (decides exactly when no irrational
 * square root occurs, and proves "undefined" when a zero variance with eps = 0 is met exactly),
 * then interval evaluation from the first irrational LayerNorm at increasing precision until the
 * sign is proven or the precision cap is reached ("undecided": never a guess).
 */
import { IntervalDomainError, signOf, type Interval } from "../numbers/interval.js";
import { sign, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import { evaluateExact } from "../net/evaluate-exact.js";
import type { Net } from "../net/model.js";
import { evaluateIntervalFrom, prepareNet, type PreparedNet } from "./evaluate-interval.js";

export type Verdict =
  | "correct" // sign of y proven equal to the label's sign
  | "wrong" // sign of y proven opposite
  | "zero" // y = 0 exactly: never correct for either label
  | "undefined" // a LayerNorm has zero variance with eps = 0 (proven exactly)
  | "undecided"; // precision cap reached without a proof either way

export interface SampleDecision {
  readonly verdict: Verdict;
  /** Precision (bits) of the interval evaluation that decided; 0 when decided exactly. */
  readonly bits: number;
  /** Exact output when it is rational. */
  readonly exact?: Rational;
  /** Output enclosure of the last interval evaluation attempted. */
  readonly enclosure?: Interval;
  /** Layer at which LayerNorm is undefined. */
  readonly layer?: number;
}

export interface PrecisionSchedule {
  /** First precision tried, in bits (>= 8). */
  readonly startBits: number;
  /** Highest precision tried; beyond it the verdict is "undecided". */
  readonly maxBits: number;
}

export const DEFAULT_SCHEDULE: PrecisionSchedule = { startBits: 64, maxBits: 4096 };

/** Precisions tried: start, 2 start, 4 start, ..., capped by (and always ending at) maxBits. */
export function precisionLadder(s: PrecisionSchedule): number[] {
  const out: number[] = [];
  for (let b = Math.max(8, s.startBits); b < s.maxBits; b *= 2) out.push(b);
  out.push(s.maxBits);
  return out;
}

/** A net together with its parameter enclosures, cached per precision. */
export class PreparedNets {
  private readonly cache = new Map<number, PreparedNet>();
  constructor(readonly net: Net) {}
  at(prec: number): PreparedNet {
    let p = this.cache.get(prec);
    if (!p) {
      p = prepareNet(this.net, prec);
      this.cache.set(prec, p);
    }
    return p;
  }
}

const labelSign = (label: Label): 1 | -1 => (label === 1 ? 1 : -1);

export function decideSample(
  nets: PreparedNets,
  x: readonly Rational[],
  label: Label,
  schedule: PrecisionSchedule = DEFAULT_SCHEDULE,
): SampleDecision {
  const exact = evaluateExact(nets.net, x);
  if (exact.kind === "undefined") return { verdict: "undefined", bits: 0, layer: exact.layer };
  if (exact.kind === "exact") {
    const s = sign(exact.y);
    return { verdict: s === 0 ? "zero" : s === labelSign(label) ? "correct" : "wrong", bits: 0, exact: exact.y };
  }
  let last: Interval | undefined;
  let bits = 0;
  for (const prec of precisionLadder(schedule)) {
    bits = prec;
    let y: Interval;
    try {
      y = evaluateIntervalFrom(nets.at(prec), exact.layer, exact.input);
    } catch (e) {
      if (e instanceof IntervalDomainError) continue; // cannot exclude a zero variance yet: more bits
      throw e;
    }
    last = y;
    const s = signOf(y);
    if (s !== "undecided") return { verdict: s === labelSign(label) ? "correct" : "wrong", bits: prec, enclosure: y };
  }
  return { verdict: "undecided", bits, enclosure: last };
}

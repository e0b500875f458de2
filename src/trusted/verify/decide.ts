/**
 * The verdict on one sample: is the sign of the net's output proven to match the label?
 *
 * Order of work: exact rational evaluation as far as it goes (decides exactly when no irrational
 * square root occurs, and proves "undefined" when a zero variance with eps = 0 is met exactly),
 * then interval evaluation from the first irrational LayerNorm at increasing precision until the
 * sign is proven or the precision cap is reached ("undecided": never a guess). The first rung of the
 * ladder, 53 bits, is the float64 interval fast path (rigorous, see numbers/float-interval.ts); the
 * others are BigInt dyadic intervals.
 */
import { FloatRangeError, toDyadicInterval } from "../fast/float-interval.js";
import { IntervalDomainError, signOf as signOfInterval, type Interval } from "../numbers/interval.js";
import { sign, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import { evaluateExact } from "../net/evaluate-exact.js";
import type { Net } from "../net/model.js";
import { dyadicArith, evaluateIntervalFrom, floatArith, prepareNet, type IntervalArith, type PreparedNet } from "./evaluate-interval.js";
import { evaluateFirstOrder, prepareFirstOrder, type FirstOrderNet } from "../fast/evaluate-first-order.js";

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
  /** First precision tried, in bits (>= 8); 53 or less starts with the float64 fast path. */
  readonly startBits: number;
  /** Highest precision tried; beyond it the verdict is "undecided". */
  readonly maxBits: number;
}

export const FLOAT_BITS = 53;
export const DEFAULT_SCHEDULE: PrecisionSchedule = { startBits: FLOAT_BITS, maxBits: 4096 };

/**
 * Precisions tried. When 53 lies in [startBits, maxBits] the float64 fast path comes first, then
 * BigInt 128, 256, ...; otherwise BigInt from startBits, doubling. Always ends at maxBits.
 * (startBits = maxBits = b asks for exactly b bits, as `minimalBits` bisection needs.)
 */
export function precisionLadder(s: PrecisionSchedule): number[] {
  const out: number[] = [];
  let b = Math.max(8, Math.min(s.startBits, s.maxBits));
  if (b <= FLOAT_BITS && s.maxBits >= FLOAT_BITS) {
    out.push(FLOAT_BITS);
    b = 128;
  }
  for (; b < s.maxBits; b *= 2) out.push(b);
  if (out[out.length - 1] !== s.maxBits) out.push(s.maxBits);
  return out;
}

/** A net together with its parameter enclosures, cached per precision. */
export class PreparedNets {
  private readonly cache = new Map<number, PreparedNet<unknown> | undefined>();
  private readonly firstOrderCache = new Map<number, FirstOrderNet | undefined>();
  constructor(readonly net: Net) {}
  /** Double parameters for first-order evaluation from LayerNorm `from`; undefined when out of scope. */
  firstOrder(from: number): FirstOrderNet | undefined {
    if (!this.firstOrderCache.has(from)) this.firstOrderCache.set(from, prepareFirstOrder(this.net, from));
    return this.firstOrderCache.get(from);
  }
  /** The net's parameter enclosures at `bits`; undefined when float64 cannot hold them (53 bits). */
  at(bits: number): PreparedNet<unknown> | undefined {
    if (!this.cache.has(bits)) {
      const arith: IntervalArith<unknown> = bits === FLOAT_BITS ? (floatArith as IntervalArith<unknown>) : (dyadicArith(bits) as IntervalArith<unknown>);
      try {
        this.cache.set(bits, prepareNet(this.net, arith));
      } catch (e) {
        // A parameter beyond float64's safe range: the fast path does not apply (BigInt rungs do).
        if (!(e instanceof FloatRangeError)) throw e;
        this.cache.set(bits, undefined);
      }
    }
    return this.cache.get(bits);
  }
}

/** The dyadic form of an enclosure from either arithmetic (for reporting). */
function asDyadic(bits: number, y: unknown): Interval {
  return bits === FLOAT_BITS ? toDyadicInterval(y as { lo: number; hi: number }) : (y as Interval);
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
  const ladder = precisionLadder(schedule);
  const fo = nets.firstOrder(exact.layer);
  for (const prec of ladder) {
    bits = prec;
    const p = nets.at(prec);
    if (!p) continue; // float64 cannot hold the parameters: next rung
    // BigInt rungs try the first-order enclosure (evaluate-first-order.ts) first; the box evaluator
    // runs when it does not apply or did not decide at the last rung. Both are enclosures.
    if (fo && prec !== FLOAT_BITS) {
      const y = evaluateFirstOrder(p as PreparedNet<Interval>, fo, exact.input);
      if (y) {
        last = y;
        const s = signOfInterval(y);
        if (s !== "undecided") return { verdict: s === labelSign(label) ? "correct" : "wrong", bits: prec, enclosure: y };
        if (prec !== ladder[ladder.length - 1]) continue;
      }
    }
    let y: unknown;
    try {
      y = evaluateIntervalFrom(p, exact.layer, exact.input);
    } catch (e) {
      // cannot exclude a zero variance yet, or float64 out of range: more bits
      if (e instanceof IntervalDomainError || e instanceof FloatRangeError) continue;
      throw e;
    }
    last = asDyadic(prec, y);
    const s = p.arith.sign(y);
    if (s !== "undecided") return { verdict: s === labelSign(label) ? "correct" : "wrong", bits: prec, enclosure: last };
  }
  return { verdict: "undecided", bits, enclosure: last };
}

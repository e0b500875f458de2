/**
 * The verdict on one sample: is the sign of the net's output proven to match the label?
 *
 * Order of work: exact rational evaluation as far as it goes (decides exactly when no irrational
 * square root occurs, and proves "undefined" when a zero variance with eps = 0 is met exactly),
 * then, from the first irrational LayerNorm on, outward-rounded interval evaluation at increasing
 * precision (the ladder) until the sign is proven or the cap is reached ("undecided": never a guess).
 * At each rung the caller's accelerators (accelerator.ts) are asked first; the box evaluator of
 * evaluate-interval.ts runs when none applies, or at the last rung when none decided.
 */
import { dCmp, IntervalDomainError, signOf, type Interval } from "../numbers/interval.js";
import { sign, type Rational } from "../numbers/rational.js";
import type { Label } from "../net/dataset.js";
import { evaluateExact } from "../net/evaluate-exact.js";
import type { Net } from "../net/model.js";
import { REFERENCE_ONLY, type AcceleratedEvaluation, type Accelerator, type AcceleratorName } from "./accelerator.js";
import { dyadicArith, evaluateIntervalFrom, prepareNet, type PreparedNet } from "./evaluate-interval.js";

export type Verdict =
  | "correct" // sign of y proven equal to the label's sign
  | "wrong" // sign of y proven opposite
  | "zero" // y = 0 exactly: never correct for either label
  | "undefined" // a LayerNorm has zero variance with eps = 0 (proven exactly)
  | "undecided"; // precision cap reached without a proof either way
export const VERDICTS: readonly Verdict[] = ["correct", "wrong", "zero", "undefined", "undecided"];

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
  /** The accelerator whose enclosure decided (absent: exact evaluation or the reference box). */
  readonly by?: AcceleratorName;
}

export interface PrecisionSchedule {
  /** First precision tried, in bits (>= 8). */
  readonly startBits: number;
  /** Highest precision tried; beyond it the verdict is "undecided". */
  readonly maxBits: number;
}

export const FLOAT_BITS = 53;
export const DEFAULT_SCHEDULE: PrecisionSchedule = { startBits: FLOAT_BITS, maxBits: 4096 };

/**
 * Precisions tried: 53 when it lies in [startBits, maxBits] (the float64 accelerator's rung), then
 * 128, 256, ...; otherwise startBits, doubling. Always ends at maxBits. (startBits = maxBits = b asks
 * for exactly b bits, as a least-precision bisection needs.)
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

/** A net with its parameter enclosures cached per precision, and its accelerators prepared per start layer. */
export class PreparedNets {
  private readonly cache = new Map<number, PreparedNet<Interval>>();
  private readonly fast = new Map<number, { name: AcceleratorName; evaluate: AcceleratedEvaluation }[]>();
  constructor(
    readonly net: Net,
    readonly accelerators: readonly Accelerator[] = REFERENCE_ONLY,
  ) {}
  at(bits: number): PreparedNet<Interval> {
    let p = this.cache.get(bits);
    if (!p) this.cache.set(bits, (p = prepareNet(this.net, dyadicArith(bits))));
    return p;
  }
  acceleratorsFrom(from: number): { name: AcceleratorName; evaluate: AcceleratedEvaluation }[] {
    let a = this.fast.get(from);
    if (!a) {
      a = this.accelerators.flatMap((acc) => {
        const evaluate = acc.prepare(this.net, from);
        return evaluate ? [{ name: acc.name, evaluate }] : [];
      });
      this.fast.set(from, a);
    }
    return a;
  }
}

export const labelSign = (label: Label): 1 | -1 => (label === 1 ? 1 : -1);

/**
 * The enclosure `enclose` returns, or undefined when it could not bound a LayerNorm/RMS denominator
 * away from 0 at this precision (IntervalDomainError: more bits may; never a sign). Other errors propagate.
 */
export function tryEnclose<T>(enclose: () => T): T | undefined {
  try {
    return enclose();
  } catch (e) {
    if (e instanceof IntervalDomainError) return undefined;
    throw e;
  }
}

export function decideSample(nets: PreparedNets, x: readonly Rational[], label: Label, schedule: PrecisionSchedule = DEFAULT_SCHEDULE): SampleDecision {
  const exact = evaluateExact(nets.net, x);
  if (exact.kind === "undefined") return { verdict: "undefined", bits: 0, layer: exact.layer };
  if (exact.kind === "exact") {
    const s = sign(exact.y);
    return { verdict: s === 0 ? "zero" : s === labelSign(label) ? "correct" : "wrong", bits: 0, exact: exact.y };
  }
  const fast = nets.acceleratorsFrom(exact.layer);
  const ladder = precisionLadder(schedule);
  const last = ladder[ladder.length - 1];
  let enclosure: Interval | undefined;
  for (const bits of ladder) {
    const p = nets.at(bits);
    let covered = false;
    for (const a of fast) {
      const y = a.evaluate(exact.input, bits, p);
      if (!y) continue;
      // An empty "enclosure" (lo > hi) is an accelerator bug, never a verdict: stop with an internal error.
      if (dCmp(y.lo, y.hi) > 0) throw new Error(`internal: accelerator ${a.name} returned an empty interval`);
      covered = true;
      enclosure = y;
      const s = signOf(y);
      if (s !== "undecided") return { verdict: s === labelSign(label) ? "correct" : "wrong", bits, enclosure: y, by: a.name };
      break; // the first enclosure at a rung stands for it (accelerators come tightest first)
    }
    // An accelerator enclosed but did not decide: a higher rung is the better next step.
    if (covered && bits !== last) continue;
    const y = tryEnclose(() => evaluateIntervalFrom(p, exact.layer, exact.input));
    if (!y) continue; // cannot exclude a zero variance yet: more bits
    enclosure = y;
    const s = signOf(y);
    if (s !== "undecided") return { verdict: s === labelSign(label) ? "correct" : "wrong", bits, enclosure: y };
  }
  return { verdict: "undecided", bits: last ?? 0, enclosure };
}

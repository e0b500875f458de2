/**
 * SSR and LSSR of a labeled dataset, exactly, for the C3 experiments and `lnnet ssr` (docs/nonlinearity.md,
 * section 1). The exact LSSR itself (integer scatter + Bareiss solve) is src/trusted/checkers/lssr.ts,
 * which the certified checker builds on; this file adds what only the experiments need: class
 * splitting with a user-facing error, SSR of a given direction, comparison and display.
 */
import { InputError } from "../trusted/errors.js";
import { isZero, rat, toRationalString, type Rational, ZERO } from "../trusted/numbers/rational.js";
import type { Dataset } from "../trusted/net/dataset.js";
import { lssrDetails, type LssrValue, type TwoClasses } from "../trusted/checkers/lssr.js";

export function splitClasses(data: Dataset): TwoClasses {
  const X = data.samples.filter((s) => s.label === 1).map((s) => s.x);
  const Y = data.samples.filter((s) => s.label === 0).map((s) => s.x);
  if (X.length === 0 || Y.length === 0) {
    throw new InputError("empty-data", `LSSR needs samples of both labels (got ${X.length} with label 1, ${Y.length} with label 0)`);
  }
  return { X, Y };
}

export const lssr = (classes: TwoClasses): LssrValue => lssrDetails(classes).lssr;
export const lssrOfDataset = (data: Dataset): LssrValue => lssr(splitClasses(data));

/** a . b for vectors of one length (`!`: i < a.length = b.length). */
const dot = (a: readonly Rational[], b: readonly Rational[]): Rational => a.reduce((s, ai, i) => s.add(ai.mul(b[i]!)), ZERO);

/**
 * SSR(w) exactly: sum over both classes of the squared within-class deviation of w . x, divided by
 * (w . delta)^2. "undefined" when w . delta = 0.
 */
export function ssr(w: readonly Rational[], { X, Y }: TwoClasses): Rational | "undefined" {
  const spread = (pts: readonly (readonly Rational[])[]): { ss: Rational; m: Rational } => {
    const proj = pts.map((p) => dot(w, p));
    const m = proj.reduce((s, v) => s.add(v), ZERO).div(rat(proj.length));
    return { ss: proj.reduce((s, v) => s.add(v.sub(m).mul(v.sub(m))), ZERO), m };
  };
  const a = spread(X);
  const b = spread(Y);
  const wd = a.m.sub(b.m);
  if (isZero(wd)) return "undefined";
  return a.ss.add(b.ss).div(wd.mul(wd));
}

/** "inf", "0" or "p/q". */
export const lssrToString = (v: LssrValue): string => (v === "inf" ? "inf" : toRationalString(v));

/** Exact comparison with +inf as the largest element. */
export function compareLssr(a: LssrValue, b: LssrValue): -1 | 0 | 1 {
  if (a === "inf") return b === "inf" ? 0 : 1;
  if (b === "inf") return -1;
  return a.compare(b) as -1 | 0 | 1;
}

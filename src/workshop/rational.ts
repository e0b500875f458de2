/**
 * The trusted exact rationals (src/trusted/numbers/rational.ts) plus the conveniences only producers,
 * reports and the CLI use; kept here so they do not count against the trusted line budget.
 */
import { rat, type Rational } from "../trusted/numbers/rational.js";

export * from "../trusted/numbers/rational.js";

export const ONE: Rational = rat(1n);
export const sub = (a: Rational, b: Rational): Rational => a.sub(b);
/** Nearest double (for display and float fast paths only; never for decisions). */
export const toNumber = (r: Rational): number => r.valueOf();

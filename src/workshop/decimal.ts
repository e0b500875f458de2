/**
 * Decimal display of exact dyadics, rounded in a chosen direction (so a printed lower bound is still a
 * lower bound, and a printed interval still contains the value). Display only: every verdict is made on
 * the exact dyadics; test/interval.test.ts checks floor <= a <= ceil and tightness.
 */
import { ceilDiv, floorDiv, type Dyadic } from "../trusted/numbers/interval.js";
import { bitLength } from "../trusted/numbers/rational.js";

/**
 * a rounded to `digits` significant decimal digits toward -inf ("floor") or +inf ("ceil"), e.g.
 * "-1.235e-5": the exact BigInt floor / ceiling (floorDiv, ceilDiv) of a 2^e 10^k = numer / denom. Printing a lower endpoint with "floor" and an
 * upper one with "ceil" keeps the printed interval around the enclosed value.
 */
export function dyadicToDecimal(a: Dyadic, dir: "floor" | "ceil", digits = 4): string {
  if (a.m === 0n) return "0";
  const m = a.m < 0n ? -a.m : a.m;
  const top = Math.max(0, bitLength(m) - 60); // |a| ~ (m >> top) 2^(e + top), the shifted m exact in a double
  // t is a guess of floor(log10 |a|); any t gives a correctly rounded bound, the guess only sets the digits.
  const t = Math.floor(Math.log10(Number(m >> BigInt(top))) + (a.e + top) * Math.log10(2));
  const k = digits - 1 - t; // |a| * 10^k has about `digits` digits before the point
  const numer = (a.m << BigInt(Math.max(0, a.e))) * 10n ** BigInt(Math.max(0, k));
  const denom = (1n << BigInt(Math.max(0, -a.e))) * 10n ** BigInt(Math.max(0, -k));
  const q = dir === "floor" ? floorDiv(numer, denom) : ceilDiv(numer, denom);
  if (q === 0n) return "0";
  const digitsOf = (q < 0n ? -q : q).toString();
  const mant = digitsOf.length > 1 ? `${digitsOf[0]}.${digitsOf.slice(1)}` : digitsOf;
  return `${q < 0n ? "-" : ""}${mant}e${t + (digitsOf.length - digits)}`;
}

/** |a| rounded toward zero (the sign kept), e.g. for "min |y| >=" lines. */
export const dyadicToDecimalDown = (a: Dyadic, digits = 4): string => dyadicToDecimal(a, a.m < 0n ? "ceil" : "floor", digits);

/** A proven lower bound (e.g. on |y|) for display, rounded toward 0 so it stays a lower bound; null if none. */
export const lowerBoundText = (d: Dyadic | null | undefined): string | null => (d ? dyadicToDecimalDown(d) : null);

/** A witness's certified LSSR after LN as display strings (exact rationals) and float64 numbers for plots. */
import * as C from "../workshop/dyadic.js";
import { rat } from "../trusted/numbers/rational.js";
import { lssrToString } from "./ssr.js";
import type { Witness } from "./witness.js";

export interface AfterBounds {
  readonly lo: string;
  readonly hi: string;
  readonly loNum: number;
  readonly hiNum: number;
}

export function afterBounds(w: Witness): AfterBounds {
  const a = w.after;
  if (a.kind === "exact") {
    const s = lssrToString(a.value);
    const v = a.value === "inf" ? Infinity : a.value.valueOf();
    return { lo: s, hi: s, loNum: v, hiNum: v };
  }
  const hiR = a.hi === "inf" ? "inf" : C.dyadicToRational(a.hi, rat);
  return {
    lo: lssrToString(C.dyadicToRational(a.lo, rat)),
    hi: hiR === "inf" ? "inf" : lssrToString(hiR),
    loNum: C.dyadicToNumber(a.lo),
    hiNum: a.hi === "inf" ? Infinity : C.dyadicToNumber(a.hi),
  };
}

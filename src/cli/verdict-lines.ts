/** Unproven verdict lines only the CLI prints (the grammar is src/trusted/verdict.ts's; nothing here says proven). */
import { unproven, type Verdict } from "../trusted/verdict.js";

export const computed = (what: string): Verdict => unproven(`s COMPUTED ${what}`);
export const notComputed = (code: string): Verdict => unproven(`s NOT COMPUTED ${code}`);
export const errorVerdict = (code: string): Verdict => unproven(`s ERROR ${code}`);

/** `lnnet reproduce`: the claims table is a report, not a proof; one line sums it up. */
export const claimsVerdict = (failing: readonly string[], total: number): Verdict =>
  unproven(failing.length ? `s NOT ALL CLAIMS HOLD: ${failing.join(", ")}` : `s ALL ${total} CLAIMS HOLD`);

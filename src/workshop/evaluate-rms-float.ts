/** float64 evaluation of RMS nets (src/trusted/checkers/rms.ts): heuristic, for producers only, never for a verdict. */
import type { RmsNet } from "../trusted/checkers/rms.js";
import { toNumber } from "./rational.js";

/** float64 output (heuristic; producers only). NaN when a zero vector meets eps = 0. */
export function evaluateRmsFloat(net: RmsNet, x: readonly number[]): number {
  let h = [...x];
  for (const l of net.layers) {
    if (l.type === "rms") {
      const ms = h.reduce((s, v) => s + v * v, 0) / h.length + toNumber(l.eps);
      const r = Math.sqrt(ms);
      h = h.map((v) => v / r);
    } else {
      // the producers' RMS nets have one bias per row and one weight per input (rmsNetFromJson checks only types)
      h = l.weight.map((row, i) => row.reduce((s, w, j) => s + toNumber(w) * h[j]!, toNumber(l.bias[i]!)));
    }
  }
  return h[0] ?? NaN; // an empty output vector has no value
}

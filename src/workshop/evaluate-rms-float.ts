/** float64 evaluation of RMS nets (src/trusted/checkers/rms.ts): heuristic, for producers only, never for a verdict. */
import type { RmsNet } from "../trusted/checkers/rms.js";
import { toNumber, type Rational } from "../trusted/numbers/rational.js";

/** float64 output (heuristic; producers only). NaN when a zero vector meets eps = 0. */
export function evaluateRmsFloat(net: RmsNet, x: readonly number[]): number {
  let h = [...x];
  for (const l of net.layers) {
    if (l.type === "rms") {
      const ms = h.reduce((s, v) => s + v * v, 0) / h.length + toNumber(l.eps);
      const r = Math.sqrt(ms);
      h = h.map((v) => v / r);
    } else {
      h = l.weight.map((row, i) => row.reduce((s, w, j) => s + toNumber(w) * (h[j] as number), toNumber(l.bias[i] as Rational)));
    }
  }
  return h[0] as number;
}

/**
 * An independent, non-rigorous oracle: the net evaluated in decimal.js at very high precision.
 * Shares no code with the kernel's interval evaluator (only the parsed net).
 */
import { Decimal } from "decimal.js";
import { parseRational, type Rational } from "../../src/trusted/numbers/rational.js";
import type { Net } from "../../src/trusted/net/model.js";

const D = Decimal.clone({ precision: 150, rounding: Decimal.ROUND_HALF_EVEN });
const dec = (r: Rational): Decimal => new D((r.s * r.n).toString()).div(r.d.toString());

export function evaluateDecimal(net: Net, x: readonly Rational[]): Rational | undefined {
  // nets here are well-formed: one bias per row, one weight per input, a non-empty output
  let h = x.map(dec);
  for (const l of net.layers) {
    if (l.type === "linear") {
      h = l.weight.map((row, i) => row.reduce((s, w, j) => s.plus(dec(w).times(h[j]!)), dec(l.bias[i]!)));
    } else {
      const k = h.length / l.groups;
      const out: Decimal[] = [];
      for (let g = 0; g < l.groups; g++) {
        const part = h.slice(g * k, (g + 1) * k);
        const mean = part.reduce((s, v) => s.plus(v), new D(0)).div(k);
        const v = part.reduce((s, y) => s.plus(y.minus(mean).pow(2)), new D(0)).div(k).plus(dec(l.eps));
        if (v.isZero()) return undefined;
        const sd = v.sqrt();
        out.push(...part.map((y) => y.minus(mean).div(sd)));
      }
      h = out;
    }
  }
  return parseRational(h[0]!.toString());
}

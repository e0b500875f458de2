/**
 * An independent, non-rigorous oracle: the net evaluated in decimal.js at very high precision.
 * Shares no code with the kernel's interval evaluator (only the parsed net).
 */
import { Decimal } from "decimal.js";
import { parseRational, type Rational } from "../../src/trusted/numbers/rational.js";
import type { Net } from "../../src/trusted/net/model.js";

const contexts = new Map<number, typeof Decimal>();
/** decimal.js at `digits` significant digits, exponents unbounded in practice, plain notation. */
function decimalAt(digits: number): typeof Decimal {
  let D = contexts.get(digits);
  if (!D) {
    D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });
    contexts.set(digits, D);
  }
  return D;
}

/** The output vector of the first `upTo` layers at `digits` digits; undefined at a zero variance. */
export function decimalLayers(net: Net, x: readonly Rational[], digits: number, upTo = net.layers.length): Decimal[] | undefined {
  const D = decimalAt(digits);
  const dec = (r: Rational): Decimal => new D((r.s * r.n).toString()).div(r.d.toString());
  // nets here are well-formed: one bias per row, one weight per input, groups dividing the width
  let h = x.map(dec);
  for (const l of net.layers.slice(0, upTo)) {
    if (l.type === "linear") {
      h = l.weight.map((row, i) => row.reduce((s, w, j) => s.plus(dec(w).times(h[j]!)), dec(l.bias[i]!)));
      continue;
    }
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
  return h;
}

/** The output at `digits` digits as a Decimal; undefined at a zero variance. */
export const decimalOutput = (net: Net, x: readonly Rational[], digits: number): Decimal | undefined => decimalLayers(net, x, digits)?.[0];

/** A Decimal as an exact rational (its plain decimal expansion). */
export const decimalToRational = (d: Decimal): Rational => parseRational(d.toFixed());

/** The output at 150 digits as a rational; undefined at a zero variance. */
export function evaluateDecimal(net: Net, x: readonly Rational[]): Rational | undefined {
  const y = decimalOutput(net, x, 150);
  return y && decimalToRational(y);
}

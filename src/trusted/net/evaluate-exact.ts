/**
 * Exact rational evaluation, as far as it goes: a LayerNorm whose variance (+ eps) is not the square
 * of a rational has an irrational output (docs/construction.md, section 1: width 3 with eps = 0 always does), and
 * evaluation stops there, handing the exact input of that layer to the interval evaluator.
 */
import { exactSqrt, isZero, rat, sum, type Rational } from "../numbers/rational.js";
import type { LayerNormLayer, LinearLayer, Net } from "./model.js";

export type ExactOutcome =
  /** The output, exactly. */
  | { readonly kind: "exact"; readonly y: Rational }
  /** Layer `layer` (a LayerNorm) has an irrational output; `input` is its exact input. */
  | { readonly kind: "irrational"; readonly layer: number; readonly input: readonly Rational[] }
  /** Layer `layer` meets a zero-variance group with eps = 0: LN is undefined there. */
  | { readonly kind: "undefined"; readonly layer: number; readonly group: number };

/** W x + b. The parser (format.ts) gives every row one weight per input and one bias per row; `!` relies on that. */
export function linearExact(l: LinearLayer, x: readonly Rational[]): Rational[] {
  return l.weight.map((row, i) => {
    let s = l.bias[i]!;
    row.forEach((w, j) => {
      if (!isZero(w)) s = s.add(w.mul(x[j]!));
    });
    return s;
  });
}

type LnExact = { kind: "ok"; out: Rational[] } | { kind: "irrational" } | { kind: "undefined"; group: number };

export function layerNormExact(l: LayerNormLayer, h: readonly Rational[]): LnExact {
  const k = h.length / l.groups;
  const groups = Array.from({ length: l.groups }, (_, g) => {
    const part = h.slice(g * k, (g + 1) * k);
    const mean = sum(part).div(rat(k));
    const centred = part.map((v) => v.sub(mean));
    const v = sum(centred.map((c) => c.mul(c))).div(rat(k)).add(l.eps);
    return { centred, v };
  });
  // Undefined anywhere beats irrational elsewhere: the sample has no output at all.
  const zero = groups.findIndex((g) => isZero(g.v));
  if (zero >= 0) return { kind: "undefined", group: zero };
  const out: Rational[] = [];
  for (const g of groups) {
    const s = exactSqrt(g.v);
    if (s === undefined) return { kind: "irrational" };
    out.push(...g.centred.map((c) => c.div(s)));
  }
  return { kind: "ok", out };
}

export function evaluateExact(net: Net, x: readonly Rational[]): ExactOutcome {
  let h: readonly Rational[] = x;
  for (const [i, l] of net.layers.entries()) {
    if (l.type === "linear") {
      h = linearExact(l, h);
      continue;
    }
    const r = layerNormExact(l, h);
    if (r.kind === "irrational") return { kind: "irrational", layer: i, input: h };
    if (r.kind === "undefined") return { kind: "undefined", layer: i, group: r.group };
    h = r.out;
  }
  if (h.length !== 1) throw new RangeError(`internal: the net has ${h.length} outputs, not 1`);
  return { kind: "exact", y: h[0]! };
}

/**
 * LSSR of a dataset and of its image after every LayerNorm layer of a net. Representations stay
 * exact rationals while every LN output is rational (variance a rational square, e.g. groups of 2);
 * from the first irrational LN on they are outward-rounded interval enclosures (numbers/interval.ts,
 * verify/evaluate-interval.ts), and LSSR is certified by lssr-certified.ts.
 */
import * as I from "../trusted/numbers/interval.js";
import type { Interval } from "../trusted/numbers/interval.js";
import { IntervalDomainError } from "../trusted/numbers/interval.js";
import type { Rational } from "../trusted/numbers/rational.js";
import type { Dataset, Label } from "../trusted/net/dataset.js";
import { layerNormExact, linearExact } from "../trusted/net/evaluate-exact.js";
import type { LayerNormLayer, LinearLayer, Net } from "../trusted/net/model.js";
import { dyadicArith, layerNormGroup } from "../trusted/verify/evaluate-interval.js";
import type { CertifiedLssr } from "../trusted/checkers/lssr-certified.js";
import { certifiedLssr } from "./lssr-hints.js";
import { lssrDetails, type LssrValue } from "../trusted/checkers/lssr.js";
import { splitClasses } from "./ssr.js";

export type LayerLssr =
  | { readonly layer: number; readonly groups: number; readonly result: CertifiedLssr }
  /** Some sample meets a zero-variance group with eps = 0 (LN undefined) or an undecidable denominator. */
  | { readonly layer: number; readonly groups: number; readonly undefinedAt: number; readonly reason: string };

export interface NetLssrReport {
  readonly data: LssrValue;
  readonly layers: LayerLssr[];
}

type State = { kind: "exact"; pts: Rational[][] } | { kind: "interval"; pts: Interval[][] };

const enclose = (pts: readonly (readonly Rational[])[], prec: number): Interval[][] => pts.map((p) => p.map((r) => I.fromRational(r, prec)));

function linearInterval(l: LinearLayer, h: readonly Interval[], prec: number): Interval[] {
  // A net's layer has one bias per weight row and one weight per input (its format checks shapes).
  return l.weight.map((row, i) => {
    let acc = I.fromRational(l.bias[i]!, prec);
    row.forEach((w, j) => {
      if (w.n !== 0n) acc = I.add(acc, I.mul(I.fromRational(w, prec), h[j]!, prec), prec);
    });
    return acc;
  });
}

function lnInterval(l: LayerNormLayer, h: readonly Interval[], prec: number): Interval[] {
  const k = h.length / l.groups;
  const k3eps = I.fromRational(l.eps.mul(BigInt(k) ** 3n), prec);
  const out: Interval[] = [];
  for (let g = 0; g < l.groups; g++) out.push(...layerNormGroup(dyadicArith(prec), h.slice(g * k, (g + 1) * k), k3eps));
  return out;
}

/** LSSR of the data and after each LN layer. `prec` sets the interval precision (tightness only). */
export function lssrThroughNet(net: Net, data: Dataset, prec = 192): NetLssrReport {
  const labels: Label[] = data.samples.map((s) => s.label);
  const report: NetLssrReport = { data: lssrDetails(splitClasses(data)).lssr, layers: [] };
  let st: State = { kind: "exact", pts: data.samples.map((s) => [...s.x]) };
  for (const [li, l] of net.layers.entries()) {
    if (l.type === "linear") {
      st = st.kind === "exact" ? { kind: "exact", pts: st.pts.map((p) => linearExact(l, p)) } : { kind: "interval", pts: st.pts.map((p) => linearInterval(l, p, prec)) };
      continue;
    }
    if (st.kind === "exact") {
      const exactPts: Rational[][] = st.pts;
      const outs: ReturnType<typeof layerNormExact>[] = exactPts.map((p) => layerNormExact(l, p));
      const bad = outs.findIndex((o) => o.kind === "undefined");
      if (bad >= 0) {
        report.layers.push({ layer: li, groups: l.groups, undefinedAt: bad, reason: "zero variance in a group with eps = 0: LN undefined" });
        return report;
      }
      if (outs.every((o) => o.kind === "ok")) {
        const pts: Rational[][] = outs.map((o) => (o.kind === "ok" ? o.out : []));
        st = { kind: "exact", pts };
        const value = lssrDetails({ X: pts.filter((_, i) => labels[i] === 1), Y: pts.filter((_, i) => labels[i] === 0) }).lssr;
        report.layers.push({ layer: li, groups: l.groups, result: { kind: "exact", value } });
        continue;
      }
      st = { kind: "interval", pts: enclose(exactPts, prec) };
    }
    const ins: Interval[][] = st.pts;
    const pts: Interval[][] = [];
    for (const [s, p] of ins.entries()) {
      try {
        pts.push(lnInterval(l, p, prec));
      } catch (e) {
        if (!(e instanceof IntervalDomainError)) throw e;
        report.layers.push({ layer: li, groups: l.groups, undefinedAt: s, reason: `variance not bounded away from 0 at ${prec} bits` });
        return report;
      }
    }
    st = { kind: "interval", pts };
    report.layers.push({ layer: li, groups: l.groups, result: certifiedLssr({ points: pts, labels, groups: l.groups }, prec) });
  }
  return report;
}

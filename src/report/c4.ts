/** Claim C4 in the report: per width, the LN-G Hessian and LSSR-ratio table by group count g, and two plots. */
import type { WidthResult } from "../nonlinearity/lng-measures.js";
import { markdownTable } from "./markdown-table.js";
import { renderPlot } from "./svg.js";

export const C4_PLOT_TITLES: Record<string, string> = { "c4-hessian-vs-g.svg": "LN-G Hessian measure vs g", "c4-lssr-ratio-vs-g.svg": "LSSR ratio vs g" };

const PAIR_NOTE =
  "Groups of size 2: LayerNorm (eps = 0) of two entries is (+1, -1) or (-1, +1), piecewise constant, so its Hessian is 0 wherever it is defined; those rows show 0 by construction and are left out of the verdict and the fit (groups of size >= 3).";

export function c4Svgs(widths: readonly WidthResult[]): Record<string, string> {
  return {
    "c4-hessian-vs-g.svg": renderPlot({
      title: "C4: median Frobenius norm of the LN-G Hessian, x ~ N(0, I)",
      xLabel: "groups g (log)",
      yLabel: "median ||H||_F (log)",
      logX: true,
      logY: true,
      series: [
        ...widths.map((w) => ({ name: `width ${w.width}`, points: w.rows.filter((r) => r.k >= 3).map((r) => ({ x: r.g, y: r.frobMedian.value, lo: r.frobMedian.lo, hi: r.frobMedian.hi })) })),
        ...widths.map((w) => {
          const r0 = w.rows.find((r) => r.g === 1);
          return { name: `sqrt(g) from g=1 (w ${w.width})`, dashed: true, points: w.rows.filter((r) => r.k >= 3).map((r) => ({ x: r.g, y: (r0?.frobMedian.value ?? 1) * Math.sqrt(r.g) })) };
        }),
      ],
    }),
    "c4-lssr-ratio-vs-g.svg": renderPlot({
      title: "C4: LSSR after LN-G / before (random data, random labels)",
      xLabel: "groups g (log)",
      yLabel: "ratio (geometric mean, 95% CI)",
      logX: true,
      series: widths.flatMap((w) => [
        { name: `random layer, w ${w.width}`, points: w.rows.map((r) => ({ x: r.g, y: r.lssrRatio.value, lo: r.lssrRatio.lo, hi: r.lssrRatio.hi })) },
        { name: `best layer, w ${w.width}`, dashed: true, points: w.rows.map((r) => ({ x: r.g, y: r.lssrBestRatio.value, lo: r.lssrBestRatio.lo, hi: r.lssrBestRatio.hi })) },
      ]),
    }),
  };
}

function widthTable(w: WidthResult): string[] {
  return [
    `**Width ${w.width}**: fitted median ||H||_F ~ g^${w.exponentMedian.value.toFixed(3)} (95% CI [${w.exponentMedian.lo.toFixed(3)}, ${w.exponentMedian.hi.toFixed(3)}]); the sqrt(g) heuristic predicts 0.5.`,
    "",
    ...markdownTable(
      ["g", "group size", "median ||H||_F (95% CI)", "LSSR after/before, random layer", "best of several layers"],
      w.rows.map((x) => [
        x.g,
        x.k,
        `${x.frobMedian.value.toPrecision(4)} [${x.frobMedian.lo.toPrecision(4)}, ${x.frobMedian.hi.toPrecision(4)}]${x.k === 2 ? " (size 2: LN is ±1, piecewise constant)" : ""}`,
        `${x.lssrRatio.value.toFixed(3)} [${x.lssrRatio.lo.toFixed(3)}, ${x.lssrRatio.hi.toFixed(3)}]`,
        x.lssrBestRatio.value.toFixed(3),
      ]),
    ),
    "",
  ];
}

export function c4Details(widths: readonly WidthResult[], rule: string): string {
  return [
    `Verdict rule: ${rule}.`,
    "",
    "The LSSR-reduction measure does not show amplification with g on random data (ratios in the table); see docs/nonlinearity.md.",
    "",
    ...widths.flatMap(widthTable),
    PAIR_NOTE,
  ].join("\n");
}

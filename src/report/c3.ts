/** Claim C3 in the report: the witness table and the plot of LSSR before / after one LN layer. */
import type { C3Evidence } from "../claims/c3.js";
import { markdownTable } from "./markdown-table.js";
import { renderPlot } from "./svg.js";

/** One witness in float64 for the plot: LSSR before (null for inf) and the certified enclosure after. */
export interface C3PlotPoint {
  readonly name: string;
  readonly before: number | null;
  readonly afterLo: number;
  readonly afterHi: number;
}

export const C3_PLOT_TITLES: Record<string, string> = { "c3-lssr-before-after.svg": "LSSR before / after one LN layer" };

export function c3Svgs(points: readonly C3PlotPoint[]): Record<string, string> {
  const numbered = points.map((p, i) => ({ ...p, i: i + 1 }));
  const svg = renderPlot({
    title: "C3: LSSR before / after one LN layer (certified)",
    xLabel: "witness",
    xCategories: points.map((p) => p.name),
    yLabel: "LSSR (inf not drawn)",
    series: [
      { name: "before (exact)", line: false, points: numbered.flatMap((p) => (p.before === null ? [] : [{ x: p.i, y: p.before }])) },
      { name: "after (certified)", line: false, points: numbered.map((p) => ({ x: p.i, y: p.afterHi, lo: p.afterLo, hi: p.afterHi })) },
    ],
  });
  return { "c3-lssr-before-after.svg": svg };
}

export function c3Details(e: C3Evidence, rule: string): string {
  return [
    `Verdict rule: ${rule}.`,
    "",
    ...markdownTable(
      ["witness", "data", "LSSR before (exact)", "LSSR after one LN layer (certified)", "lowered"],
      e.witnesses.map((w) => [w.name, w.description, w.before, `[${w.afterLo}, ${w.afterHi}]`, w.lowered ? "yes" : "no"]),
    ),
  ].join("\n");
}

/** Claim C5 in the report: the random-labels setting, the accuracy table by group count g, and its plot. */
import type { C5Evidence } from "../claims/c5.js";
import { markdownTable } from "./markdown-table.js";
import { renderPlot } from "./svg.js";

export const C5_PLOT_TITLES: Record<string, string> = { "c5-accuracy-vs-g.svg": "random-label accuracy vs g" };

export function c5Svgs({ config, rows }: C5Evidence): Record<string, string> {
  const svg = renderPlot({
    title: `C5: random labels, train accuracy vs g (width ${config.width}, depth ${config.depth}, m ${config.m})`,
    xLabel: "groups g (log)",
    yLabel: "train accuracy (mean +- sd over seeds)",
    logX: true,
    series: [{ name: "LN-G-Net, no activation", points: rows.map((r) => ({ x: r.g, y: r.mean, lo: r.mean - r.sd, hi: r.mean + r.sd })) }],
  });
  return { "c5-accuracy-vs-g.svg": svg };
}

export function c5Details({ config, rows }: C5Evidence, rule: string): string {
  return [
    `Verdict rule: ${rule}.`,
    "",
    `Setting: ${config.m} Gaussian points in R^${config.d}, random labels, width ${config.width}, depth ${config.depth}, ${config.epochs} epochs, seeds ${config.seeds.join(", ")}, eps = 1e-5, no activation functions.`,
    "The paper's CIFAR-10 / ResNet / ViT experiments are out of reach on this 2-core CPU-only machine; this is the small synthetic version.",
    "",
    ...markdownTable(
      ["g", "group size", "train accuracy (mean ± sd)"],
      rows.map((x) => [x.g, x.k, `${x.mean.toFixed(3)} ± ${x.sd.toFixed(3)}`]),
    ),
  ].join("\n");
}

/** Claim C1 in the report: the per-dataset table and the plots (depth vs m, bits vs depth, a construction on the circle). */
import type { C1Row } from "../claims/c1.js";
import type { Plot } from "../claims/claim.js";
import type { Dataset } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";
import { renderCircleTrace } from "./circle-trace.js";
import { markdownTable } from "./markdown-table.js";
import { renderPlot } from "./svg.js";

export function c1Details(rows: readonly C1Row[]): string {
  return [
    ...markdownTable(
      ["dataset", "m", "d", "eps", "depth", "bound", "certified", "ladder bits", "least bits", "time (s)", "ok"],
      rows.map((r) => [r.name, r.m, r.d, r.eps, r.depth, r.bound, `${r.certified}/${r.m}`, r.bits, r.minimalBits, r.seconds.toFixed(2), r.ok ? "yes" : "**no**"]),
    ),
    "",
    "Ladder bits: the rung at which the kernel decided the hardest sample (53 = the float64 interval fast path). Least bits: the smallest precision (bisection, to within 4 bits) at which the kernel certifies every sample; with the first-order enclosure (GUARANTEES.md) it stays nearly flat in depth.",
  ].join("\n");
}

/** `walk`: a small construction drawn layer by layer on the circle. */
export function c1Plots(rows: readonly C1Row[], walk: { net: Net; data: Dataset }): Plot[] {
  const alt = rows.filter((r) => r.kind === "alternating" && r.eps === "0");
  const others = rows.filter((r) => r.kind !== "alternating");
  // The bound max(1, floor(m/2)) at every m of the plot, drawn last so no data line hides it.
  const maxM = Math.max(...rows.map((r) => r.m));
  const bound = Array.from({ length: maxM - 1 }, (_, i) => ({ x: i + 2, y: Math.max(1, Math.floor((i + 2) / 2)) }));
  const depthVsM = renderPlot({
    title: "C1: depth of the certified width-3 net vs samples m (log-log)",
    xLabel: "samples m",
    yLabel: "LN layers (depth)",
    logX: true,
    logY: true,
    series: [
      { name: "alternating labels on a line (worst case)", points: alt.map((r) => ({ x: r.m, y: r.depth })) },
      { name: "random labels, clusters, nested scales (each at or below the bound at its m)", line: false, points: others.map((r) => ({ x: r.m, y: r.depth })) },
      { name: "bound max(1, floor(m/2)) (dashed, on top)", dashed: true, markers: false, color: "#000", points: bound },
    ],
  });
  const bitsVsDepth = renderPlot({
    title: "C1: least precision at which the kernel certifies every sample vs depth",
    xLabel: "depth (LN layers, log scale)",
    yLabel: "bits (log scale)",
    logX: true,
    logY: true,
    series: [{ name: "certified nets (the point near 1000 bits: nested scales 0, 1e-60 .. 1e30)", line: false, points: rows.filter((r) => r.minimalBits > 0).map((r) => ({ x: r.depth, y: r.minimalBits })) }],
  });
  const trace = renderCircleTrace(walk.net, walk.data, { title: `C1: ${walk.data.samples.length} alternating points, LN outputs layer by layer (blue 1, red 0)` });
  return [
    { name: "c1-depth-vs-m", title: "depth vs m against the bound", svg: depthVsM },
    { name: "c1-bits-vs-depth", title: "precision the kernel needed vs depth", svg: bitsVsDepth },
    { name: "c1-circle-trace", title: "a construction layer by layer on the circle", svg: trace },
  ];
}

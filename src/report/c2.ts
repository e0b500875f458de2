/** Claim C2 in the report: the shattering table per depth and the plot of certified size vs depth. */
import type { C2Row } from "../claims/c2.js";
import type { Plot } from "../claims/claim.js";
import { PAPER_COLUMN, renderVcPlot } from "../vc/table.js";
import { renderBoundsPlot, type BeyondRow, type BoundsRow, type PlaneRow } from "../vc/bounds.js";
import { markdownTable } from "./markdown-table.js";

export function c2Details(rows: readonly C2Row[], plane: readonly PlaneRow[] = [], bounds: readonly BoundsRow[] = [], beyond: readonly BeyondRow[] = []): string {
  return [
    ...markdownTable(
      ["L", "our bound (2L+1)", "certified", "labelings", "nets (orbit representatives)", "build (s)", "kernel re-check (s)", "checker", "paper"],
      rows.map((r) => [r.depth, r.ourBound, r.certified ?? "FAILED", r.labelings, r.netsProduced, r.seconds.toFixed(2), r.checkSeconds.toFixed(2), r.checkerAccepts ? "accepts" : "**rejects**", PAPER_COLUMN]),
    ),
    "",
    "Symmetries used (declared in each certificate and expanded by the checker): complement (negate the output layer) and mirror (x -> -x).",
    ...(beyond.length
      ? [
          "",
          "Beyond 2L+1 on the line: 2L+2 points at the sign runs of a net with 2L+1 sign changes (found by a seeded search, docs/vc.md); the other labelings by relocation folds:",
          "",
          ...markdownTable(
            ["L", "points", "search + build (s)", "kernel re-check (s)", "result"],
            beyond.map((b) => [b.depth, b.points, b.seconds.toFixed(2), b.checkSeconds.toFixed(2), b.certified ? "shattered" : `**not certified** (${b.failed[0] ?? "-"})`]),
          ),
        ]
      : []),
    "",
    "In the plane (the plane producer: a first-layer apex chosen per labeling, then relocation folds; each certificate re-checked by the kernel-only checker):",
    "",
    ...markdownTable(
      ["L", "point set", "points", "nets (orbit representatives)", "build (s)", "kernel re-check (s)", "result"],
      plane.map((r) => [r.depth, r.family === "circle" ? "circle (convex position)" : `random integers, seed ${r.seed}`, r.points, r.nets, r.seconds.toFixed(2), r.checkSeconds.toFixed(2), r.certified ? "shattered" : `**not certified** (${r.failed.length} labelings, e.g. ${r.failed[0] ?? "-"})`]),
    ),
    "",
    "What is known per depth and dimension (certified: this run; refuted on the line: the sign-change theorem of docs/vc.md, a paper proof, no 2^L+2 points are shattered; VC = 3 at L = 1 and 5 at L = 2):",
    "",
    ...markdownTable(
      ["L", "dimension", "largest certified", "smallest refuted", "open"],
      bounds.map((r) => [r.depth, r.dim, r.certified ?? "-", r.refuted ?? "none proven", r.open]),
    ),
  ].join("\n");
}

export const c2Plots = (rows: readonly C2Row[], bounds: readonly BoundsRow[] = []): Plot[] => [
  { name: "c2-vc-vs-depth", title: "certified shattered set size vs depth", svg: renderVcPlot(rows) },
  ...(bounds.length ? [{ name: "c2-vc-bounds", title: "VC bounds per depth: line and plane", svg: renderBoundsPlot(bounds) }] : []),
];

/** Claim C2 in the report: the shattering table per depth and the plot of certified size vs depth. */
import type { C2Row } from "../claims/c2.js";
import type { Plot } from "../claims/claim.js";
import { PAPER_COLUMN, renderVcPlot } from "../vc/table.js";
import { markdownTable } from "./markdown-table.js";

export function c2Details(rows: readonly C2Row[]): string {
  return [
    ...markdownTable(
      ["L", "our bound (2L+1)", "certified", "labelings", "nets (orbit representatives)", "build (s)", "kernel re-check (s)", "checker", "paper"],
      rows.map((r) => [r.depth, r.ourBound, r.certified ?? "FAILED", r.labelings, r.netsProduced, r.seconds.toFixed(2), r.checkSeconds.toFixed(2), r.checkerAccepts ? "accepts" : "**rejects**", PAPER_COLUMN]),
    ),
    "",
    "Symmetries used (declared in each certificate and expanded by the checker): complement (negate the output layer) and mirror (x -> -x).",
    "Beyond the bound: `lnnet vc search --depth 2 --points 6` did not find the alternating labeling (not evidence of impossibility); docs/vc.md.",
  ].join("\n");
}

export const c2Plots = (rows: readonly C2Row[]): Plot[] => [{ name: "c2-vc-vs-depth", title: "certified shattered set size vs depth", svg: renderVcPlot(rows) }];

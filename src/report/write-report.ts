/** The report directory: DIR/report.md, DIR/report.json, DIR/plots/*.svg and DIR/artifacts/*. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClaimResult } from "../claims/claim.js";
import { reportJson, type RunMeta } from "./claims-json.js";
import { renderReportMarkdown } from "./markdown-report.js";

/** Writes the report directory; returns the path of report.md. */
export function writeReport(dir: string, results: readonly ClaimResult[], meta: RunMeta): string {
  mkdirSync(join(dir, "plots"), { recursive: true });
  mkdirSync(join(dir, "artifacts"), { recursive: true });
  for (const r of results) {
    for (const p of r.evidence.plots ?? []) writeFileSync(join(dir, "plots", `${p.name}.svg`), p.svg);
    for (const a of r.evidence.artifacts ?? []) writeFileSync(join(dir, "artifacts", a.name), a.text);
  }
  writeFileSync(join(dir, "report.json"), JSON.stringify(reportJson(results, meta), null, 1) + "\n");
  const path = join(dir, "report.md");
  writeFileSync(path, renderReportMarkdown(results, meta));
  return path;
}

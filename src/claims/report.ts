/** The claims report: a terminal table, JSON, and a Markdown report directory with plots and certificates. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClaimResult } from "./claim.js";

const verdictWord = (r: ClaimResult): string => (r.holds ? "holds" : "DOES NOT HOLD");

/** A plain-text table: claim, paper says, lnnet measured, verdict, time. */
export function claimsTable(results: readonly ClaimResult[], width = 110): string {
  const rows = results.map((r) => [r.id, r.title, r.summary, verdictWord(r), `${r.seconds.toFixed(1)} s`]);
  const head = ["claim", "paper says", "lnnet measured", "verdict", "time"];
  const cap = [5, 34, Math.max(30, width - 5 - 34 - 14 - 8 - 8), 14, 8];
  const fit = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + "…" : s.padEnd(n));
  const line = (cells: string[]) => cells.map((c, i) => fit(c, cap[i] as number)).join("  ").trimEnd();
  return [line(head), line(cap.map((n) => "-".repeat(n))), ...rows.map(line)].join("\n") + "\n";
}

export function claimsJson(results: readonly ClaimResult[]): object {
  return {
    claims: results.map((r) => ({ id: r.id, holds: r.holds, paper: r.paper, statement: r.statement, summary: r.summary, measured: r.measured, seconds: r.seconds, ...(r.error ? { error: r.error } : {}) })),
  };
}

const esc = (s: string) => s.replace(/\|/g, "\\|");

/** Write DIR/report.md with DIR/plots/*.svg and DIR/artifacts/*; returns the report path. */
export function writeReport(dir: string, results: readonly ClaimResult[], meta: { quick: boolean; seed: number; machine: string; date: string }): string {
  mkdirSync(join(dir, "plots"), { recursive: true });
  mkdirSync(join(dir, "artifacts"), { recursive: true });
  const md: string[] = [
    `# lnnet claims report`,
    "",
    `Paper: Ni, Guo, Jia, Huang, *On the Nonlinearity of Layer Normalization*, ICML 2024 (arXiv:2406.01255).`,
    `Run: ${meta.quick ? "quick" : "default"}, seed ${meta.seed}, ${meta.date}, ${meta.machine}.`,
    "",
    `| claim | paper says | lnnet certifies | measured | verdict | time |`,
    `|---|---|---|---|---|---|`,
    ...results.map((r) => `| ${r.id} | ${esc(r.paper)} | ${esc(r.statement)} | ${esc(r.summary)} | **${verdictWord(r)}** | ${r.seconds.toFixed(1)} s |`),
    "",
  ];
  for (const r of results) {
    md.push(`## ${r.id}: ${r.title}`, "", `*Paper:* ${r.paper}`, "", `*lnnet certifies:* ${r.statement}`, "", `*Verdict:* **${verdictWord(r)}** (${r.summary})`, "");
    if (r.evidence.details) md.push(r.evidence.details, "");
    for (const p of r.evidence.plots ?? []) {
      writeFileSync(join(dir, "plots", `${p.name}.svg`), p.svg);
      md.push(`![${p.title}](plots/${p.name}.svg)`, "");
    }
    const arts = r.evidence.artifacts ?? [];
    for (const a of arts) writeFileSync(join(dir, "artifacts", a.name), a.text);
    if (arts.length) md.push(`Artifacts (re-check with \`lnnet check\` / \`lnnet vc check\`): ${arts.map((a) => `[${a.name}](artifacts/${a.name})`).join(", ")}`, "");
    if (r.error) md.push("```", r.error, "```", "");
  }
  const path = join(dir, "report.md");
  writeFileSync(path, md.join("\n"));
  return path;
}

/** report.md: the summary table of every claim, then per claim its wording, verdict, tables, plots and artifacts. */
import type { ClaimResult } from "../claims/claim.js";
import type { RunMeta } from "./claims-json.js";
import { markdownTable } from "./markdown-table.js";
import { verdictWord } from "./verdict-word.js";

function claimSection(r: ClaimResult): string[] {
  const md = [`## ${r.id}: ${r.title}`, "", `*Paper:* ${r.paper}`, "", `*lnnet certifies:* ${r.statement}`, "", `*Verdict:* **${verdictWord(r)}** (${r.summary})`, ""];
  if (r.evidence.details) md.push(r.evidence.details, "");
  for (const p of r.evidence.plots ?? []) md.push(`![${p.title}](plots/${p.name}.svg)`, "");
  const arts = r.evidence.artifacts ?? [];
  if (arts.length) md.push(`Artifacts (re-check with \`lnnet check\` / \`lnnet vc check\`): ${arts.map((a) => `[${a.name}](artifacts/${a.name})`).join(", ")}`, "");
  if (r.error) md.push("```", r.error, "```", "");
  return md;
}

export function renderReportMarkdown(results: readonly ClaimResult[], meta: RunMeta): string {
  return [
    `# lnnet claims report`,
    "",
    `Paper: Ni, Guo, Jia, Huang, *On the Nonlinearity of Layer Normalization*, ICML 2024 (arXiv:2406.01255).`,
    `Run: ${meta.quick ? "quick" : "default"}, seed ${meta.seed}, ${meta.date}, ${meta.machine}.`,
    "",
    ...markdownTable(
      ["claim", "paper says", "lnnet certifies", "measured", "verdict", "time"],
      results.map((r) => [r.id, r.paper, r.statement, r.summary, `**${verdictWord(r)}**`, `${r.seconds.toFixed(1)} s`]),
    ),
    "",
    ...results.flatMap(claimSection),
  ].join("\n");
}

/** The claims report: a terminal table, JSON, and a Markdown report directory with plots and certificates. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClaimResult } from "./claim.js";

const verdictWord = (r: ClaimResult): string => (r.holds ? "holds" : "DOES NOT HOLD");

/** Greedy word wrap of `text` to lines of at most `n` characters (long words are cut). */
function wrap(text: string, n: number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w.length > 0; ) {
      const piece = w.length > n ? w.slice(0, n) : w;
      w = w.slice(piece.length);
      if (cur === "") cur = piece;
      else if (cur.length + 1 + piece.length <= n) cur += " " + piece;
      else {
        lines.push(cur);
        cur = piece;
      }
    }
  }
  return lines.length || cur ? [...lines, cur] : [""];
}

/** A plain-text table with wrapped cells: claim, paper says, lnnet measured, verdict, time. */
export function claimsTable(results: readonly ClaimResult[], width = 110): string {
  const head = ["claim", "paper says", "lnnet measured", "verdict", "time"];
  const cols = [5, 32, Math.max(30, width - 5 - 32 - 13 - 7 - 8), 13, 7];
  const render = (cells: string[]): string[] => {
    const wrapped = cells.map((c, i) => wrap(c, cols[i] as number));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, l) => wrapped.map((w, i) => (w[l] ?? "").padEnd(cols[i] as number)).join("  ").trimEnd());
  };
  const rows = results.flatMap((r) => [...render([r.id, r.paper, r.summary, verdictWord(r), `${r.seconds.toFixed(1)} s`]), ""]);
  return [...render(head), cols.map((n) => "-".repeat(n)).join("  "), ...rows].join("\n");
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

/** The claims as a plain-text table for the terminal: claim, paper says, lnnet measured, verdict, time. */
import type { ClaimResult } from "../claims/claim.js";
import { verdictWord } from "./verdict-word.js";

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
  // every row has the five cells of head, one per column width
  const render = (cells: string[]): string[] => {
    const wrapped = cells.map((c, i) => wrap(c, cols[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, l) => wrapped.map((w, i) => (w[l] ?? "").padEnd(cols[i]!)).join("  ").trimEnd());
  };
  const rows = results.flatMap((r) => [...render([r.id, r.paper, r.summary, verdictWord(r), `${r.seconds.toFixed(1)} s`]), ""]);
  return [...render(head), cols.map((n) => "-".repeat(n)).join("  "), ...rows].join("\n");
}

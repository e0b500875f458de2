/**
 * The VC table per depth L: our proven lower bound (2L+1 on the line, docs/vc.md), the paper's column
 * (its formula is not available to us: only the paper's abstract is), the size certified by the kernel, time.
 * `vcTable` runs the shattering for each depth; `renderVcPlot` draws certified size vs L.
 */
import { renderPlot } from "../report/svg.js";
import { shatter, type ShatterOptions, type ShatterRun } from "./shatter.js";

export const PAPER_COLUMN = "linear in depth (paper, Sec. 4); formula not reproduced here";

export interface VcRow {
  readonly depth: number;
  /** Our bound: 2L+1 points on the line are shattered at depth L (width 3). */
  readonly ourBound: number;
  readonly paper: string;
  /** Size of the set certified shattered in this run; null when some labeling failed. */
  readonly certified: number | null;
  readonly labelings: number;
  readonly netsProduced: number;
  readonly seconds: number;
  readonly workers: number;
}

export function vcRow(depth: number, run: ShatterRun): VcRow {
  return {
    depth,
    ourBound: 2 * depth + 1,
    paper: PAPER_COLUMN,
    certified: run.complete ? run.certificate.points.x.length : null,
    labelings: run.labelings,
    netsProduced: run.representatives,
    seconds: run.seconds,
    workers: run.workersUsed,
  };
}

export function formatVcTable(rows: readonly VcRow[]): string {
  const head = ["L", "our bound (2L+1)", "certified", "labelings", "nets", "time (s)", "paper"];
  const body = rows.map((r) => [String(r.depth), String(r.ourBound), r.certified === null ? "FAILED" : String(r.certified), String(r.labelings), String(r.netsProduced), r.seconds.toFixed(2), r.paper]);
  // every body row has head's length, so b[i] and widths[i] exist
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(head), ...body.map(line)].join("\n") + "\n";
}

export function renderVcPlot(rows: readonly VcRow[]): string {
  return renderPlot({
    title: "Certified shattered set size vs depth (width 3, line)",
    xLabel: "depth L (LayerNorm layers)",
    yLabel: "points shattered",
    series: [
      { name: "our bound 2L+1", points: rows.map((r) => ({ x: r.depth, y: r.ourBound })), dashed: true },
      { name: "certified", points: rows.filter((r) => r.certified !== null).map((r) => ({ x: r.depth, y: r.certified as number })), line: false },
    ],
  });
}

/** Certify shattering of the canonical 2L+1 points for each depth; rows, text table and SVG plot. */
export async function vcTable(depths: readonly number[], opts: Omit<ShatterOptions, "depth" | "points"> = {}): Promise<{ rows: VcRow[]; text: string; svg: string; runs: ShatterRun[] }> {
  const rows: VcRow[] = [];
  const runs: ShatterRun[] = [];
  for (const depth of depths) {
    const run = await shatter({ ...opts, depth });
    runs.push(run);
    rows.push(vcRow(depth, run));
  }
  return { rows, text: formatVcTable(rows), svg: renderVcPlot(rows), runs };
}

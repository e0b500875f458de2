/**
 * GitHub-flavoured Markdown tables. Every cell is escaped: a `|` inside a cell (e.g. `||H||_F`)
 * would otherwise end the cell and shift the rest of the row, and a line break would end the row.
 */

export type Cell = string | number;

/** One table cell's text, safe inside a GFM table row. */
export const escapeCell = (c: Cell): string => String(c).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

const row = (cells: readonly Cell[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;

/** The table's lines: header, delimiter row, one line per row (rows must have the header's length). */
export function markdownTable(head: readonly Cell[], rows: readonly (readonly Cell[])[]): string[] {
  const bad = rows.findIndex((r) => r.length !== head.length);
  if (bad >= 0) throw new Error(`markdown table row ${bad} has ${rows[bad]?.length} cells, header has ${head.length}`);
  return [row(head), `|${head.map(() => "---").join("|")}|`, ...rows.map(row)];
}

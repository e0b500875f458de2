/**
 * Tables of a Markdown text as a real GitHub-flavoured Markdown parser (micromark with its GFM table
 * extension) sees them: per table, the header's cell count and every body row's cell count. Counted
 * from the parser's events, before HTML rendering silently drops cells past the header's count.
 */
import { parse, postprocess, preprocess } from "micromark";
import { gfmTable } from "micromark-extension-gfm-table";

export interface ParsedTable {
  /** 1-based line of the header row. */
  readonly line: number;
  readonly headerCells: number;
  readonly rows: { line: number; cells: number }[];
}

export function gfmTables(markdown: string): ParsedTable[] {
  const events = postprocess(parse({ extensions: [gfmTable()] }).document().write(preprocess()(markdown, undefined, true)));
  const tables: { line: number; headerCells: number; rows: { line: number; cells: number }[] }[] = [];
  for (const [kind, token] of events) {
    if (kind !== "enter") continue;
    const table = tables[tables.length - 1];
    if (token.type === "table") tables.push({ line: token.start.line, headerCells: 0, rows: [] });
    else if (token.type === "tableHeader" && table) table.headerCells++;
    else if (token.type === "tableRow" && table && token.start.line > table.line) table.rows.push({ line: token.start.line, cells: 0 });
    else if (token.type === "tableData" && table) {
      const row = table.rows[table.rows.length - 1];
      if (row) row.cells++;
    }
  }
  return tables;
}

/** Lines that look like a GFM delimiter row (`|---|:---:|`): each must belong to a table the parser recognised. */
export const delimiterRows = (markdown: string): number =>
  markdown.split("\n").filter((l) => /^\|(\s*:?-+:?\s*\|)+\s*$/.test(l)).length;

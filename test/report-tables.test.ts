/** Markdown tables of the report: pipes inside cells are escaped, so a GFM parser sees every row with its header's cell count. */
import { describe, expect, it } from "vitest";
import { micromark } from "micromark";
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table";
import { markdownTable } from "../src/report/markdown-table.js";
import { delimiterRows, gfmTables } from "./helpers/gfm-tables.js";

describe("GFM table check (helper)", () => {
  it("sees a row with too many cells and a header that no longer matches its delimiter row", () => {
    const md = ["| a | b |", "|---|---|", "| 1 | x||y |", "", "| a | ||H|| |", "|---|---|", "| 1 | 2 |", ""].join("\n");
    const tables = gfmTables(md);
    expect(tables).toHaveLength(1); // the second header splits into 4 cells: not a table at all
    expect(tables[0]?.rows[0]?.cells).toBe(4);
    expect(delimiterRows(md)).toBe(2);
  });
});

describe("markdownTable", () => {
  it("escapes pipes and line breaks in every cell, so each row keeps its header's cell count", () => {
    const lines = markdownTable(["g", "median ||H||_F"], [[1, "a|b"], [2, "x\ny"], ["||", ""]]);
    const tables = gfmTables(lines.join("\n") + "\n");
    expect(tables).toHaveLength(1);
    expect(tables[0]?.headerCells).toBe(2);
    expect(tables[0]?.rows.map((r) => r.cells)).toEqual([2, 2, 2]);
    const html = micromark(lines.join("\n"), { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
    expect(html).toContain("<th>median ||H||_F</th>");
    expect(html).toContain("<td>a|b</td>");
  });

  it("refuses a row whose length differs from the header's", () => {
    expect(() => markdownTable(["a", "b"], [[1]])).toThrow(/row 0 has 1 cells, header has 2/);
  });
});

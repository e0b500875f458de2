/**
 * The CSV codec for datasets: one sample per row, columns x1..xd then the label (0 or 1), optional
 * header, numbers exact (see parseRational). Errors name the file, line and column. (The writer,
 * datasetToCsv, is in src/workshop/write.ts.)
 */
import { InputError } from "../errors.js";
import { parseRational } from "../numbers/rational.js";
import type { Dataset, Sample } from "./dataset.js";

export const parseCsv = (text: string, file?: string): Dataset => parseCsvLines(text.split(/\r?\n/), file);

/** The same from lines given one at a time (a large file streamed, never held whole); same errors. */
export function parseCsvLines(lines: Iterable<string>, file?: string): Dataset {
  const samples: Sample[] = [];
  let dim: number | undefined;
  let firstDataLine: number | undefined;
  let line = 0;
  for (const raw of lines) {
    line++;
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const cells = trimmed.split(",").map((c) => c.trim());
    if (samples.length === 0 && dim === undefined && isHeader(cells)) continue;
    if (cells.length < 2) {
      throw new InputError("bad-csv", `expected at least 2 columns (x1..xd, label), got ${cells.length}`, { file, line });
    }
    const d = cells.length - 1;
    if (dim === undefined) {
      dim = d;
      firstDataLine = line;
    } else if (d !== dim) {
      throw new InputError("dimension-mismatch", `row has ${d} coordinates but line ${firstDataLine} has ${dim}`, { file, line });
    }
    const x = cells.slice(0, d).map((c, j) => parseRational(c, { file, line, column: j + 1 }));
    const labelText = cells[d]!; // d = cells.length - 1 >= 1
    if (labelText !== "0" && labelText !== "1") {
      throw new InputError("bad-label", `label must be 0 or 1, got "${labelText}"`, { file, line, column: d + 1 });
    }
    samples.push({ x, label: labelText === "1" ? 1 : 0, line });
  }
  if (dim === undefined) throw new InputError("empty-data", "no samples (the file has no data rows)", { file });
  return { dim, samples };
}

/**
 * The first row is a header when its label cell is a name rather than a number (e.g. "x1,x2,label").
 * A first row such as "NaN,0" is data, so its bad number is reported, not skipped.
 */
function isHeader(cells: string[]): boolean {
  const last = cells[cells.length - 1] ?? "";
  return /^[A-Za-z_]/.test(last) && !/^(nan|inf|infinity)$/i.test(last);
}


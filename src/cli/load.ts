/** Load user files with errors that name the file. */
import { parseCsv } from "../net/csv.js";
import type { Dataset } from "../net/dataset.js";
import { parseNet } from "../net/format.js";
import type { Net } from "../net/model.js";
import { InputError } from "../errors.js";
import { readTextFile } from "./io.js";

export const loadNet = (path: string): Net => parseNet(readTextFile(path), path);
export const loadCsv = (path: string): Dataset => parseCsv(readTextFile(path), path);

export function loadJson(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError("bad-json", `not valid JSON: ${(e as Error).message}`, { file: path });
  }
}

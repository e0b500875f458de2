/** Load user files with errors that name the file. */
import { parseCsv } from "../trusted/net/csv.js";
import type { Dataset } from "../trusted/net/dataset.js";
import { parseNet } from "../trusted/net/format.js";
import type { Net } from "../trusted/net/model.js";
import { InputError } from "../trusted/errors.js";
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

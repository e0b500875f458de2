/** Load user files with errors that name the file. */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { parseCsvLines } from "../trusted/net/csv.js";
import type { Dataset } from "../trusted/net/dataset.js";
import { parseNet } from "../workshop/read.js";
import type { Net } from "../trusted/net/model.js";
import { InputError } from "../trusted/errors.js";
import { readTextFile, unreadable } from "./io.js";

export const loadNet = (path: string): Net => parseNet(readTextFile(path), path);

const CHUNK = 1 << 20;

/**
 * A CSV dataset, streamed: read 1 MB at a time and fed line by line to the trusted parser, so the
 * file's text is never held whole (only the parsed samples are). `onProgress(bytesRead, size)`.
 */
export function loadCsv(path: string, onProgress?: (done: number, total: number) => void): Dataset {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    return parseCsvLines(linesOf(fd, onProgress), path);
  } catch (e) {
    // a read error (EISDIR, EIO) names the file; anything else passes through
    throw (e as NodeJS.ErrnoException).code === undefined || e instanceof InputError ? e : unreadable(path, e);
  } finally {
    closeSync(fd);
  }
}

/** The file's lines (split at \n; the parser trims a trailing \r), read 1 MB at a time. */
function* linesOf(fd: number, onProgress?: (done: number, total: number) => void): Generator<string> {
  const size = fstatSync(fd).size;
  const decoder = new StringDecoder("utf8");
  const buf = Buffer.allocUnsafe(CHUNK);
  let tail = "";
  let read = 0;
  for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0; ) {
    read += n;
    const lines = (tail + decoder.write(buf.subarray(0, n))).split("\n");
    tail = lines.pop() ?? "";
    yield* lines;
    onProgress?.(read, size);
  }
  yield tail + decoder.end();
}

/** The net and the data must have the same input dimension; the error names both files. */
export function checkNetFitsData(net: Net, netPath: string, data: Dataset, dataPath: string): void {
  if (net.inputDim !== data.dim) {
    throw new InputError("dimension-mismatch", `the net ${netPath} takes inputs of dimension ${net.inputDim} but the data ${dataPath} has dimension ${data.dim} (${data.dim} coordinates before the label)`, { file: dataPath });
  }
}

export function loadJson(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError("bad-json", `not valid JSON: ${(e as Error).message}`, { file: path });
  }
}

/** Binary files for `lnnet import` and `lnnet export` (ONNX models), with errors that name the file. */
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../../trusted/errors.js";

export function readBinaryFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError("file-not-found", code === "ENOENT" ? "no such file" : `cannot read file (${code ?? (e as Error).message})`, { file: path });
  }
}

export function writeBinaryFile(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new InputError("bad-argument", `cannot write file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
  }
}

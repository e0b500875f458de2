/** What a CLI command may touch: output streams and files. Injected so tests can capture output. */
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../trusted/errors.js";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is an interactive terminal (progress bars go there). */
  readonly isTTY: boolean;
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

/** Exit codes (README, "Commands"): 0 holds, 1 does not hold / undecided, 2 bad input, 3 internal error. */
export const EXIT = { ok: 0, fails: 1, badInput: 2, internal: 3 } as const;

/** A file system error on reading an input, as an InputError naming the file. */
export function unreadable(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  return new InputError("file-not-found", code === "ENOENT" ? "no such file" : `cannot read file (${code ?? (e as Error).message})`, { file: path });
}

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw unreadable(path, e);
  }
}

/** `-` as an output path: standard output (e.g. `construct data.csv -o -`). */
export const STDOUT = "-";

/** Write an output file; the path `-` writes to standard output instead. */
export function writeTextFile(path: string, text: string, io: CliIo = processIo): void {
  if (path === STDOUT) {
    io.out(text);
    return;
  }
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError("bad-argument", `cannot write file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
  }
}

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

export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError("file-not-found", code === "ENOENT" ? "no such file" : `cannot read file (${code ?? (e as Error).message})`, { file: path });
  }
}

export function writeTextFile(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError("bad-argument", `cannot write file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file: path });
  }
}

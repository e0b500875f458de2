/**
 * Streaming `lnnet-shatter/v1` files, so that neither `vc shatter`, `vc check` nor `vc merge` holds all
 * nets (an L = 10 certificate has 2^19 of them). The layout is the one `serializeShatter` writes: line 1
 * is the head, an object whose last key opens the entries (`..., "entries":[`), then one entry per line
 * (`  {...},`), then a tail line (`]}` or `],"summary":{...}}`). Any other valid JSON certificate is read
 * whole instead. Nothing here is trusted: entries go to the kernel-only checker in chunks.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { InputError } from "../trusted/errors.js";
import type { ShatterCertificateJson, ShatterEntryJson } from "./format.js";

const ENTRIES_OPEN = '"entries":[';

/** Lines of a file, read in 1 MiB chunks (the last line may lack its newline). */
export function* fileLines(path: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError("file-not-found", code === "ENOENT" ? "no such file" : `cannot read file (${code ?? (e as Error).message})`, { file: path });
  }
  try {
    const buf = Buffer.alloc(1 << 20);
    let rest = "";
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + buf.toString("utf8", 0, n);
      const lines = text.split("\n");
      rest = lines.pop() ?? "";
      yield* lines;
    }
    if (rest !== "") yield rest;
  } finally {
    closeSync(fd);
  }
}

function parse(text: string, path: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError("bad-json", `not valid JSON: ${(e as Error).message}`, { file: path, line });
  }
}

export interface ShatterStream {
  /** The certificate without its entries (`entries: []`), as the checker's header reader wants it. */
  readonly head: Record<string, unknown>;
  /** The entries in file order (raw JSON, validated by the checker). */
  entries(): Generator<unknown>;
}

/** Open a certificate for streaming; a file not in the line layout is parsed whole. */
export function openShatterStream(path: string): ShatterStream {
  const first = fileLines(path).next();
  const line1 = first.done ? "" : first.value;
  if (!line1.endsWith(ENTRIES_OPEN)) {
    const json = parse([...fileLines(path)].join("\n"), path, 1);
    const o = json as { entries?: unknown };
    if (typeof json !== "object" || json === null || Array.isArray(json) || !Array.isArray(o.entries)) {
      // not a certificate: the checker's own reader names the problem
      return { head: json as Record<string, unknown>, entries: function* () {} };
    }
    const entries = o.entries;
    return { head: { ...(json as Record<string, unknown>), entries: [] }, entries: function* () { yield* entries; } };
  }
  const head = parse(line1 + "]}", path, 1) as Record<string, unknown>;
  return {
    head,
    *entries() {
      let n = 0;
      let closed = false;
      for (const raw of fileLines(path)) {
        n++;
        if (n === 1) continue;
        const t = raw.trim();
        if (t === "" && !closed) continue;
        if (closed) {
          if (t !== "") throw new InputError("bad-json", "text after the end of the certificate", { file: path, line: n });
          continue;
        }
        if (t.startsWith("]")) {
          // the tail may carry only the informational summary: nothing the checker reads may hide here
          const tail = parse(`{"entries":[${t}`, path, n) as Record<string, unknown>;
          const extra = Object.keys(tail).filter((k) => k !== "entries" && k !== "summary");
          if (extra.length) throw new InputError("bad-certificate", `after the entries only "summary" may follow (got ${extra.join(", ")})`, { file: path, line: n });
          closed = true;
          continue;
        }
        yield parse(t.endsWith(",") ? t.slice(0, -1) : t, path, n);
      }
      if (!closed) throw new InputError("bad-json", "the entries are not closed (truncated file?)", { file: path, line: n });
    },
  };
}

/** Writes a certificate entry by entry in the line layout; the summary goes after the entries. */
export class ShatterWriter {
  private readonly fd: number;
  private count = 0;

  constructor(path: string, head: Omit<ShatterCertificateJson, "entries" | "summary">) {
    this.fd = openSync(path, "w");
    const text = JSON.stringify(head);
    writeSync(this.fd, `${text.slice(0, -1)},${ENTRIES_OPEN}\n`);
  }

  add(entry: ShatterEntryJson): void {
    writeSync(this.fd, (this.count++ === 0 ? "  " : ",\n  ") + JSON.stringify(entry));
  }

  get entries(): number {
    return this.count;
  }

  close(summary?: Record<string, unknown>): void {
    writeSync(this.fd, `\n]${summary ? `,"summary":${JSON.stringify(summary)}` : ""}}\n`);
    closeSync(this.fd);
  }
}

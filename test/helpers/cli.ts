/** Run the real CLI binary as a subprocess (needs `npm run build`, which `npm test` does first). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = new URL("../../bin/lnnet.js", import.meta.url).pathname;

export function runCli(args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: opts.timeoutMs ?? 120_000, cwd: opts.cwd });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temp dir with the given files written into it; returns the dir. */
export function tempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "lnnet-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

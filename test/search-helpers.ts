/** Shared by the search tests: the pinned regression corpus (test/regressions/*.json). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Pinned {
  conjecture: string;
  seed: number;
  outcome: string;
  instance: { points: string[][]; labels: (0 | 1)[]; depth?: number };
  replay: string;
  refutation?: unknown;
  spec?: unknown;
}

export const CORPUS_DIR = new URL("./regressions", import.meta.url).pathname;

export function loadCorpus(): { file: string; pin: Pinned }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, pin: JSON.parse(readFileSync(join(CORPUS_DIR, f), "utf8")) as Pinned }));
}

/** Split a replay command line into argv (handles the single quotes replayCommand emits). */
export function splitCommand(line: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return out;
}

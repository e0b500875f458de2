/**
 * `lnnet vc check --workers N`: the certificate's entries are split round-robin over N worker threads,
 * each running the kernel-only checker (check.ts) on its slice; this file only unions the covered
 * labelings and applies the coverage requirement from check.ts. Falls back to one thread when the
 * compiled worker (dist/vc/check-worker.js) is missing.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { checkShatter, missingLabelings, shatterFromJson, type ShatterCheckResult, type ShatterFailure } from "../trusted/checkers/shatter.js";

function checkWorkerScript(): URL | undefined {
  for (const rel of ["./check-worker.js", "../../dist/vc/check-worker.js"]) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** `json` is the parsed content of `path` (workers re-read the file: no 30 MB structured clone). */
export async function checkShatterFile(path: string, json: unknown, opts: { workers: number; partial?: boolean; onProgress?: (done: number, total: number) => void }): Promise<ShatterCheckResult> {
  const script = checkWorkerScript();
  if (opts.workers <= 1 || !script) return checkShatter(json, { partial: opts.partial, onProgress: opts.onProgress });
  // parse once here so bad input is an InputError before any thread starts
  const total = shatterFromJson(json).points.length;
  const entries = ((json as { entries?: unknown[] }).entries ?? []).length;
  const done = new Array<number>(opts.workers).fill(0);
  const parts = await Promise.all(
    Array.from({ length: opts.workers }, (_, index) =>
      new Promise<ShatterCheckResult>((resolve, reject) => {
        const w = new Worker(script, { workerData: { path, index, count: opts.workers } });
        w.on("message", (msg: { progress?: number; result?: ShatterCheckResult }) => {
          if (msg.result) resolve(msg.result);
          else if (msg.progress !== undefined) {
            done[index] = Math.ceil(msg.progress / opts.workers);
            opts.onProgress?.(Math.min(entries, done.reduce((a, b) => a + b, 0)), entries);
          }
        });
        w.on("error", reject);
      }),
    ),
  );
  const seen = new Set<string>();
  const failures: ShatterFailure[] = [];
  for (const p of parts) for (const f of p.failures) {
    const key = JSON.stringify(f);
    if (f.entry === undefined && seen.has(key)) continue; // group-level failures repeat per slice
    seen.add(key);
    failures.push(f);
  }
  const covered = new Set(parts.flatMap((p) => p.coveredLabelings ?? []));
  if (!opts.partial) {
    const missing = missingLabelings(total, covered);
    if (missing) failures.push(missing);
  }
  return { ok: failures.length === 0, failures, points: total, labelings: 2 ** total, covered: covered.size, netsCertified: parts.reduce((s, p) => s + p.netsCertified, 0) };
}

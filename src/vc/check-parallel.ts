/**
 * `lnnet vc check --workers N`: the certificate's entries are split round-robin over N worker threads,
 * each running the kernel-only checker (trusted/checkers/shatter.ts) on its slice. The trusted merge
 * proves every entry was checked exactly once (else an internal error); this file then unions the
 * covered labelings and applies the checker's coverage requirement. One thread when the compiled
 * worker is missing.
 */
import { checkShatter, missingLabelings, shatterFromJson, type ShatterCheckResult, type ShatterFailure } from "../trusted/checkers/shatter.js";
import { mergeExactlyOnce } from "../trusted/verify/merge.js";
import { compiledWorker, runSlices } from "../workshop/pool.js";
import { acceleratorsFor } from "../trusted/fast/index.js";

export interface ParallelCheckOptions {
  readonly workers: number;
  readonly partial?: boolean;
  /** Every accelerator off: the reference path alone. */
  readonly reference?: boolean;
  /** The checker's precision cap (default: the checker's own, 4096). */
  readonly maxBits?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Test hook: a different compiled worker entry (one that misbehaves). */
  readonly workerScript?: URL;
}

/** `json` is the parsed content of `path` (workers re-read the file: no 30 MB structured clone). */
export async function checkShatterFile(path: string, json: unknown, opts: ParallelCheckOptions): Promise<ShatterCheckResult> {
  const script = opts.workerScript ?? compiledWorker("vc/check-worker.js");
  if (opts.workers <= 1 || !script) return checkShatter(json, { partial: opts.partial, onProgress: opts.onProgress, accelerators: acceleratorsFor(opts), maxBits: opts.maxBits });
  // parse once here so bad input is an InputError before any thread starts
  const total = shatterFromJson(json).points.length;
  const entries = ((json as { entries?: unknown[] }).entries ?? []).length;
  const done = new Array<number>(opts.workers).fill(0);
  const jobs = Array.from({ length: opts.workers }, (_, index) => ({ path, index, count: opts.workers, reference: Boolean(opts.reference), maxBits: opts.maxBits }));
  const parts = await runSlices<ShatterCheckResult>(script, jobs, (index, n) => {
    done[index] = Math.ceil(n / opts.workers);
    opts.onProgress?.(Math.min(entries, done.reduce((a, b) => a + b, 0)), entries);
  });
  mergeExactlyOnce(entries, parts.map((p) => (p.checkedEntries ?? []).map((i) => [i, true] as const)));
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

/**
 * `lnnet vc check [--workers N]`: the certificate is read as a stream (stream.ts) and its entries go to
 * the kernel-only checker (trusted/checkers/shatter.ts) in chunks, each chunk with the file's own head,
 * so no thread holds more than a chunk of nets. With N workers, worker i takes the entries with
 * index = i mod N. The trusted merge proves every entry was checked exactly once (else an internal
 * error); this file unions the covered labelings and applies the checker's coverage requirement
 * (`missingLabelings`), as for any split. One thread when the compiled worker is missing.
 */
import { checkShatter, missingLabelings, shatterHeaderFromJson, type ShatterCheckResult, type ShatterFailure } from "../trusted/checkers/shatter.js";
import { mergeExactlyOnce } from "../trusted/verify/merge.js";
import type { Accelerator } from "../trusted/verify/accelerator.js";
import { compiledWorker, runSlices } from "../workshop/pool.js";
import { acceleratorsFor } from "../trusted/fast/index.js";
import { openShatterStream, type ShatterStream } from "./stream.js";
import { LabelingBits } from "./covered.js";

/** One slice's result: the checker's, with the covered labelings as bits (see covered.ts). */
export type SliceResult = Omit<ShatterCheckResult, "coveredLabelings"> & { readonly coveredBits: Uint8Array; readonly checkedEntries: readonly number[] };

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

const CHUNK = 256;

/** Group-level failures (no entry) repeat in every chunk and slice: keep one of each. */
function addFailures(into: ShatterFailure[], seen: Set<string>, fs: readonly ShatterFailure[]): void {
  for (const f of fs) {
    const key = JSON.stringify(f);
    if (f.entry === undefined && seen.has(key)) continue;
    seen.add(key);
    into.push(f);
  }
}

/**
 * The checker on the entries i with i mod count = index, a chunk at a time (always at least one call,
 * so a bad head is reported even without entries). Partial: coverage is the caller's.
 */
export function checkStreamSlice(stream: ShatterStream, opts: { slice?: { index: number; count: number }; accelerators?: readonly Accelerator[]; maxBits?: number; onProgress?: (done: number) => void }): SliceResult {
  const slice = opts.slice ?? { index: 0, count: 1 };
  const failures: ShatterFailure[] = [];
  const seen = new Set<string>();
  let covered: LabelingBits | undefined;
  const checked: number[] = [];
  let netsCertified = 0;
  let points = 0;
  let calls = 0;
  let chunk: unknown[] = [];
  let indices: number[] = [];
  const run = (): void => {
    const r = checkShatter({ ...stream.head, entries: chunk }, { partial: true, returnCovered: true, accelerators: opts.accelerators, maxBits: opts.maxBits });
    calls++;
    points = r.points;
    covered ??= new LabelingBits(points);
    netsCertified += r.netsCertified;
    addFailures(failures, seen, r.failures.map((f) => (f.entry === undefined ? f : { ...f, entry: indices[f.entry] })));
    for (const k of r.coveredLabelings ?? []) covered.add(k);
    for (const j of r.checkedEntries ?? []) checked.push(indices[j]!); // j indexes the chunk just checked
    opts.onProgress?.(checked.length);
    chunk = [];
    indices = [];
  };
  let i = 0;
  for (const e of stream.entries()) {
    if (i % slice.count === slice.index) {
      chunk.push(e);
      indices.push(i);
      if (chunk.length === CHUNK) run();
    }
    i++;
  }
  if (chunk.length > 0 || calls === 0) run();
  const bits = covered ?? new LabelingBits(points);
  return { ok: failures.length === 0, failures, points, labelings: 2 ** points, covered: bits.size, netsCertified, coveredBits: bits.bits, checkedEntries: checked };
}

export async function checkShatterFile(path: string, opts: ParallelCheckOptions): Promise<ShatterCheckResult> {
  const stream = openShatterStream(path);
  const total = shatterHeaderFromJson(stream.head).points.length; // bad input is an InputError before any work
  let entries = 0;
  for (const _ of stream.entries()) entries++; // one cheap pass: the count the merge needs
  const script = opts.workerScript ?? compiledWorker("vc/check-worker.js");
  const workers = opts.workers <= 1 || !script ? 1 : opts.workers;
  let parts: SliceResult[];
  if (workers === 1) {
    parts = [checkStreamSlice(stream, { accelerators: acceleratorsFor(opts), maxBits: opts.maxBits, onProgress: (n) => opts.onProgress?.(n, entries) })];
  } else {
    const done = new Array<number>(workers).fill(0);
    const jobs = Array.from({ length: workers }, (_, index) => ({ path, index, count: workers, reference: Boolean(opts.reference), maxBits: opts.maxBits }));
    parts = await runSlices<SliceResult>(script as URL, jobs, (index, n) => {
      done[index] = n;
      opts.onProgress?.(Math.min(entries, done.reduce((a, b) => a + b, 0)), entries);
    });
  }
  mergeExactlyOnce(entries, parts.map((p) => (p.checkedEntries ?? []).map((i) => [i, true] as const)));
  const failures: ShatterFailure[] = [];
  const seen = new Set<string>();
  for (const p of parts) addFailures(failures, seen, p.failures);
  const covered = new LabelingBits(total);
  for (const p of parts) covered.or(p.coveredBits);
  if (!opts.partial) {
    const missing = missingLabelings(total, covered);
    if (missing) failures.push(missing);
  }
  return { ok: failures.length === 0, failures, points: total, labelings: 2 ** total, covered: covered.size, netsCertified: parts.reduce((s, p) => s + p.netsCertified, 0) };
}

/**
 * Certified shattering: for every orbit representative of the labelings of a point set (under the
 * declared symmetries), a net of the class that the kernel certifies; then one lnnet-shatter/v1
 * certificate. Sharding (`shard`), worker threads and a resume journal only change how the work is
 * split, never the result: entries are sorted by labeling mask and every task is deterministic.
 */
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import { InputError } from "../trusted/errors.js";
import { rat, toRationalString, type Rational } from "../trusted/numbers/rational.js";
import type { NetJson } from "../workshop/write.js";
import { mirrorPermutation, MAX_POINTS, representatives, symmetryGroup, type Points, type SymmetryName } from "./labelings.js";
import { SHATTER_FORMAT, type ShatterCertificateJson, type ShatterEntryJson } from "./format.js";
import { ShatterWriter } from "./stream.js";
import { runTasks } from "./pool.js";
import { mergeExactlyOnce } from "../trusted/verify/merge.js";
import type { Producer } from "./producer.js";
import { canonicalPoints, pointStrings, type ProducerName, type Task, type TaskContext, type TaskResult } from "./task.js";

export interface ShatterOptions {
  readonly depth: number;
  /** Default: the canonical 2L+1 points -L..L. */
  readonly points?: Points;
  readonly width?: number;
  readonly eps?: Rational;
  /** Default: complement, plus mirror when the point set is closed under x -> -x. */
  readonly symmetries?: readonly SymmetryName[];
  readonly maxBits?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly workers?: number;
  readonly producerNames?: readonly ProducerName[];
  /** In-process producers tried before the named ones. */
  readonly producers?: readonly Producer[];
  /** Append every result to this JSONL file; with `resume`, reuse (and re-verify) what it holds. */
  readonly journal?: string;
  readonly resume?: boolean;
  /** Stream the certificate to this file in labeling order (stream.ts) instead of returning its entries. */
  readonly output?: string;
  /** The certificate's informational summary (written after the entries when streaming). */
  readonly summarize?: (run: ShatterRun) => Record<string, unknown>;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ShatterRun {
  /** With `output`, the certificate's head only (its entries are in the file). */
  readonly certificate: ShatterCertificateJson;
  /** Entries in the certificate (returned or written). */
  readonly entryCount: number;
  /** True iff every representative of this run (shard) got a certified net. */
  readonly complete: boolean;
  /** Labelings with no certified net. */
  readonly failed: readonly string[];
  readonly representatives: number;
  readonly labelings: number;
  readonly resumed: number;
  readonly seconds: number;
  readonly workersUsed: number;
}

/** On the line: the line producer, the alternating net, then C1; in R^d, d >= 2: the plane producer first. */
export function defaultProducers(dim: number): ProducerName[] {
  return dim >= 2 ? ["plane", "line", "c1"] : ["line", "alternating", "c1"];
}

export function defaultSymmetries(points: Points): SymmetryName[] {
  return mirrorPermutation(points) ? ["complement", "mirror"] : ["complement"];
}

/** The representatives this shard is responsible for (round-robin over the ascending list). */
export function shardRepresentatives(points: Points, symmetries: readonly SymmetryName[], shard = { index: 0, count: 1 }): number[] {
  const m = points.length;
  if (m > MAX_POINTS) throw new InputError("bad-argument", `at most ${MAX_POINTS} points (got ${m})`);
  const g = symmetryGroup(symmetries, m, mirrorPermutation(points));
  return representatives(m, g).filter((_, i) => i % shard.count === shard.index);
}

interface JournalHeader {
  journal: "lnnet-shatter-journal/v1";
  points: string[][];
  depth: number;
  width: number;
  eps: string;
  symmetries: readonly string[];
  shard: { index: number; count: number };
}

/** Entries of a journal written for the same run; a truncated last line (interrupted write) is ignored. */
function readJournal(path: string, header: JournalHeader): Map<number, NetJson> {
  const out = new Map<number, NetJson>();
  if (!existsSync(path)) return out;
  const lines = readFileSync(path, "utf8").split("\n");
  if (lines[0] !== JSON.stringify(header)) throw new InputError("bad-argument", "the journal was written for a different run (points, depth, eps, symmetries or shard differ)", { file: path });
  for (const line of lines.slice(1)) {
    if (line.trim() === "") continue;
    let r: { mask?: unknown; entry?: { net?: NetJson } };
    try {
      r = JSON.parse(line) as typeof r;
    } catch {
      continue; // the line being written when the run was interrupted
    }
    if (typeof r.mask === "number" && r.entry?.net) out.set(r.mask, r.entry.net);
  }
  return out;
}

export async function shatter(opts: ShatterOptions): Promise<ShatterRun> {
  const t0 = performance.now();
  const points = opts.points ?? canonicalPoints(opts.depth);
  const m = points.length;
  const symmetries = opts.symmetries ?? defaultSymmetries(points);
  const shard = opts.shard ?? { index: 0, count: 1 };
  const reps = shardRepresentatives(points, symmetries, shard);
  const eps = opts.eps ?? rat(0);
  const ctx: TaskContext = {
    points: pointStrings(points),
    depth: opts.depth,
    width: opts.width ?? 3,
    eps: toRationalString(eps),
    maxBits: opts.maxBits ?? 4096,
    producers: opts.producerNames ?? defaultProducers((points[0] ?? []).length),
  };
  const header: JournalHeader = { journal: "lnnet-shatter-journal/v1", points: ctx.points, depth: ctx.depth, width: ctx.width, eps: ctx.eps, symmetries, shard };
  const previous = opts.journal && opts.resume ? readJournal(opts.journal, header) : new Map<number, NetJson>();
  const tasks: Task[] = reps.map((mask) => ({ mask, net: previous.get(mask) }));

  let fd: number | undefined;
  if (opts.journal) {
    // append on resume (a second interruption loses nothing); later lines win when read back
    const append = opts.resume && existsSync(opts.journal);
    fd = openSync(opts.journal, append ? "a" : "w");
    if (!append) writeSync(fd, JSON.stringify(header) + "\n");
  }
  const head: Omit<ShatterCertificateJson, "entries"> = {
    format: SHATTER_FORMAT,
    points: { inputDim: (points[0] ?? []).length, x: ctx.points },
    width: ctx.width,
    depth: ctx.depth,
    eps: ctx.eps,
    symmetries: [...symmetries],
    maxBits: ctx.maxBits,
    ...(shard.count > 1 ? { shard } : {}),
  };
  const writer = opts.output ? new ShatterWriter(opts.output, head) : undefined;
  const entries: ShatterEntryJson[] = [];
  const failed: string[] = [];
  let resumed = 0;
  // Results are taken in representative order (a small reorder buffer: workers run ahead by a batch or
  // two), so a streamed certificate equals the in-memory one. Every representative must come back
  // exactly once (a lost or repeated result is an internal error).
  const position = new Map(reps.map((mask, i) => [mask, i]));
  const returned: number[] = [];
  const waiting = new Map<number, TaskResult>();
  let next = 0;
  const take = (r: TaskResult): void => {
    if (r.entry) {
      if (writer) writer.add(r.entry);
      else entries.push(r.entry);
    } else failed.push(Array.from({ length: m }, (_, k) => String((r.mask >>> k) & 1)).join(""));
    if (r.resumed) resumed++;
  };
  let workersUsed = 0;
  try {
    workersUsed = await runTasks(tasks, ctx, { workers: opts.workers ?? 1, producers: opts.producers }, (r) => {
      const i = position.get(r.mask) ?? -1;
      returned.push(i);
      if (fd !== undefined) writeSync(fd, JSON.stringify(r) + "\n");
      if (i >= next && !waiting.has(i)) waiting.set(i, r);
      for (let w = waiting.get(next); w !== undefined; w = waiting.get(next)) {
        waiting.delete(next++);
        take(w);
      }
      opts.onProgress?.(returned.length, tasks.length);
    });
    mergeExactlyOnce(reps.length, [returned.map((i) => [i, true] as const)]);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const certificate: ShatterCertificateJson = { ...head, entries };
  const run: ShatterRun = {
    certificate,
    entryCount: writer ? writer.entries : entries.length,
    complete: failed.length === 0,
    failed,
    representatives: reps.length,
    labelings: 2 ** m,
    resumed,
    seconds: (performance.now() - t0) / 1000,
    workersUsed,
  };
  writer?.close(opts.summarize?.(run));
  return run;
}

/**
 * Join shard certificates into one. The result equals the unsharded run's certificate (entries in
 * labeling-mask order; each shard is in that order) except for the informational summary. Nothing is
 * trusted: check the result. `mergeShatterFiles` streams (stream.ts): no shard is held in memory.
 */
import { InputError } from "../trusted/errors.js";
import { SHATTER_FORMAT, type ShatterCertificateJson, type ShatterEntryJson } from "./format.js";
import { parseLabelingString } from "./labelings.js";
import { openShatterStream, ShatterWriter } from "./stream.js";

type Head = Omit<ShatterCertificateJson, "entries">;

const sameClass = (a: Head, b: Head): boolean =>
  JSON.stringify([a.points, a.width, a.depth, a.eps, a.symmetries, a.maxBits]) === JSON.stringify([b.points, b.width, b.depth, b.eps, b.symmetries, b.maxBits]);

/** Same format and class, shard counts agree, every shard 0..N-1 exactly once. */
function validateParts(heads: readonly Head[], names: readonly string[]): void {
  const first = heads[0];
  if (!first) throw new InputError("bad-argument", "nothing to merge");
  heads.forEach((p, i) => {
    if (p.format !== SHATTER_FORMAT) throw new InputError("bad-certificate", `not an ${SHATTER_FORMAT} certificate`, { file: names[i] });
    if (!sameClass(first, p)) throw new InputError("bad-certificate", "certificates differ in points, width, depth, eps, symmetries or maxBits", { file: names[i] });
  });
  const count = first.shard?.count ?? 1;
  const seenShards = new Set<number>();
  heads.forEach((p, i) => {
    const s = p.shard ?? { index: 0, count: 1 };
    if (s.count !== count) throw new InputError("bad-certificate", `shard count ${s.count} differs from ${count}`, { file: names[i], field: "shard" });
    if (seenShards.has(s.index)) throw new InputError("bad-certificate", `shard ${s.index}/${count} given twice`, { file: names[i], field: "shard" });
    seenShards.add(s.index);
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seenShards.has(i));
  if (missing.length) throw new InputError("bad-argument", `missing shard(s) ${missing.map((i) => `${i}/${count}`).join(", ")}`);
}

/** k-way merge by labeling mask; a labeling given twice keeps its first entry. */
function* mergeEntries(sources: readonly Iterator<unknown>[], m: number, names: readonly string[]): Generator<ShatterEntryJson> {
  const maskOf = (e: unknown, i: number): number => {
    const labeling = (e as { labeling?: unknown }).labeling;
    const mask = typeof labeling === "string" ? parseLabelingString(labeling, m) : undefined;
    if (mask === undefined) throw new InputError("bad-certificate", `bad labeling ${JSON.stringify(labeling)}`, { file: names[i] });
    return mask;
  };
  const heads = sources.map((s, i) => {
    const r = s.next();
    return r.done ? undefined : { entry: r.value as ShatterEntryJson, mask: maskOf(r.value, i) };
  });
  const seen = new Set<number>();
  for (;;) {
    let k = -1;
    heads.forEach((h, i) => {
      if (h && (k < 0 || h.mask < heads[k]!.mask)) k = i;
    });
    if (k < 0) return;
    const h = heads[k]!;
    if (!seen.has(h.mask)) {
      seen.add(h.mask);
      yield h.entry;
    }
    const r = sources[k]!.next();
    heads[k] = r.done ? undefined : { entry: r.value as ShatterEntryJson, mask: maskOf(r.value, k) };
  }
}

const mergedHead = (first: Head): Head => {
  const { shard: _shard, summary: _summary, ...rest } = first;
  return rest;
};
const secondsOf = (heads: readonly Head[]): number => heads.reduce((s, p) => s + (typeof p.summary?.seconds === "number" ? p.summary.seconds : 0), 0);

export function mergeShatter(parts: readonly ShatterCertificateJson[], names: readonly string[] = []): ShatterCertificateJson {
  validateParts(parts, names);
  const first = parts[0]!;
  const entries = [...mergeEntries(parts.map((p) => p.entries[Symbol.iterator]()), first.points.x.length, names)];
  return { ...mergedHead(first), entries, summary: { mergedFrom: parts.length, seconds: secondsOf(parts) } };
}

/** Merge certificate files into `out`, streaming; returns the number of entries written. */
export function mergeShatterFiles(paths: readonly string[], out: string): number {
  if (paths.includes(out)) throw new InputError("bad-argument", "the output must not be one of the merged files", { file: out });
  const streams = paths.map(openShatterStream);
  // a streamed shard's summary follows its entries and is not read: the merged summary counts parts only
  const heads = streams.map((s) => s.head as unknown as Head);
  validateParts(heads, paths);
  const first = heads[0]!;
  const writer = new ShatterWriter(out, mergedHead(first));
  for (const e of mergeEntries(streams.map((s) => s.entries()), first.points.x.length, paths)) writer.add(e);
  writer.close({ mergedFrom: paths.length });
  return writer.entries;
}

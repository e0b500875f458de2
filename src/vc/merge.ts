/**
 * Join shard certificates into one. The result equals the unsharded run's certificate (entries sorted
 * by labeling mask) except for the informational summary. Nothing is trusted: check the result.
 */
import { InputError } from "../trusted/errors.js";
import { SHATTER_FORMAT, type ShatterCertificateJson } from "./format.js";
import { parseLabelingString } from "./labelings.js";

const sameClass = (a: ShatterCertificateJson, b: ShatterCertificateJson): boolean =>
  JSON.stringify([a.points, a.width, a.depth, a.eps, a.symmetries, a.maxBits]) === JSON.stringify([b.points, b.width, b.depth, b.eps, b.symmetries, b.maxBits]);

export function mergeShatter(parts: readonly ShatterCertificateJson[], names: readonly string[] = []): ShatterCertificateJson {
  const first = parts[0];
  if (!first) throw new InputError("bad-argument", "nothing to merge");
  parts.forEach((p, i) => {
    if (p.format !== SHATTER_FORMAT) throw new InputError("bad-certificate", `not an ${SHATTER_FORMAT} certificate`, { file: names[i] });
    if (!sameClass(first, p)) throw new InputError("bad-certificate", "certificates differ in points, width, depth, eps, symmetries or maxBits", { file: names[i] });
  });
  const count = first.shard?.count ?? 1;
  const seenShards = new Set<number>();
  parts.forEach((p, i) => {
    const s = p.shard ?? { index: 0, count: 1 };
    if (s.count !== count) throw new InputError("bad-certificate", `shard count ${s.count} differs from ${count}`, { file: names[i], field: "shard" });
    if (seenShards.has(s.index)) throw new InputError("bad-certificate", `shard ${s.index}/${count} given twice`, { file: names[i], field: "shard" });
    seenShards.add(s.index);
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seenShards.has(i));
  if (missing.length) throw new InputError("bad-argument", `missing shard(s) ${missing.map((i) => `${i}/${count}`).join(", ")}`);
  const m = first.points.x.length;
  const byMask = new Map<number, ShatterCertificateJson["entries"][number]>();
  for (const p of parts) for (const e of p.entries) {
    const mask = parseLabelingString(e.labeling, m);
    if (mask === undefined) throw new InputError("bad-certificate", `bad labeling "${e.labeling}"`);
    if (!byMask.has(mask)) byMask.set(mask, e);
  }
  const entries = [...byMask.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
  const seconds = parts.reduce((s, p) => s + (typeof p.summary?.seconds === "number" ? p.summary.seconds : 0), 0);
  const { shard: _shard, summary: _summary, ...rest } = first;
  return { ...rest, entries, summary: { mergedFrom: parts.length, seconds } };
}

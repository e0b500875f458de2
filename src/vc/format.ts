/**
 * The `lnnet-shatter/v1` certificate writer (docs/vc.md). The reader and the checker live in src/trusted/checkers/shatter.ts,
 * which imports nothing but the kernel (src/verify, src/net, src/numbers).
 */
import { toRationalString } from "../trusted/numbers/rational.js";
import { netToJson, type NetJson } from "../workshop/write.js";
import { SHATTER_FORMAT, type ShatterCertificate } from "../trusted/checkers/shatter.js";

export { SHATTER_FORMAT, shatterFromJson, type ShatterCertificate, type ShatterEntry } from "../trusted/checkers/shatter.js";

export interface ShatterEntryJson {
  /** Character i is the label ("0"/"1") of point i. */
  labeling: string;
  net: NetJson;
  /** Highest precision the producer's kernel run needed (a hint where to start; never trusted). */
  bits?: number;
}

export interface ShatterCertificateJson {
  format: typeof SHATTER_FORMAT;
  points: { inputDim: number; x: string[][] };
  width: number;
  depth: number;
  eps: string;
  symmetries: string[];
  maxBits: number;
  entries: ShatterEntryJson[];
  /** Present on a shard's partial certificate; `lnnet vc merge` removes it. */
  shard?: { index: number; count: number };
  /** Informational (timings, table); the checker ignores it. */
  summary?: Record<string, unknown>;
}

export function shatterToJson(c: ShatterCertificate, summary?: Record<string, unknown>): ShatterCertificateJson {
  return {
    format: SHATTER_FORMAT,
    points: { inputDim: (c.points[0] ?? []).length, x: c.points.map((x) => x.map(toRationalString)) },
    width: c.width,
    depth: c.depth,
    eps: toRationalString(c.eps),
    symmetries: [...c.symmetries],
    maxBits: c.maxBits,
    entries: c.entries.map((e) => ({ labeling: e.labeling, net: netToJson(e.net), bits: e.bits })),
    ...(c.shard ? { shard: { ...c.shard } } : {}),
    ...(summary ? { summary } : {}),
  };
}

/** One entry per line, so a 30 MB certificate stays diffable and streamable. */
export function serializeShatter(json: ShatterCertificateJson): string {
  const { entries, ...head } = json;
  const headText = JSON.stringify(head);
  const body = entries.map((e) => "  " + JSON.stringify(e)).join(",\n");
  return `${headText.slice(0, -1)},"entries":[\n${body}\n]}\n`;
}

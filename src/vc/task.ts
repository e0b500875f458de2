/**
 * One unit of shattering work, the same in-process and in a worker thread: produce (or, on resume,
 * re-verify) a certified net for one labeling. Pure given its inputs, so results do not depend on
 * how the work is split (shards, workers, resumes).
 */
import { parseRational, rat, toRationalString, type Rational } from "../trusted/numbers/rational.js";
import { netFromJson } from "../trusted/net/format.js";
import { netToJson, type NetJson } from "../workshop/write.js";
import { certifyNet, produceCertified } from "./certify.js";
import { labelingString, labelsOf, type Points } from "./labelings.js";
import { lineProducer } from "./line-producer.js";
import { planeProducer } from "./plane-producer.js";
import { alternatingProducer } from "./alternating.js";
import { makeDataset } from "../workshop/dataset.js";
import { constructNet } from "../constructions/index.js";
import type { Producer } from "./producer.js";
import type { ShatterEntryJson } from "./format.js";
import { constructOrUndefined } from "../workshop/errors.js";

export type ProducerName = "line" | "plane" | "alternating" | "c1";
export const PRODUCER_NAMES: readonly ProducerName[] = ["line", "plane", "alternating", "c1"];

/** Everything a worker needs, as plain JSON (structured-clone friendly). */
export interface TaskContext {
  readonly points: string[][];
  readonly depth: number;
  readonly width: number;
  readonly eps: string;
  readonly maxBits: number;
  readonly producers: readonly ProducerName[];
}

export interface Task {
  readonly mask: number;
  /** A net from a resume journal: re-verified by the kernel, reproduced if it fails. */
  readonly net?: NetJson;
}

export interface TaskResult {
  readonly mask: number;
  /** Undefined when no producer found a net the kernel certifies. */
  readonly entry?: ShatterEntryJson;
  readonly resumed?: boolean;
}

export function producersByName(names: readonly ProducerName[], eps: Rational): Producer[] {
  return names.map((n) => {
    switch (n) {
      case "line":
        return lineProducer({ eps });
      case "plane":
        return planeProducer({ eps });
      case "alternating":
        return alternatingProducer(eps);
      case "c1":
        return c1Producer(eps);
    }
  });
}

/** The C1 construction (src/constructions, issue 3) as a producer; `attempt` varies its seed. */
function c1Producer(eps: Rational): Producer {
  return (points, labels, depth, attempt = 0) => {
    const c = constructOrUndefined(() => constructNet(makeDataset(points, labels), { eps, seed: attempt }));
    return c && c.depth <= depth ? c.net : undefined;
  };
}

export interface PreparedContext {
  readonly points: Points;
  readonly producers: readonly Producer[];
  readonly ctx: TaskContext;
}

export function prepareContext(ctx: TaskContext, extra: readonly Producer[] = []): PreparedContext {
  const eps = parseRational(ctx.eps);
  return { ctx, points: ctx.points.map((x) => x.map((v) => parseRational(v))), producers: [...extra, ...producersByName(ctx.producers, eps)] };
}

export function runTask(task: Task, p: PreparedContext): TaskResult {
  const m = p.points.length;
  const labels = labelsOf(task.mask, m);
  const labeling = labelingString(task.mask, m);
  if (task.net) {
    const net = netFromJson(task.net);
    const c = certifyNet(net, p.points, labels, p.ctx.maxBits);
    if (c.ok) return { mask: task.mask, resumed: true, entry: { labeling, net: task.net, bits: Math.max(0, ...c.bits) } };
  }
  const r = produceCertified(p.producers, p.points, labels, p.ctx.depth, { maxBits: p.ctx.maxBits, width: p.ctx.width });
  if (!r) return { mask: task.mask };
  return { mask: task.mask, entry: { labeling, net: netToJson(r.net), bits: Math.max(0, ...r.bits) } };
}

export const pointStrings = (points: Points): string[][] => points.map((x) => x.map(toRationalString));

/** The canonical 2L+1 points -L, ..., L on the line (closed under x -> -x, so mirror applies). */
export function canonicalPoints(depth: number): Rational[][] {
  return Array.from({ length: 2 * depth + 1 }, (_, i) => [rat(i - depth)]);
}

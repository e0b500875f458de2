/**
 * One-line replays: an instance (points + labels) as a shell-safe string "x1,x2;y1,y2:10", and the
 * spec that re-runs the property on exactly that instance (generator "fixed", one labeling, budget 1).
 */
import { InputError } from "../trusted/errors.js";
import { parseRational, toRationalString, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import type { InstanceJson } from "./run.js";
import type { ConjectureSpec } from "./spec.js";

export interface ReplayInstance {
  readonly points: Rational[][];
  readonly labels: Label[];
}

export function formatInstance(points: readonly (readonly (Rational | string)[])[], labels: readonly Label[]): string {
  const s = (v: Rational | string): string => (typeof v === "string" ? v : toRationalString(v));
  return `${points.map((p) => p.map(s).join(",")).join(";")}:${labels.join("")}`;
}

export function parseInstance(text: string, dim: number): ReplayInstance {
  const where = { field: "--replay" };
  const m = /^([^:]+):([01]+)$/.exec(text.trim());
  if (!m) throw new InputError("bad-argument", `expected POINTS:LABELS such as "0,0;1,1:10", got "${text}"`, where);
  // both groups are non-optional, so a match defines them
  const points = m[1]!.split(";").map((p, i) => {
    const coords = p.split(",").map((c) => parseRational(c, where));
    if (coords.length !== dim) throw new InputError("bad-argument", `point ${i} has ${coords.length} coordinates, the conjecture needs ${dim}`, where);
    return coords;
  });
  const labels = [...m[2]!].map((c) => (c === "1" ? 1 : 0) as Label);
  if (labels.length !== points.length) throw new InputError("bad-argument", `${points.length} points but ${labels.length} labels`, where);
  return { points, labels };
}

export function withReplay(spec: ConjectureSpec, inst: ReplayInstance): ConjectureSpec {
  return {
    ...spec,
    data: { ...spec.data, generator: "fixed", points: inst.points.length, fixed: inst.points, labels: [inst.labels] },
    budget: 1,
  };
}

const shellQuote = (s: string): string => (/^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** `lnnet search <source> --seed S [--depth D] --replay '...'` where source is `--conjecture NAME` or a spec path. */
export function replayCommand(source: { conjecture: string } | { specPath: string }, seed: number, inst: InstanceJson, classDepth: number): string {
  const src = "conjecture" in source ? `--conjecture ${shellQuote(source.conjecture)}` : shellQuote(source.specPath);
  const depth = inst.depth !== undefined && inst.depth !== classDepth ? ` --depth ${inst.depth}` : "";
  return `lnnet search ${src} --seed ${seed}${depth} --replay ${shellQuote(formatInstance(inst.points, inst.labels))}`;
}

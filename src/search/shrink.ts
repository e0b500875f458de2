/**
 * Shrinking, fast-check style: from a failing instance, greedily drop one point (or one layer) at a
 * time while the instance still fails, until no single removal keeps it failing. The result is
 * locally minimal: removing any one point, or one layer (down to depth 1, the smallest class), makes
 * it no longer a counterexample. Deterministic: candidates are tried in index order.
 */
import type { Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";

export interface Instance {
  readonly points: readonly (readonly Rational[])[];
  readonly labels: readonly Label[];
  readonly depth: number;
}

export type Fails = (inst: Instance) => boolean;

export const withoutPoint = (inst: Instance, i: number): Instance => ({
  points: inst.points.filter((_, j) => j !== i),
  labels: inst.labels.filter((_, j) => j !== i),
  depth: inst.depth,
});

/** All instances one removal away (depth first, then points in order). */
export function oneSmaller(inst: Instance): Instance[] {
  const out: Instance[] = [];
  if (inst.depth > 1) out.push({ ...inst, depth: inst.depth - 1 });
  if (inst.points.length > 1) for (let i = 0; i < inst.points.length; i++) out.push(withoutPoint(inst, i));
  return out;
}

export function shrink(start: Instance, fails: Fails): { instance: Instance; steps: number } {
  let cur = start;
  let steps = 0;
  for (;;) {
    const next = oneSmaller(cur).find(fails);
    if (!next) return { instance: cur, steps };
    cur = next;
    steps++;
  }
}

export const isLocallyMinimal = (inst: Instance, fails: Fails): boolean => fails(inst) && !oneSmaller(inst).some(fails);

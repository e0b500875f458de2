/**
 * Built-in conjectures (`lnnet search --conjecture NAME`). Each entry is a plain spec JSON, parsed by
 * parseSpec like a user's file; docs/search.md says what is known about each.
 * `depth-L-shatters-N` is a family: any L >= 1 and N >= 2 (the point set lies on the line).
 */
import { InputError } from "../trusted/errors.js";
import { parseSpec, type ConjectureSpec } from "./spec.js";

const BUILTIN: Record<string, Record<string, unknown>> = {
  "width2-xor": {
    description: "every labeling of the unit square {0,1}^2 is realised by a width-2 LN-Net (eps = 0); false: XOR",
    inputDim: 2,
    class: { width: 2, depth: 2, norm: "ln", eps: "0" },
    data: { generator: "lattice", points: 4, range: 1 },
    property: { kind: "all-labelings", quantifier: "every-set" },
    budget: 5,
  },
  "width2-any-labeling": {
    description: "every labeling of random 4-point sets in the plane is realised by a width-2 LN-Net (eps = 0); false",
    inputDim: 2,
    class: { width: 2, depth: 2, norm: "ln", eps: "0" },
    data: { generator: "random", points: 5, range: 3 },
    property: { kind: "all-labelings", quantifier: "every-set" },
    budget: 20,
  },
  "depth1-shatters-4-on-line": {
    description: "some 4 points on the line are shattered by depth-1 width-3 LN-Nets (eps = 0); false (theorem L1)",
    inputDim: 1,
    class: { width: 3, depth: 1, norm: "ln", eps: "0" },
    data: { generator: "random", points: 4, range: 5, denominator: 2 },
    property: { kind: "all-labelings", quantifier: "some-set" },
    budget: 5,
  },
  "rms-depth1-shatters-4-on-line": {
    description: "some 4 points on the line are shattered by depth-1 width-2 RMS nets (eps = 0); false (theorem L1 covers RMS)",
    inputDim: 1,
    class: { width: 2, depth: 1, norm: "rms", eps: "0" },
    data: { generator: "random", points: 4, range: 5, denominator: 2 },
    property: { kind: "all-labelings", quantifier: "some-set" },
    budget: 5,
  },
  "construction-within-bound": {
    description: "the C1 construction certifies every labeled set with depth at most max(1, floor(m/2)) (theorem C1)",
    inputDim: 2,
    class: { width: 3, depth: 64, norm: "ln", eps: "0" },
    data: { generator: "random", points: 8, range: 4, denominator: 3 },
    property: { kind: "construction-within-bound", labelings: 3 },
    budget: 10,
  },
  "rms-width2-any-labeling": {
    description: "every labeling of random 4-point sets in the plane is realised by a width-2 RMS net of depth 1 (eps = 0)",
    inputDim: 2,
    class: { width: 2, depth: 1, norm: "rms", eps: "0" },
    data: { generator: "random", points: 4, range: 3 },
    property: { kind: "all-labelings", quantifier: "every-set" },
    budget: 5,
  },
  "rms-width3-any-labeling": {
    description: "every labeling of random 5-point sets in the plane is realised by a width-3 RMS net of depth 1 (eps = 0)",
    inputDim: 2,
    class: { width: 3, depth: 1, norm: "rms", eps: "0" },
    data: { generator: "random", points: 5, range: 3 },
    property: { kind: "all-labelings", quantifier: "every-set" },
    budget: 3,
  },
};

function shatterSpec(L: number, n: number): Record<string, unknown> {
  return {
    description: `some ${n} points on the line are shattered by width-3 LN-Nets of depth ${L} (eps = 0)`,
    inputDim: 1,
    class: { width: 3, depth: L, norm: "ln", eps: "0" },
    data: { generator: "random", points: n, range: 4, denominator: 2 },
    property: { kind: "all-labelings", quantifier: "some-set" },
    budget: 2,
  };
}

export const BUILTIN_NAMES: readonly string[] = [...Object.keys(BUILTIN), "depth-L-shatters-N (e.g. depth-1-shatters-4, depth-2-shatters-6)"];

/** The spec JSON of a built-in conjecture, with optional seed / budget overrides. */
export function builtinSpecJson(name: string): Record<string, unknown> {
  const fixed = BUILTIN[name];
  if (fixed) return { name, seed: 1, ...fixed };
  const m = /^depth-(\d+)-shatters-(\d+)$/.exec(name);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 8 && Number(m[2]) >= 2 && Number(m[2]) <= 10) return { name, seed: 1, ...shatterSpec(Number(m[1]), Number(m[2])) };
  throw new InputError("bad-argument", `unknown conjecture "${name}"; built-in: ${BUILTIN_NAMES.join(", ")}`, { field: "--conjecture" });
}

export const builtinSpec = (name: string): ConjectureSpec => parseSpec(builtinSpecJson(name));

/**
 * Conjecture specs: the declarative JSON form and its TypeScript twin (ConjectureSpec), validated
 * with errors that name the field (InputError code "bad-spec").
 *
 * {"name": "width2-xor", "inputDim": 2,
 *  "class": {"width": 2, "depth": 1, "norm": "ln" | "lng:G" | "rms", "eps": "0"},
 *  "data": {"generator": "random" | "lattice" | "near-duplicates" | "fixed", "points": 4,
 *           "range": 2, "denominator": 1, "fixed": [["0","0"], ...], "labels": [[1,0,...]]},
 *  "property": {"kind": "all-labelings", "quantifier": "every-set" | "some-set"}
 *            | {"kind": "construction-within-bound", "labelings": 4},
 *  "budget": 50, "seed": 1}
 */
import { InputError } from "../trusted/errors.js";
import { rationalFromJson, sign, toRationalString, type Rational } from "../trusted/numbers/rational.js";
import type { Label } from "../trusted/net/dataset.js";
import { normName, type NetClass, type Norm } from "./net-class.js";

export type Generator = "random" | "lattice" | "near-duplicates" | "fixed";

export interface DataSpec {
  readonly generator: Generator;
  /** Points per generated set. */
  readonly points: number;
  /** Coordinates are integers / denominator in [-range, range] (random, near-duplicates) or lattice steps. */
  readonly range: number;
  readonly denominator: number;
  /** The point set for generator "fixed". */
  readonly fixed?: readonly (readonly Rational[])[];
  /** Restrict "all-labelings" to these labelings (replay of one instance). */
  readonly labels?: readonly (readonly Label[])[];
}

export type Property =
  | { readonly kind: "all-labelings"; readonly quantifier: "every-set" | "some-set" }
  | { readonly kind: "construction-within-bound"; readonly labelings: number };

export interface ConjectureSpec {
  readonly name: string;
  readonly description?: string;
  readonly class: NetClass;
  readonly data: DataSpec;
  readonly property: Property;
  /** Number of point sets to generate (the search budget). */
  readonly budget: number;
  readonly seed: number;
}

type Obj = Record<string, unknown>;
const bad = (field: string, msg: string): never => {
  throw new InputError("bad-spec", msg, { field });
};
function obj(v: unknown, field: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) bad(field, `expected an object, got ${JSON.stringify(v)}`);
  return v as Obj;
}
function int(v: unknown, field: string, min: number, max: number, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) bad(field, `expected an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
  return v as number;
}
function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[], fallback?: T): T {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "string" || !allowed.includes(v as T)) bad(field, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${JSON.stringify(v)}`);
  return v as T;
}
function noExtraKeys(o: Obj, field: string, keys: readonly string[]): void {
  for (const k of Object.keys(o)) if (!keys.includes(k)) bad(field ? `${field}.${k}` : k, `unknown field (allowed: ${keys.join(", ")})`);
}

function parseNorm(v: unknown, width: number): Norm {
  if (v === "ln") return { kind: "ln", groups: 1 };
  if (v === "rms") return { kind: "rms" };
  const m = typeof v === "string" ? /^lng:(\d+)$/.exec(v) : null;
  if (!m) return bad("class.norm", `expected "ln", "lng:G" or "rms", got ${JSON.stringify(v)}`);
  const g = Number(m[1]);
  if (g < 1 || width % g !== 0 || width / g < 2) bad("class.norm", `groups ${g} must divide width ${width} into groups of at least 2 neurons`);
  return { kind: "ln", groups: g };
}

export function parseSpec(json: unknown): ConjectureSpec {
  const o = obj(json, "(spec)");
  noExtraKeys(o, "", ["name", "description", "inputDim", "class", "data", "property", "budget", "seed"]);
  if (typeof o.name !== "string" || !/^[A-Za-z0-9+_.:-]{1,80}$/.test(o.name)) bad("name", "expected a name of letters, digits and + _ . : -");
  const inputDim = int(o.inputDim, "inputDim", 1, 16);
  const c = obj(o.class, "class");
  noExtraKeys(c, "class", ["width", "depth", "norm", "eps"]);
  const width = int(c.width, "class.width", 2, 16);
  const depth = int(c.depth, "class.depth", 1, 64);
  const norm = parseNorm(c.norm ?? "ln", width);
  let eps: Rational;
  try {
    eps = rationalFromJson(c.eps ?? "0", "class.eps");
  } catch (e) {
    return bad("class.eps", e instanceof InputError ? e.bareMessage() : String(e));
  }
  if (sign(eps) < 0) bad("class.eps", "eps must be >= 0");
  const data = parseData(o.data, inputDim);
  const property = parseProperty(o.property);
  const budget = int(o.budget, "budget", 1, 1_000_000, 20);
  const seed = int(o.seed, "seed", 0, 2 ** 32 - 1, 1);
  const description = o.description === undefined ? undefined : typeof o.description === "string" ? o.description : bad("description", "expected a string");
  return { name: o.name as string, description, class: { inputDim, width, depth, norm, eps }, data, property, budget, seed };
}

function parseData(v: unknown, inputDim: number): DataSpec {
  const d = obj(v, "data");
  noExtraKeys(d, "data", ["generator", "points", "range", "denominator", "fixed", "labels"]);
  const generator = oneOf<Generator>(d.generator, "data.generator", ["random", "lattice", "near-duplicates", "fixed"]);
  let fixed: Rational[][] | undefined;
  if (generator === "fixed" || d.fixed !== undefined) {
    if (!Array.isArray(d.fixed) || d.fixed.length === 0) return bad("data.fixed", "expected a nonempty array of points");
    fixed = d.fixed.map((p: unknown, i: number) => {
      if (!Array.isArray(p) || p.length !== inputDim) return bad(`data.fixed[${i}]`, `expected ${inputDim} coordinates`);
      return p.map((x: unknown, j: number) => {
        try {
          return rationalFromJson(x, `data.fixed[${i}][${j}]`);
        } catch (e) {
          return bad(`data.fixed[${i}][${j}]`, e instanceof InputError ? e.bareMessage() : String(e));
        }
      });
    });
  }
  const points = fixed ? int(d.points, "data.points", fixed.length, fixed.length, fixed.length) : int(d.points, "data.points", 1, 12);
  let labels: Label[][] | undefined;
  if (d.labels !== undefined) {
    if (!Array.isArray(d.labels)) return bad("data.labels", "expected an array of labelings");
    labels = d.labels.map((l: unknown, i: number) => {
      if (!Array.isArray(l) || l.length !== points || l.some((b) => b !== 0 && b !== 1)) return bad(`data.labels[${i}]`, `expected ${points} labels, each 0 or 1`);
      return l as Label[];
    });
  }
  return {
    generator,
    points,
    range: int(d.range, "data.range", 1, 1000, 3),
    denominator: int(d.denominator, "data.denominator", 1, 1000, 1),
    fixed,
    labels,
  };
}

function parseProperty(v: unknown): Property {
  const p = obj(v, "property");
  const kind = oneOf(p.kind, "property.kind", ["all-labelings", "construction-within-bound"] as const);
  if (kind === "all-labelings") {
    noExtraKeys(p, "property", ["kind", "quantifier"]);
    return { kind, quantifier: oneOf(p.quantifier, "property.quantifier", ["every-set", "some-set"] as const, "every-set") };
  }
  noExtraKeys(p, "property", ["kind", "labelings"]);
  return { kind, labelings: int(p.labelings, "property.labelings", 1, 64, 4) };
}

/** The JSON form of a spec (parseSpec(specToJson(s)) equals s). */
export function specToJson(s: ConjectureSpec): Record<string, unknown> {
  const data: Record<string, unknown> = { generator: s.data.generator, points: s.data.points, range: s.data.range, denominator: s.data.denominator };
  if (s.data.fixed) data.fixed = s.data.fixed.map((p) => p.map(toRationalString));
  if (s.data.labels) data.labels = s.data.labels.map((l) => [...l]);
  const out: Record<string, unknown> = { name: s.name };
  if (s.description) out.description = s.description;
  return {
    ...out,
    inputDim: s.class.inputDim,
    class: { width: s.class.width, depth: s.class.depth, norm: normName(s.class.norm), eps: toRationalString(s.class.eps) },
    data,
    property: s.property,
    budget: s.budget,
    seed: s.seed,
  };
}

import { describe, expect, it } from "vitest";
import { InputError } from "../src/trusted/errors.js";
import { BUILTIN_NAMES, builtinSpec, builtinSpecJson } from "../src/search/conjectures.js";
import { parseSpec, specToJson } from "../src/search/spec.js";

const good = {
  name: "t",
  inputDim: 2,
  class: { width: 3, depth: 2, norm: "lng:1", eps: "1e-5" },
  data: { generator: "random", points: 4, range: 2, denominator: 3 },
  property: { kind: "all-labelings", quantifier: "some-set" },
  budget: 3,
  seed: 9,
};

const fieldOf = (json: unknown): string | undefined => {
  try {
    parseSpec(json);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe("bad-spec");
    return (e as InputError).location.field;
  }
  return undefined;
};

describe("conjecture specs", () => {
  it("parse and round-trip through JSON", () => {
    const s = parseSpec(good);
    expect(s.class.eps.toFraction()).toBe("1/100000");
    expect(parseSpec(specToJson(s))).toEqual(s);
  });
  it("every built-in conjecture parses", () => {
    for (const n of BUILTIN_NAMES.filter((x) => !x.includes(" "))) expect(builtinSpec(n).name).toBe(n);
    expect(builtinSpec("depth-3-shatters-8").class.depth).toBe(3);
    expect(() => builtinSpecJson("nope")).toThrow(/unknown conjecture/);
  });
  it("errors name the offending field", () => {
    expect(fieldOf({ ...good, class: { ...good.class, width: 1 } })).toBe("class.width");
    expect(fieldOf({ ...good, class: { ...good.class, norm: "bn" } })).toBe("class.norm");
    expect(fieldOf({ ...good, class: { ...good.class, norm: "lng:3" } })).toBe("class.norm"); // groups of 1 neuron
    expect(fieldOf({ ...good, class: { ...good.class, eps: "-1" } })).toBe("class.eps");
    expect(fieldOf({ ...good, class: { ...good.class, eps: "NaN" } })).toBe("class.eps");
    expect(fieldOf({ ...good, data: { ...good.data, generator: "gauss" } })).toBe("data.generator");
    expect(fieldOf({ ...good, data: { generator: "fixed", fixed: [["0"]] } })).toBe("data.fixed[0]");
    expect(fieldOf({ ...good, data: { ...good.data, labels: [[1, 0]] } })).toBe("data.labels[0]");
    expect(fieldOf({ ...good, property: { kind: "lssr" } })).toBe("property.kind");
    expect(fieldOf({ ...good, budget: 0 })).toBe("budget");
    expect(fieldOf({ ...good, seed: -1 })).toBe("seed");
    expect(fieldOf({ ...good, extra: 1 })).toBe("extra");
    expect(fieldOf({ ...good, name: "" })).toBe("name");
    expect(fieldOf([])).toBe("(spec)");
  });
});

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseRational, rat } from "../src/trusted/numbers/rational.js";
import type { Label } from "../src/trusted/net/dataset.js";
import { builtinSpec, builtinSpecJson } from "../src/search/conjectures.js";
import { construct } from "../src/search/construction-hook.js";
import { decideExactly } from "../src/search/exact-decision.js";
import { checkRefutationJson } from "../src/trusted/checkers/refutation.js";
import { parseInstance, replayCommand, withReplay } from "../src/search/replay.js";
import { runSearch, type SearchResult } from "../src/search/run.js";
import { isLocallyMinimal, shrink, type Instance } from "../src/search/shrink.js";
import { parseSpec, type ConjectureSpec } from "../src/search/spec.js";
import { checkCertificate } from "../src/trusted/verify/certificate.js";
import { loadCorpus } from "./search-helpers.js";

const corpus = loadCorpus();
/** Every counterexample a test finds must be pinned in test/regressions (same conjecture, same instance). */
const expectPinned = (r: SearchResult): void => {
  const key = JSON.stringify([r.conjecture, r.instance?.points, r.instance?.labels]);
  expect(corpus.map((c) => JSON.stringify([c.pin.conjecture, c.pin.instance.points, c.pin.instance.labels])), `pin ${key} in test/regressions`).toContain(key);
};

/** A custom spec (its pin in test/regressions carries the spec itself). */
const EIGHT_POINTS = {
  name: "width2-8-random-points",
  inputDim: 2,
  class: { width: 2, depth: 3, norm: "ln", eps: "0" },
  data: { generator: "random", points: 8, range: 4 },
  property: { kind: "all-labelings", quantifier: "every-set" },
  budget: 5,
  seed: 1,
};

const seeded = (name: string, seed: number): ConjectureSpec => parseSpec({ ...builtinSpecJson(name), seed });

describe("known-false conjectures are refuted within budget (fixed seeds), with checked proofs", () => {
  for (const name of ["width2-xor", "width2-any-labeling", "depth1-shatters-4-on-line", "rms-depth1-shatters-4-on-line"]) {
    for (const seed of [1, 2, 3]) {
      it(`${name}, seed ${seed}`, () => {
        const spec = seeded(name, seed);
        const r = runSearch(spec);
        expect(r.outcome).toBe("refuted");
        expect(r.stats.sets).toBeLessThanOrEqual(spec.budget);
        expect(checkRefutationJson(r.refutation)).toEqual({ ok: true });
        expectPinned(r);
        expect(corpus.some((c) => c.pin.replay === replayCommand({ conjecture: name }, seed, r.instance ?? { points: [], labels: [] }, spec.class.depth))).toBe(true);
      });
    }
  }
  it("the family name depth-1-shatters-4 is refuted too", () => {
    expect(runSearch(builtinSpec("depth-1-shatters-4")).outcome).toBe("refuted");
  });
});

describe("known-true statements yield no counterexample", () => {
  it("width 2 realises every labeling of a triangle (3 points in general position: VC of halfspaces)", () => {
    const spec = parseSpec({
      name: "triangle",
      inputDim: 2,
      class: { width: 2, depth: 1, norm: "ln" },
      data: { generator: "fixed", fixed: [["0", "0"], ["1", "0"], ["0", "1"]] },
      property: { kind: "all-labelings" },
      budget: 1,
    });
    const r = runSearch(spec);
    expect(r.outcome).toBe("certified");
    expect(r.certificates).toHaveLength(8);
    for (const c of r.certificates ?? []) expect(checkCertificate(c.certificate).ok).toBe(true);
  });
  it("depth 1 on the line shatters 3 points (every labeling certified by the kernel)", () => {
    const r = runSearch(builtinSpec("depth-1-shatters-3"));
    expect(r.outcome).toBe("certified");
    expect(r.certificates).toHaveLength(8);
    for (const c of r.certificates ?? []) expect(checkCertificate(c.certificate).ok).toBe(true);
  });
  it("depth 2 shatters 5 points on the line (C2 with L = 2): certified, 32 kernel certificates", () => {
    const r = runSearch(builtinSpec("depth-2-shatters-5"));
    expect(r.outcome).toBe("certified");
    expect(r.certificates).toHaveLength(32);
    for (const c of r.certificates ?? []) expect(checkCertificate(c.certificate).ok).toBe(true);
  });
  it.skipIf(construct === undefined)("construction-within-bound finds no counterexample", () => {
    expect(runSearch(builtinSpec("construction-within-bound")).outcome).toBe("not-found");
  });
  it("construction-within-bound says it cannot run while the construction is not wired", () => {
    if (construct !== undefined) return;
    expect(() => runSearch(builtinSpec("construction-within-bound"))).toThrow(/not available/);
  });
});

describe("replays reproduce the same instance", () => {
  for (const name of ["width2-any-labeling", "depth1-shatters-4-on-line"]) {
    it(name, () => {
      const spec = seeded(name, 2);
      const first = runSearch(spec);
      const again = runSearch(spec);
      expect(again.instance).toEqual(first.instance); // same seed, same search
      const inst = first.instance;
      if (!inst) throw new Error("expected an instance");
      const replayed = runSearch(withReplay({ ...spec, class: { ...spec.class, depth: inst.depth ?? spec.class.depth } }, parseInstance(`${inst.points.map((p) => p.join(",")).join(";")}:${inst.labels.join("")}`, spec.class.inputDim)));
      expect(replayed.outcome).toBe(first.outcome);
      expect(replayed.instance).toEqual(first.instance);
      expect(replayed.refutation).toEqual(first.refutation);
    });
  }
});

describe("shrinking", () => {
  it("a refutation found on 8 random points shrinks to a locally minimal instance", () => {
    const spec = parseSpec(EIGHT_POINTS);
    const r = runSearch(spec);
    expect(r.outcome).toBe("refuted");
    const inst: Instance = { points: (r.instance?.points ?? []).map((p) => p.map((v) => parseRational(v))), labels: r.instance?.labels ?? [], depth: r.instance?.depth ?? 0 };
    const refutes = (i: Instance): boolean => decideExactly({ ...spec.class, depth: i.depth }, i.points, i.labels).kind === "refuted";
    expect(r.shrunkFrom).toBe(8);
    expect(inst.points.length).toBeLessThanOrEqual(4); // Radon: at most d + 2 points are needed
    expect(inst.depth).toBe(1);
    expect(isLocallyMinimal(inst, refutes)).toBe(true);
    expectPinned(r);
  });

  it("property: shrink returns a locally minimal failing instance", () => {
    // fails when there are >= 2 label-1 points and >= 1 label-0 point, and depth >= 2: minimum is 3 points, depth 2
    const fails = (i: Instance): boolean => i.depth >= 2 && i.labels.filter((l) => l === 1).length >= 2 && i.labels.includes(0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom<Label>(0, 1), { minLength: 3, maxLength: 12 }), fc.integer({ min: 2, max: 6 }), (labels, depth) => {
        const inst: Instance = { points: labels.map((_, i) => [rat(i)]), labels, depth };
        fc.pre(fails(inst));
        const { instance } = shrink(inst, fails);
        expect(isLocallyMinimal(instance, fails)).toBe(true);
        expect(instance.points.length).toBe(3);
        expect(instance.depth).toBe(2);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

/** Replays every pinned counterexample / refutation in test/regressions (the regression corpus). */
import { describe, expect, it } from "vitest";
import { builtinSpecJson } from "../src/search/conjectures.js";
import { checkRefutationJson } from "../src/trusted/checkers/refutation.js";
import { parseInstance, withReplay } from "../src/search/replay.js";
import { runSearch } from "../src/search/run.js";
import { parseSpec } from "../src/search/spec.js";
import { loadCorpus, splitCommand } from "./search-helpers.js";

describe("regression corpus", () => {
  const corpus = loadCorpus();
  it("is not empty", () => expect(corpus.length).toBeGreaterThan(0));
  for (const { file, pin } of corpus) {
    it(`${file} replays to the same outcome and instance`, () => {
      const argv = splitCommand(pin.replay);
      const flag = (name: string): string | undefined => argv[argv.indexOf(name) + 1];
      const base = parseSpec(pin.spec ?? builtinSpecJson(pin.conjecture));
      const depth = argv.includes("--depth") ? Number(flag("--depth")) : base.class.depth;
      const spec = withReplay({ ...base, seed: Number(flag("--seed")), class: { ...base.class, depth } }, parseInstance(flag("--replay") as string, base.class.inputDim));
      const r = runSearch(spec);
      expect(r.outcome).toBe(pin.outcome);
      expect(r.instance?.points).toEqual(pin.instance.points);
      expect(r.instance?.labels).toEqual(pin.instance.labels);
      if (pin.refutation) {
        expect(checkRefutationJson(pin.refutation)).toEqual({ ok: true });
        expect(r.refutation).toEqual(pin.refutation);
      }
    });
  }
});

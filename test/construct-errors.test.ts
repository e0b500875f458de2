/**
 * Only ConstructionFailed ("this builder cannot") makes constructNet fall back to the next builder;
 * a broken invariant inside a builder is a bug and propagates. The scale-free builder is replaced by
 * a stub that fails as the test says.
 */
import { describe, expect, it, vi } from "vitest";
import { constructNet } from "../src/constructions/construct.js";
import { makeDataset } from "../src/trusted/net/dataset.js";
import { rat } from "../src/trusted/numbers/rational.js";
import { ConstructionFailed, constructOrUndefined } from "../src/workshop/errors.js";

const stub = vi.hoisted(() => ({ failure: undefined as Error | undefined }));
vi.mock("../src/constructions/exact-folds.js", async (original) => ({
  ...(await original<typeof import("../src/constructions/exact-folds.js")>()),
  buildExactFolds: () => {
    throw stub.failure;
  },
}));

const alternating = makeDataset([0, 1, 2, 3].map((x) => [rat(x)]), [0, 1, 0, 1]);

describe("construction failures", () => {
  it("ConstructionFailed from the scale-free builder: the planner takes over", () => {
    stub.failure = new ConstructionFailed("stub: beyond reach");
    const c = constructNet(alternating, { seed: 1 });
    expect(c.stats.builder).toBe("planner");
  });

  it("a broken invariant propagates instead of falling back", () => {
    stub.failure = new Error("exact folds: plan invariant broken: stub");
    expect(() => constructNet(alternating, { seed: 1 })).toThrow(/plan invariant broken: stub/);
    expect(() => constructOrUndefined(() => constructNet(alternating, { seed: 1 }))).toThrow(/plan invariant broken/);
  });

  it("when every builder cannot, the error is a ConstructionFailed naming each builder", () => {
    stub.failure = new ConstructionFailed("stub: beyond reach");
    let err: unknown;
    try {
      constructNet(alternating, { seed: 1, builder: "scale-free" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConstructionFailed);
    expect((err as ConstructionFailed).reason).toBe("scale-free: stub: beyond reach");
    expect(constructOrUndefined(() => constructNet(alternating, { seed: 1, builder: "scale-free" }))).toBeUndefined();
  });
});

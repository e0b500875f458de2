/**
 * Only ConstructionFailed ("this builder cannot") makes constructNet try the next view and, when no
 * view works, fail with ConstructionFailed; a broken invariant inside the builder is a bug and
 * propagates. The scale-free builder is replaced by a stub that fails as the test says.
 */
import { describe, expect, it, vi } from "vitest";
import { constructNet } from "../src/constructions/construct.js";
import { makeDataset } from "../src/workshop/dataset.js";
import { rat } from "../src/trusted/numbers/rational.js";
import { ConstructionFailed, constructOrUndefined } from "../src/workshop/errors.js";

const stub = vi.hoisted(() => ({ failure: undefined as Error | undefined, calls: 0 }));
vi.mock("../src/constructions/exact-folds.js", async (original) => ({
  ...(await original<typeof import("../src/constructions/exact-folds.js")>()),
  buildExactFolds: () => {
    stub.calls++;
    throw stub.failure;
  },
}));

const alternating = makeDataset([0, 1, 2, 3].map((x) => [rat(x)]), [0, 1, 0, 1]);

describe("construction failures", () => {
  it("ConstructionFailed on a view: the next view is tried", () => {
    stub.failure = new ConstructionFailed("stub: beyond reach");
    stub.calls = 0;
    expect(() => constructNet(alternating, { seed: 1 })).toThrow(ConstructionFailed);
    expect(stub.calls).toBeGreaterThan(1);
  });

  it("a broken invariant propagates at once (no other view is tried)", () => {
    stub.failure = new Error("exact folds: plan invariant broken: stub");
    stub.calls = 0;
    expect(() => constructNet(alternating, { seed: 1 })).toThrow(/plan invariant broken: stub/);
    expect(stub.calls).toBe(1);
    expect(() => constructOrUndefined(() => constructNet(alternating, { seed: 1 }))).toThrow(/plan invariant broken/);
  });

  it("when no view can be built, the error is a ConstructionFailed with the first view's reason", () => {
    stub.failure = new ConstructionFailed("stub: beyond reach");
    let err: unknown;
    try {
      constructNet(alternating, { seed: 1 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConstructionFailed);
    expect((err as ConstructionFailed).reason).toBe("stub: beyond reach");
    expect(constructOrUndefined(() => constructNet(alternating, { seed: 1 }))).toBeUndefined();
  });
});
